import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import {
  type EvidenceFileView,
  type IndicatorsPage,
  type IndicatorView,
  type ManualValueView,
  type UploadedEvidenceView,
  VALUE_FILES,
  type ValueInput,
} from '../../../../src/modules/project/indicators/contract.ts';
import { ApiError, api, fieldPath } from '../../../app/api.ts';
import { formatDate } from '../../../ui/dates.ts';
import { ACCEPTED_FILES, FileField } from '../../../ui/FileField.tsx';
import { TextField } from '../../../ui/fields.tsx';
import { FormProblem, reportProblem } from '../../../ui/forms.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { TableScroll } from '../../../ui/TableScroll.tsx';
import { TextAreaField } from '../../cases/TextAreaField.tsx';
import { AttachedFiles, type FilesEditing } from '../NoteFiles.tsx';

const number = new Intl.NumberFormat('it-IT', { maximumFractionDigits: 2 });
export const pageKey = (id: string) => ['project', 'projects', id, 'indicators'] as const;
const fileUrl = (valueId: string, fileId: string) =>
  `/api/project/indicator-values/${valueId}/files/${fileId}`;

/** A number as a clerk types it («1.200», «12,5», «80»); null when it is not one, for the server to say so. */
export function decimal(typed: string): number | null {
  const compact = typed.replace(/\s/g, '');
  const normalised = compact.includes(',')
    ? compact.replace(/\./g, '').replace(',', '.')
    : /^\d{1,3}(\.\d{3})+$/.test(compact)
      ? compact.replace(/\./g, '')
      : compact;
  return /^\d+(\.\d+)?$/.test(normalised) ? Number(normalised) : null;
}

/** The evidence of a value: its note and its files, each a download link (the download is recorded). */
function Evidence({
  value,
  editing,
  canDownload,
}: {
  value: ManualValueView;
  editing: FilesEditing | null;
  canDownload: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      {value.note && <p className="text-break mb-1">{value.note}</p>}
      <AttachedFiles
        files={value.files}
        urlOf={(fileId) => (canDownload ? fileUrl(value.id, fileId) : null)}
        label={t('projectIndicators.evidenceFiles')}
        editing={editing}
      />
      {value.frozen && <p className="small text-secondary mb-0">{t('projectIndicators.frozenValue')}</p>}
    </>
  );
}

/** The value frozen in a snapshot for an indicator entered by hand, with the evidence it was taken on. */
export function FrozenEvidence({
  evidence,
  label,
  unit,
  canDownload,
}: {
  evidence: ManualValueView | null;
  label: string;
  unit: string;
  canDownload: boolean;
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="indicator-evidence">
      <h3 id="indicator-evidence" className="h5">
        {t('projectIndicators.frozenEvidence', { label })}
      </h3>
      {evidence ? (
        <dl>
          <dt>{t('projectIndicators.value')}</dt>
          <dd>{`${number.format(evidence.value)} ${unit}`}</dd>
          <dt>{t('projectIndicators.measuredOn')}</dt>
          <dd>{formatDate(evidence.measuredOn)}</dd>
          <dt>{t('projectIndicators.recordedBy')}</dt>
          <dd>{evidence.recordedBy}</dd>
          <dt>{t('projectIndicators.evidence')}</dt>
          <dd>
            <Evidence value={evidence} editing={null} canDownload={canDownload} />
          </dd>
        </dl>
      ) : (
        <p>{t('projectIndicators.noFrozenValue')}</p>
      )}
    </section>
  );
}

