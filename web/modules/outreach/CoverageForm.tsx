import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FileField, PDF_ONLY } from '../../ui/FileField.tsx';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem } from '../../ui/forms.tsx';
import { useFileUpload } from '../../ui/useFileUpload.ts';
import { TextAreaField } from '../cases/TextAreaField.tsx';
import type { Done } from './changes.ts';
import {
  COVERAGE_MEDIA,
  type Coverage,
  type CoverageInput,
  type CoverageMedia,
  coverage,
  keys,
} from './requests.ts';
import { countOrNull, sizeOf } from './words.ts';

type CoveragePanelProps = {
  /** The item being corrected; none while a new one is written. */
  editing: Coverage | null;
  onEditing: (item: Coverage | null) => void;
  onDone: Done;
};

/**
 * The form under the coverage list: a new item, or the one chosen in the list, to correct and to attach its
 * clipping to. A new item stays open once added, for its clipping. The focus follows the panel as it changes.
 */
export function CoveragePanel({ editing, onEditing, onDone }: CoveragePanelProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const shownId = useRef(editing?.id ?? null);
  useEffect(() => {
    const id = editing?.id ?? null;
    if (shownId.current === id) return;
    shownId.current = id;
    headingRef.current?.focus();
  }, [editing]);
  const keep = (item: Coverage) => {
    onEditing(item);
    void queryClient.invalidateQueries({ queryKey: keys.coverageLists });
  };
  return (
    <div className="mt-4">
      <h3 id={headingId} ref={headingRef} tabIndex={-1} className="h5">
        {editing ? t('outreach.press.editTitle', { title: editing.title }) : t('outreach.press.addTitle')}
      </h3>
      <CoverageForm
        key={editing?.id ?? 'nuova'}
        item={editing}
        labelledBy={headingId}
        onSaved={(saved) => {
          keep(saved);
          onDone(t(editing ? 'outreach.press.done.corrected' : 'outreach.press.done.recorded'));
        }}
      />
      {editing && (
        <>
          <ClippingForm item={editing} onAttached={keep} onDone={onDone} />
          <button type="button" className="btn btn-outline-secondary mt-4" onClick={() => onEditing(null)}>
            {t('outreach.press.close')}
          </button>
        </>
      )}
    </div>
  );
}

type CoverageFields = {
  publishedOn: string;
  outlet: string;
  title: string;
  media: CoverageMedia;
  url: string;
  reach: number | null;
  notes: string;
};

const FIELDS = ['publishedOn', 'outlet', 'title', 'media', 'url', 'reach', 'notes'];

const fieldsOf = (item: Coverage | null): CoverageFields => ({
  publishedOn: item?.publishedOn ?? '',
  outlet: item?.outlet ?? '',
  title: item?.title ?? '',
  media: item?.media ?? 'PRINT',
  url: item?.url ?? '',
  reach: item?.reach ?? null,
  notes: item?.notes ?? '',
});

/** Blank optional fields are no value. */
const inputOf = (fields: CoverageFields): CoverageInput => ({
  ...fields,
  url: fields.url.trim() || null,
  notes: fields.notes.trim() || null,
});

type CoverageFormProps = {
  item: Coverage | null;
  labelledBy: string;
  onSaved: (item: Coverage) => void;
};

/** Records an item of the coverage log, or corrects one (every field). */
function CoverageForm({ item, labelledBy, onSaved }: CoverageFormProps) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<CoverageFields>({ defaultValues: fieldsOf(item) });
  const { errors } = form.formState;
  const save = useMutation({
    mutationFn: (values: CoverageFields) =>
      item ? coverage.correct(item.id, inputOf(values)) : coverage.record(inputOf(values)),
    onSuccess: (saved) => {
      setProblem(null);
      onSaved(saved);
    },
    onError: (error) => setProblem(reportProblem(error, form.setError, FIELDS)),
  });
  return (
    <form
      onSubmit={form.handleSubmit((values) => {
        setProblem(null);
        save.mutate(values);
      })}
      noValidate
      className="lovit-form"
      aria-labelledby={labelledBy}
    >
      <div className="row">
        <div className="col-12 col-sm-6 col-lg-3">
          <TextField
            type="date"
            label={t('outreach.press.publishedOn')}
            registration={form.register('publishedOn')}
            error={errors.publishedOn}
          />
        </div>
        <div className="col-12 col-sm-6 col-lg-3">
          <SelectField
            label={t('outreach.press.media')}
            registration={form.register('media')}
            error={errors.media}
          >
            {COVERAGE_MEDIA.map((code) => (
              <option key={code} value={code}>
                {t(`outreach.press.mediaKinds.${code}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="col-12 col-lg-6">
          <TextField
            label={t('outreach.press.outlet')}
            hint={t('outreach.press.outletHint')}
            registration={form.register('outlet')}
            error={errors.outlet}
          />
        </div>
      </div>
      <TextField
        label={t('outreach.press.titleField')}
        hint={t('outreach.press.titleHint')}
        registration={form.register('title')}
        error={errors.title}
      />
      <div className="row">
        <div className="col-12 col-md-8">
          <TextField
            type="url"
            inputMode="url"
            label={t('outreach.press.url')}
            hint={t('outreach.press.urlHint')}
            registration={form.register('url')}
            error={errors.url}
          />
        </div>
        <div className="col-12 col-md-4">
          <TextField
            type="number"
            inputMode="numeric"
            label={t('outreach.press.reach')}
            hint={t('outreach.press.reachHint')}
            registration={form.register('reach', { setValueAs: countOrNull })}
            error={errors.reach}
          />
        </div>
      </div>
      <TextAreaField
        label={t('outreach.press.notes')}
        hint={t('outreach.press.notesHint')}
        rows={2}
        error={errors.notes}
        {...form.register('notes')}
      />
      <FormProblem message={problem} />
      <button type="submit" className="btn btn-primary" disabled={save.isPending}>
        {t(item ? 'outreach.press.save' : 'outreach.press.add')}
      </button>
    </form>
  );
}

type ClippingFormProps = { item: Coverage; onAttached: (item: Coverage) => void; onDone: Done };

/** The clipping as a PDF: the page of the newspaper or the capture of the website, replacing an earlier one. */
function ClippingForm({ item, onAttached, onDone }: ClippingFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const upload = useFileUpload({
    upload: (file) => coverage.attachClipping(item.id, file).then(onAttached),
    onUploaded: (file) => onDone(t('outreach.press.done.attached', { name: file.name })),
    missing: t('outreach.press.fileMissing'),
    wrongType: t('outreach.press.fileType'),
    accept: PDF_ONLY,
  });
  return (
    <form onSubmit={upload.submit} noValidate className="lovit-form mt-4">
      {item.clipping && (
        <p>
          {t('outreach.press.clippingAttached', {
            name: item.clipping.fileName,
            size: sizeOf(item.clipping.size),
          })}
        </p>
      )}
      <FileField
        id={`${id}-ritaglio`}
        label={t('outreach.press.clippingFile')}
        hint={t('outreach.press.clippingHint')}
        error={upload.fileError}
        inputRef={upload.fileRef}
        accept={upload.accept}
      />
      <FormProblem message={upload.problem} />
      <button type="submit" className="btn btn-outline-primary" disabled={upload.isPending}>
        {t('outreach.press.attach')}
      </button>
    </form>
  );
}
