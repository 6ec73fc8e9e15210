import { useMutation } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import { FileField, IMAGES_ONLY } from '../../ui/FileField.tsx';
import { TextField } from '../../ui/fields.tsx';
import { FormProblem, placedProblem } from '../../ui/forms.tsx';
import { fileProblem } from '../../ui/useFileUpload.ts';
import { type Done, problemText } from './changes.ts';
import { useKeepPublication } from './publications.ts';
import { type Publication, publications } from './requests.ts';

/**
 * The cover the portal's library shows beside the publication, with the description a screen reader reads in
 * its place; those who manage the publication replace it or take it away.
 */
export function PublicationCover({ publication, onDone }: { publication: Publication; onDone: Done }) {
  const { t } = useTranslation();
  const id = useId();
  const keep = useKeepPublication();
  const fileRef = useRef<HTMLInputElement>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<{ alt: string }>({ defaultValues: { alt: publication.cover?.alt ?? '' } });
  const { errors } = form.formState;
  const upload = useMutation({
    mutationFn: ({ alt, file }: { alt: string; file: File }) =>
      publications.setCover(publication.id, alt, file),
    onSuccess: (changed) => {
      if (fileRef.current) fileRef.current.value = '';
      setProblem(null);
      keep(changed);
      onDone(t('outreach.publications.cover.saved'));
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) return setProblem(t('errors.generic'));
      const { placed, message } = placedProblem(error, (field) =>
        field === 'alt' || field === 'file' ? field : null,
      );
      if (placed.alt) form.setError('alt', { type: 'server', message: placed.alt }, { shouldFocus: true });
      else if (placed.file) fileRef.current?.focus();
      setFileError(placed.file);
      setProblem(message);
    },
  });
  const remove = useMutation({
    mutationFn: () => publications.removeCover(publication.id),
    onSuccess: (changed) => {
      setProblem(null);
      keep(changed);
      onDone(t('outreach.publications.cover.removed'));
    },
    onError: (error) => setProblem(problemText(error, t('errors.generic'))),
  });
  const words = {
    missing: t('outreach.publications.cover.missing'),
    wrongType: t('outreach.publications.cover.type'),
  };
  const checkFile = () => {
    const file = fileRef.current?.files?.[0];
    const found = fileProblem(file, IMAGES_ONLY, words);
    setFileError(found);
    return found ? undefined : file;
  };
  const { cover } = publication;
  return (
    <section aria-labelledby={`${id}-copertina`} className="mt-5">
      <h2 id={`${id}-copertina`} className="h4">
        {t('outreach.publications.cover.title')}
      </h2>
      {cover ? (
        <figure>
          <img src={cover.url} alt={cover.alt} width={160} className="img-thumbnail" />
          <figcaption>{t('outreach.publications.cover.described', { alt: cover.alt })}</figcaption>
        </figure>
      ) : (
        <p className="alert alert-info">{t('outreach.publications.cover.none')}</p>
      )}
      {publication.mayManage && (
        <form
          onSubmit={form.handleSubmit(
            (values) => {
              setProblem(null);
              const file = checkFile();
              if (!file) return fileRef.current?.focus();
              upload.mutate({ alt: values.alt, file });
            },
            () => checkFile(),
          )}
          noValidate
          className="lovit-form"
          aria-label={t(cover ? 'outreach.publications.cover.replace' : 'outreach.publications.cover.add')}
        >
          <FileField
            id={`${id}-immagine`}
            label={t('outreach.publications.cover.image')}
            hint={t('outreach.publications.cover.imageHint')}
            error={fileError}
            inputRef={fileRef}
            accept={IMAGES_ONLY}
          />
          <TextField
            label={t('outreach.publications.cover.alt')}
            hint={t('outreach.publications.cover.altHint')}
            registration={form.register('alt', { required: t('validation.required') })}
            error={errors.alt}
          />
          <FormProblem message={problem} />
          <button type="submit" className="btn btn-primary me-2" disabled={upload.isPending}>
            {t(cover ? 'outreach.publications.cover.replace' : 'outreach.publications.cover.add')}
          </button>
          {cover && (
            <button
              type="button"
              className="btn btn-outline-danger"
              disabled={remove.isPending}
              onClick={() => remove.mutate()}
            >
              {t('outreach.publications.cover.remove')}
            </button>
          )}
        </form>
      )}
    </section>
  );
}