/** The values of an indicator entered by hand, each with its evidence, and the manager's form to add one. */
export function ManualValues({
  indicator,
  projectId,
  canManage,
  canDownload,
}: {
  indicator: IndicatorView;
  projectId: string;
  canManage: boolean;
  canDownload: boolean;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const editing = (value: ManualValueView): FilesEditing | null =>
    canManage && !value.frozen
      ? {
          attach: (file) =>
            api.upload<EvidenceFileView>(`/api/project/indicator-values/${value.id}/files`, { file }),
          remove: (fileId) => api.delete(fileUrl(value.id, fileId)),
          onChanged: () => client.invalidateQueries({ queryKey: pageKey(projectId) }),
          words: {
            remove: (name) => t('projectIndicators.removeFile', { name }),
            file: t('projectIndicators.addedFile'),
            hint: t('projectIndicators.fileHint'),
            add: t('projectIndicators.addFile'),
            missing: t('projectIndicators.fileMissing'),
            wrongType: t('projectIndicators.fileWrongType'),
          },
        }
      : null;
  return (
    <section className="mt-3" aria-labelledby="indicator-manual-values">
      <h3 id="indicator-manual-values" className="h5">
        {t('projectIndicators.manualValues')}
      </h3>
      {indicator.values.length === 0 ? (
        <p>{t('projectIndicators.noManualValues')}</p>
      ) : (
        <TableScroll label={t('projectIndicators.manualValues')}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('projectIndicators.measuredOn')}</th>
                <th scope="col">{t('projectIndicators.value')}</th>
                <th scope="col">{t('projectIndicators.evidence')}</th>
                <th scope="col">{t('projectIndicators.recordedBy')}</th>
              </tr>
            </thead>
            <tbody>
              {indicator.values.map((value) => (
                <tr key={value.id}>
                  <td>{formatDate(value.measuredOn)}</td>
                  <td>{`${number.format(value.value)} ${indicator.unit}`}</td>
                  <td>
                    <Evidence value={value} editing={editing(value)} canDownload={canDownload} />
                  </td>
                  <td>{value.recordedBy}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {canManage && <ValueForm indicator={indicator} projectId={projectId} />}
    </section>
  );
}

type ValueFields = Record<Exclude<keyof ValueInput, 'files'>, string>;

/**
 * The upload token of each file, sending only those not sent yet; or the first file the server would not keep
 * (type, size), with its reason.
 */
async function evidenceTokens(
  indicatorId: string,
  files: readonly File[],
  sent: Map<File, string>,
): Promise<{ tokens: string[] } | { refused: string; reason: string }> {
  const tokens: string[] = [];
  for (const file of files) {
    let token = sent.get(file);
    if (!token) {
      try {
        const url = `/api/project/indicators/${indicatorId}/evidence-uploads`;
        token = (await api.upload<UploadedEvidenceView>(url, { file })).token;
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        return { refused: file.name, reason: error.userMessage };
      }
      sent.set(file, token);
    }
    tokens.push(token);
  }
  return { tokens };
}

/**
 * The manager records a value with its evidence: the files go first, each checked by the server, and the value
 * then names them by their upload tokens; a file already sent is not sent again when the value is corrected.
 */
function ValueForm({ indicator, projectId }: { indicator: IndicatorView; projectId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const fileId = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const tokens = useRef(new Map<File, string>());
  const [done, setDone] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const form = useForm<ValueFields>({ defaultValues: { value: '', measuredOn: '', note: '' } });
  const save = useMutation({
    mutationFn: async ({ input, files }: { input: ValueFields; files: File[] }) => {
      const uploaded = await evidenceTokens(indicator.id, files, tokens.current);
      if ('refused' in uploaded) return uploaded;
      return api.post<IndicatorsPage>(`/api/project/indicators/${indicator.id}/values`, {
        value: decimal(input.value),
        measuredOn: input.measuredOn,
        note: input.note.trim() === '' ? null : input.note,
        files: uploaded.tokens,
      });
    },
    onSuccess: (saved) => {
      if ('refused' in saved) {
        setDone(false);
        setFileError(t('projectIndicators.fileRefused', { name: saved.refused, reason: saved.reason }));
        return;
      }
      setDone(true);
      setProblem(null);
      form.reset();
      tokens.current.clear();
      if (fileRef.current) fileRef.current.value = '';
      client.setQueryData(pageKey(projectId), saved);
    },
    onError: (error) => {
      setDone(false);
      const onFiles =
        error instanceof ApiError
          ? error.problem.errors?.find((e) => fieldPath(e.path).startsWith('files'))
          : undefined;
      if (onFiles) {
        tokens.current.clear();
        setFileError(onFiles.message);
      }
      setProblem(reportProblem(error, form.setError, ['value', 'measuredOn', 'note']));
    },
  });
  const submit = form.handleSubmit((input) => {
    setProblem(null);
    const files = [...(fileRef.current?.files ?? [])];
    const wrong = files.find((file) => !ACCEPTED_FILES.includes(file.type));
    const refused =
      files.length > VALUE_FILES
        ? t('projectIndicators.tooManyFiles', { max: VALUE_FILES })
        : wrong && t('projectIndicators.wrongType', { name: wrong.name });
    setFileError(refused || undefined);
    if (refused) return fileRef.current?.focus();
    save.mutate({ input, files });
  });
  const { errors } = form.formState;
  return (
    <form noValidate onSubmit={submit} className="mb-4">
      <FormProblem message={problem} />
      {done && <Notice message={t('projectIndicators.valueSaved')} />}
      <div className="row">
        <div className="col-md-3">
          <TextField
            label={t('projectIndicators.valueIn', { unit: indicator.unit })}
            inputMode="decimal"
            registration={form.register('value')}
            error={errors.value}
          />
        </div>
        <div className="col-md-3">
          <TextField
            type="date"
            label={t('projectIndicators.measuredOn')}
            registration={form.register('measuredOn')}
            error={errors.measuredOn}
          />
        </div>
      </div>
      <TextAreaField
        label={t('projectIndicators.note')}
        hint={t('projectIndicators.evidenceHint')}
        error={errors.note}
        {...form.register('note')}
      />
      <FileField
        id={`${fileId}-files`}
        label={t('projectIndicators.evidenceFilesField')}
        hint={t('projectIndicators.evidenceFilesHint', { max: VALUE_FILES })}
        error={fileError}
        inputRef={fileRef}
        multiple
      />
      <button type="submit" className="btn btn-primary" disabled={save.isPending}>
        {t('projectIndicators.addValue')}
      </button>
    </form>
  );
}
