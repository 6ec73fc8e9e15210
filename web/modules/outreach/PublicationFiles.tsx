import { useMutation } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { PORTAL_LANGUAGES } from '../../../src/modules/outreach/contract.ts';
import { ApiError } from '../../app/api.ts';
import { formatDate } from '../../ui/dates.ts';
import { FileField, PDF_ONLY } from '../../ui/FileField.tsx';
import { SelectField, sentence, TextField } from '../../ui/fields.tsx';
import { FormProblem, placedProblem } from '../../ui/forms.tsx';
import { TableScroll } from '../../ui/TableScroll.tsx';
import { fileProblem } from '../../ui/useFileUpload.ts';
import type { Done } from './changes.ts';
import { useKeepPublication } from './publications.ts';
import { type Publication, type PublicationFile, publications } from './requests.ts';
import { inPortalOrder, languageName, numberOf, sizeOf } from './words.ts';

/**
 * The PDF of the publication in each language, every version kept, the current one (the public's) marked;
 * those who manage it upload a new version in any language of the portal.
 */
export function PublicationFiles({ publication, onDone }: { publication: Publication; onDone: Done }) {
  const { t } = useTranslation();
  const languages = inPortalOrder(publication.files.filter((file) => file.isCurrent)).map(
    (file) => file.language,
  );
  return (
    <section aria-labelledby="pdf" className="mt-5">
      <h2 id="pdf" className="h4">
        {t('outreach.publications.files')}
      </h2>
      <p>{t('outreach.publications.filesIntro')}</p>
      {languages.length === 0 ? (
        <p className="alert alert-info">{t('outreach.publications.noFilesYet')}</p>
      ) : (
        languages.map((language) => (
          <Versions
            key={language}
            publication={publication}
            language={language}
            files={publication.files.filter((file) => file.language === language)}
          />
        ))
      )}
      {publication.mayManage && <UploadForm publication={publication} onDone={onDone} />}
    </section>
  );
}

type VersionsProps = { publication: Publication; language: string; files: PublicationFile[] };

/** The versions of one language, the latest first. */
function Versions({ publication, language, files }: VersionsProps) {
  const { t } = useTranslation();
  const name = sentence(languageName(language)) ?? language;
  const label = t('outreach.publications.versionsIn', { language: languageName(language) });
  return (
    <>
      <h3 className="h5 mt-4">{name}</h3>
      <TableScroll label={label}>
        <table className="table">
          <caption className="visually-hidden">{label}</caption>
          <thead>
            <tr>
              <th scope="col">{t('outreach.publications.version')}</th>
              <th scope="col">{t('outreach.publications.titleField')}</th>
              <th scope="col">{t('outreach.publications.file')}</th>
              <th scope="col">{t('outreach.publications.uploaded')}</th>
              <th scope="col" className="text-end">
                {t('outreach.publications.downloads')}
              </th>
            </tr>
          </thead>
          <tbody>
            {[...files]
              .sort((a, b) => b.version - a.version)
              .map((file) => (
                <tr key={file.id}>
                  <th scope="row" className="text-nowrap">
                    {file.version}
                    {file.isCurrent && (
                      <span className="d-block small fw-semibold">{t('outreach.publications.current')}</span>
                    )}
                  </th>
                  <td lang={file.language} dir="auto">
                    {file.title}
                  </td>
                  <td>
                    <a href={publications.fileUrl(publication.id, file.id)} download>
                      {file.fileName}
                    </a>
                    <span className="d-block small">{sizeOf(file.size)}</span>
                  </td>
                  <td>
                    {t('outreach.publications.uploadedBy', {
                      date: formatDate(file.uploadedAt),
                      name: file.uploadedBy,
                    })}
                  </td>
                  <td className="text-end">{numberOf(file.downloads)}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}

type UploadFields = { language: string; title: string };

/** A new version in a language, with the title that language's readers see on the portal. */
function UploadForm({ publication, onDone }: { publication: Publication; onDone: Done }) {
  const { t } = useTranslation();
  const id = useId();
  const keep = useKeepPublication();
  const fileRef = useRef<HTMLInputElement>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const [problem, setProblem] = useState<string | null>(null);
  /** The title the language's current version has, the publication's own for a first Italian PDF. */
  const titleIn = (language: string) =>
    publication.files.find((file) => file.language === language && file.isCurrent)?.title ??
    (language === 'it' ? publication.title : '');
  const form = useForm<UploadFields>({ defaultValues: { language: 'it', title: titleIn('it') } });
  const { errors } = form.formState;
  const language = form.watch('language');
  const upload = useMutation({
    mutationFn: ({ values, file }: { values: UploadFields; file: File }) =>
      publications.addFile(publication.id, values.language, values.title, file),
    onSuccess: (changed, { values }) => {
      if (fileRef.current) fileRef.current.value = '';
      setProblem(null);
      keep(changed);
      const added = changed.files.find((file) => file.language === values.language && file.isCurrent);
      onDone(
        t('outreach.publications.done.uploaded', {
          language: languageName(values.language),
          version: added?.version,
        }),
      );
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) return setProblem(t('errors.generic'));
      const { placed, message } = placedProblem(error, (field) =>
        field === 'title' || field === 'file' ? field : null,
      );
      if (placed.title)
        form.setError('title', { type: 'server', message: placed.title }, { shouldFocus: true });
      else if (placed.file) fileRef.current?.focus();
      setFileError(placed.file);
      setProblem(message);
    },
  });
  const words = {
    missing: t('outreach.publications.fileMissing'),
    wrongType: t('outreach.publications.fileType'),
  };
  /** Both the title and the file are checked at once; the focus goes to the first at fault. */
  const checkFile = () => {
    const file = fileRef.current?.files?.[0];
    const found = fileProblem(file, PDF_ONLY, words);
    setFileError(found);
    return found ? undefined : file;
  };
  return (
    <>
      <h3 id={`${id}-titolo`} className="h5 mt-5">
        {t('outreach.publications.uploadTitle')}
      </h3>
      <form
        onSubmit={form.handleSubmit(
          (values) => {
            setProblem(null);
            const file = checkFile();
            if (!file) return fileRef.current?.focus();
            upload.mutate({ values, file });
          },
          () => checkFile(),
        )}
        noValidate
        className="lovit-form"
        aria-labelledby={`${id}-titolo`}
      >
        <div className="row">
          <div className="col-12 col-md-4">
            <SelectField
              label={t('outreach.publications.language')}
              registration={form.register('language', {
                onChange: (change: { target: { value: string } }) =>
                  form.setValue('title', titleIn(change.target.value)),
              })}
              error={errors.language}
            >
              {PORTAL_LANGUAGES.map((code) => (
                <option key={code} value={code}>
                  {sentence(languageName(code))}
                </option>
              ))}
            </SelectField>
          </div>
          <div className="col-12 col-md-8">
            <TextField
              label={t('outreach.publications.titleIn')}
              hint={t('outreach.publications.titleInHint')}
              lang={language}
              dir="auto"
              registration={form.register('title', { required: t('validation.required') })}
              error={errors.title}
            />
          </div>
        </div>
        <FileField
          id={`${id}-pdf`}
          label={t('outreach.publications.pdf')}
          hint={t('outreach.publications.pdfHint')}
          error={fileError}
          inputRef={fileRef}
          accept={PDF_ONLY}
        />
        <FormProblem message={problem} />
        <button type="submit" className="btn btn-primary" disabled={upload.isPending}>
          {t('outreach.publications.upload')}
        </button>
      </form>
    </>
  );
}
