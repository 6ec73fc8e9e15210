import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import { usePermission } from '../../app/session.ts';
import { formatDateTime } from '../../ui/dates.ts';
import { ACCEPTED_FILES, FileField } from '../../ui/FileField.tsx';
import { FormProblem, placedProblem } from '../../ui/forms.tsx';
import { TableScroll } from '../../ui/TableScroll.tsx';
import { type CaseDetail, type CaseDocument, cases, documentsOf, keys } from './requests.ts';

/** The choice of a document that belongs to no item of the checklist. */
const OUTSIDE_CHECKLIST = '-';

type CaseDocumentsProps = { detail: CaseDetail; onDone: (notice: string) => void };

/** The checklist of the case type, what is there and what is missing, and the documents uploaded for it. */
export function CaseDocuments({ detail, onDone }: CaseDocumentsProps) {
  const { t } = useTranslation();
  const canAct = usePermission('cases.act');
  const documents = documentsOf(detail);
  const missing = detail.checklist.filter((item) => item.required && !item.present).length;
  return (
    <section aria-labelledby="pratica-documenti" className="mb-5">
      <h2 id="pratica-documenti" className="h4">
        {t('cases.checklist.heading')}
      </h2>
      <p>
        {missing === 0
          ? t('cases.checklist.complete')
          : t('cases.checklist.missingCount', { count: missing })}
      </p>
      <TableScroll label={t('cases.checklist.caption')}>
        <table className="table lovit-cards">
          <caption className="visually-hidden">{t('cases.checklist.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('cases.checklist.document')}</th>
              <th scope="col">{t('cases.checklist.required')}</th>
              <th scope="col">{t('cases.checklist.state')}</th>
            </tr>
          </thead>
          <tbody>
            {detail.checklist.map((item) => (
              <tr key={item.code}>
                <th scope="row" className="fw-normal lovit-card-title">
                  {item.label}
                </th>
                <td data-label={t('cases.checklist.required')}>
                  {item.required ? t('cases.checklist.mandatory') : t('cases.checklist.optional')}
                </td>
                <td
                  className={item.present ? undefined : 'fw-semibold'}
                  data-label={t('cases.checklist.state')}
                >
                  {item.present ? t('cases.checklist.present') : t('cases.checklist.missing')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {documents && (
        <>
          <h3 className="h5 mt-4">{t('cases.documents.heading')}</h3>
          <DocumentList caseDetail={detail} documents={documents} />
          {canAct && detail.deadlineStatus !== 'CLOSED' && <UploadForm detail={detail} onDone={onDone} />}
        </>
      )}
    </section>
  );
}

function DocumentList({ caseDetail, documents }: { caseDetail: CaseDetail; documents: CaseDocument[] }) {
  const { t } = useTranslation();
  if (documents.length === 0) return <p>{t('cases.documents.none')}</p>;
  const itemLabel = (code: string | null | undefined) =>
    caseDetail.checklist.find((item) => item.code === code)?.label ?? t('cases.documents.outsideChecklist');
  return (
    <TableScroll label={t('cases.documents.caption')}>
      <table className="table lovit-cards">
        <caption className="visually-hidden">{t('cases.documents.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('cases.documents.file')}</th>
            <th scope="col">{t('cases.documents.item')}</th>
            <th scope="col">{t('cases.documents.version')}</th>
            <th scope="col">{t('cases.documents.uploadedAt')}</th>
          </tr>
        </thead>
        <tbody>
          {documents.map((document) => {
            const isOld = document.current === false;
            return (
              <tr key={document.id}>
                <th scope="row" className="fw-normal text-break lovit-card-title">
                  <a href={cases.documentUrl(caseDetail.id, document.id)} download>
                    {document.fileName}
                  </a>
                  {document.size != null && (
                    <span className="d-block small">{formatSize(document.size, document.mediaType)}</span>
                  )}
                </th>
                <td data-label={t('cases.documents.item')}>{itemLabel(document.checklistCode)}</td>
                <td data-label={t('cases.documents.version')}>
                  {document.version ?? ''}
                  {isOld && <span className="d-block small">{t('cases.documents.superseded')}</span>}
                </td>
                <td className="text-nowrap" data-label={t('cases.documents.uploadedAt')}>
                  {formatDateTime(document.uploadedAt)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}

const sizes = new Intl.NumberFormat('it-IT', { maximumFractionDigits: 1 });

function formatSize(bytes: number, mediaType: string | null | undefined): string {
  const kind = mediaType === 'application/pdf' ? 'PDF' : mediaType?.replace('image/', '').toUpperCase();
  const size =
    bytes >= 1_048_576 ? `${sizes.format(bytes / 1_048_576)} MB` : `${sizes.format(bytes / 1024)} kB`;
  return kind ? `${kind}, ${size}` : size;
}

function UploadForm({ detail, onDone }: CaseDocumentsProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const id = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [item, setItem] = useState('');
  const [errors, setErrors] = useState<{ item?: string; file?: string }>({});
  const [problem, setProblem] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: ({ code, file }: { code: string; file: File }) =>
      cases.uploadDocument(detail.id, code === OUTSIDE_CHECKLIST ? null : code, file),
    onSuccess: (_, { file }) => {
      setItem('');
      if (fileRef.current) fileRef.current.value = '';
      void queryClient.invalidateQueries({ queryKey: keys.case(detail.id) });
      onDone(t('cases.documents.uploaded', { name: file.name }));
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) {
        setProblem(t('errors.generic'));
        return;
      }
      const { placed, message } = placedProblem(error, (field) =>
        field === 'checklistCode' ? 'item' : field === 'file' ? 'file' : null,
      );
      setErrors(placed);
      setProblem(message);
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const file = fileRef.current?.files?.[0];
    const found: { item?: string; file?: string } = {};
    if (!item) found.item = t('validation.choose');
    if (!file) found.file = t('cases.documents.fileMissing');
    else if (!ACCEPTED_FILES.includes(file.type)) found.file = t('cases.documents.fileType');
    setErrors(found);
    if (found.item) document.getElementById(`${id}-voce`)?.focus();
    else if (found.file) fileRef.current?.focus();
    if (found.item || found.file || !file) return;
    upload.mutate({ code: item, file });
  };

  return (
    <form onSubmit={submit} noValidate className="lovit-form">
      <fieldset>
        <legend className="h6 mb-5">{t('cases.documents.uploadTitle')}</legend>
        <div className="row">
          <div className="col-12 col-md-6">
            <div className="select-wrapper lovit-field">
              <label htmlFor={`${id}-voce`}>{t('cases.documents.item')}</label>
              <select
                id={`${id}-voce`}
                value={item}
                aria-invalid={errors.item ? true : undefined}
                aria-describedby={errors.item ? `${id}-voce-errore` : undefined}
                onChange={(event) => setItem(event.target.value)}
              >
                <option value="">{t('filters.choose')}</option>
                {detail.checklist.map((entry) => (
                  <option key={entry.code} value={entry.code}>
                    {entry.label}
                  </option>
                ))}
                <option value={OUTSIDE_CHECKLIST}>{t('cases.documents.outsideChecklist')}</option>
              </select>
              {errors.item && (
                <div id={`${id}-voce-errore`} className="invalid-feedback d-block">
                  {errors.item}
                </div>
              )}
            </div>
          </div>
          <div className="col-12 col-md-6">
            <FileField
              id={`${id}-file`}
              label={t('cases.documents.file')}
              hint={t('cases.documents.fileHint')}
              error={errors.file}
              inputRef={fileRef}
            />
          </div>
        </div>
        <FormProblem message={problem} />
        <button type="submit" className="btn btn-primary" disabled={upload.isPending}>
          {t('cases.documents.upload')}
        </button>
      </fieldset>
    </form>
  );
}
