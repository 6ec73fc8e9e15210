import { useMutation } from '@tanstack/react-query';
import i18next from 'i18next';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type {
  CriterionKind,
  SubjectCriterion,
  SubjectSearchResult,
} from '../../../src/modules/privacy/subjects/contract.ts';
import { ApiError, api, type Problem } from '../../app/api.ts';
import { useSignedInSession } from '../../app/session.ts';
import { TextField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem } from '../../ui/forms.tsx';
import { Page } from '../../ui/Page.tsx';
import { administrationTrail } from '../identity/administration.ts';

type FormValues = Required<{ [K in keyof SubjectCriterion]: string }> & { kind: CriterionKind };

const KINDS: { kind: CriterionKind; fields: (keyof SubjectCriterion)[] }[] = [
  { kind: 'fiscalCode', fields: ['fiscalCode'] },
  { kind: 'passportNumber', fields: ['passportNumber'] },
  { kind: 'person', fields: ['surname', 'givenName', 'birthDate'] },
  { kind: 'email', fields: ['email'] },
];
const FIELDS = ['fiscalCode', 'passportNumber', 'surname', 'givenName', 'birthDate', 'email'];

/** Only the fields of the chosen way of naming the person: the others may still hold what was typed before. */
function criterionOf(values: FormValues): SubjectCriterion {
  const chosen = KINDS.find((item) => item.kind === values.kind)?.fields ?? [];
  return Object.fromEntries(chosen.map((field) => [field, values[field]]));
}

/** The ZIP as the browser saves it, under the name the server gives it. */
async function downloadExport(criterion: SubjectCriterion, csrfToken: string): Promise<void> {
  const response = await fetch('/api/privacy/subjects/export', {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      accept: 'application/zip, application/problem+json',
      'content-type': 'application/json',
      'x-csrf-token': csrfToken,
    },
    body: JSON.stringify(criterion),
  });
  if (!response.ok) {
    const problem = (await response.json().catch(() => null)) as Problem | null;
    throw new ApiError(
      problem ?? {
        type: 'about:blank',
        title: i18next.t('privacyPages.subjects.exportFailed'),
        status: response.status,
      },
    );
  }
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1];
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name ?? 'accesso-dati.zip';
  link.click();
  // the browser reads the file after this turn: freed at once, the download could find nothing
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function Results({ result }: { result: SubjectSearchResult }) {
  const { t } = useTranslation();
  if (result.message)
    return (
      <div className="alert alert-info" role="status">
        {result.message}
      </div>
    );
  return (
    <>
      <p role="status">
        {t('privacyPages.subjects.found', { count: result.total, criterion: result.criterionLabel })}
      </p>
      {result.sections.map((section) => (
        <section key={section.title} className="mb-4">
          <h2 className="h4">
            {section.title} <span className="badge bg-secondary">{section.count}</span>
          </h2>
          <ul>
            {section.records.map((record, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: two reads in one minute have the same line; the list never reorders
              <li key={index}>{record}</li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

/**
 * An access request (GDPR art. 15): the SUI manager names the person one way, sees every record kept about
 * them by section, and exports everything as a ZIP to hand over.
 */
export function SubjectRequestPage() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const id = useId();
  const [problem, setProblem] = useState<string | null>(null);
  const [searched, setSearched] = useState<{
    criterion: SubjectCriterion;
    result: SubjectSearchResult;
  } | null>(null);
  const form = useForm<FormValues>({
    defaultValues: {
      kind: 'fiscalCode',
      fiscalCode: '',
      passportNumber: '',
      surname: '',
      givenName: '',
      birthDate: '',
      email: '',
    },
  });
  const { errors } = form.formState;
  const kind = form.watch('kind');
  const search = useMutation({
    mutationFn: (criterion: SubjectCriterion) =>
      api.post<SubjectSearchResult>('/api/privacy/subjects/search', criterion),
    onSuccess: (result, criterion) => setSearched({ criterion, result }),
    onError: (error) => {
      setSearched(null);
      setProblem(reportProblem(error, form.setError, FIELDS));
    },
  });
  const exportZip = useMutation({
    mutationFn: (criterion: SubjectCriterion) => downloadExport(criterion, session.csrfToken),
    onError: (error) =>
      setProblem(error instanceof ApiError ? error.userMessage : t('privacyPages.subjects.exportFailed')),
  });
  const submit = form.handleSubmit((values) => {
    setProblem(null);
    search.mutate(criterionOf(values));
  });

  return (
    <Page
      title={t('privacyPages.subjects.title')}
      trail={administrationTrail(session, t('modules.administration.title'))}
    >
      <p>{t('privacyPages.subjects.intro')}</p>
      <form onSubmit={submit} noValidate className="lovit-form">
        <fieldset className="mb-4">
          <legend className="fs-6 fw-semibold">{t('privacyPages.subjects.searchBy')}</legend>
          {KINDS.map((item) => (
            <div className="form-check" key={item.kind}>
              <input id={`${id}-${item.kind}`} type="radio" value={item.kind} {...form.register('kind')} />
              <label htmlFor={`${id}-${item.kind}`}>{t(`privacyPages.subjects.kinds.${item.kind}`)}</label>
            </div>
          ))}
        </fieldset>
        <div className="row">
          {kind === 'fiscalCode' && (
            <div className="col-12 col-md-6">
              <TextField
                label={t('privacyPages.subjects.fields.fiscalCode')}
                autoCapitalize="characters"
                autoComplete="off"
                registration={form.register('fiscalCode')}
                error={errors.fiscalCode}
              />
            </div>
          )}
          {kind === 'passportNumber' && (
            <div className="col-12 col-md-6">
              <TextField
                label={t('privacyPages.subjects.fields.passportNumber')}
                autoCapitalize="characters"
                autoComplete="off"
                registration={form.register('passportNumber')}
                error={errors.passportNumber}
              />
            </div>
          )}
          {kind === 'person' && (
            <>
              <div className="col-12 col-md-4">
                <TextField
                  label={t('privacyPages.subjects.fields.surname')}
                  autoComplete="off"
                  registration={form.register('surname')}
                  error={errors.surname}
                />
              </div>
              <div className="col-12 col-md-4">
                <TextField
                  label={t('privacyPages.subjects.fields.givenName')}
                  autoComplete="off"
                  registration={form.register('givenName')}
                  error={errors.givenName}
                />
              </div>
              <div className="col-12 col-md-4">
                <TextField
                  label={t('privacyPages.subjects.fields.birthDate')}
                  type="date"
                  registration={form.register('birthDate')}
                  error={errors.birthDate}
                />
              </div>
            </>
          )}
          {kind === 'email' && (
            <div className="col-12 col-md-6">
              <TextField
                label={t('privacyPages.subjects.fields.email')}
                type="email"
                autoComplete="off"
                registration={form.register('email')}
                error={errors.email}
              />
            </div>
          )}
        </div>
        <FormProblem message={problem} />
        <button type="submit" className="btn btn-primary" disabled={search.isPending}>
          {t('privacyPages.subjects.search')}
        </button>
      </form>
      {searched && (
        <div className="mt-5">
          <Results result={searched.result} />
          {/* With nothing found, the summary in the archive is the written answer that nothing is kept. */}
          <button
            type="button"
            className="btn btn-outline-primary"
            onClick={() => {
              setProblem(null);
              exportZip.mutate(searched.criterion);
            }}
            disabled={exportZip.isPending}
          >
            {exportZip.isPending ? t('privacyPages.subjects.exporting') : t('privacyPages.subjects.export')}
          </button>
        </div>
      )}
    </Page>
  );
}
