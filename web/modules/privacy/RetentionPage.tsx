import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  RetentionCategoryView,
  RetentionOverview,
} from '../../../src/modules/privacy/retention/contract.ts';
import { ApiError, api, fieldPath } from '../../app/api.ts';
import { useSignedInSession } from '../../app/session.ts';
import { formatDateTime } from '../../ui/dates.ts';
import { sentence } from '../../ui/fields.tsx';
import { FormProblem } from '../../ui/forms.tsx';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { Page } from '../../ui/Page.tsx';
import { administrationTrail } from '../identity/administration.ts';

const OVERVIEW_KEY = ['privacy', 'retention'] as const;
/** The longest retention the server accepts (100 years). */
const MAX_MONTHS = 1200;

const count = (n: number) => new Intl.NumberFormat('it-IT').format(n);

/** 120 → "10 anni", 18 → "18 mesi": whole years when the months make them. */
function retentionInWords(t: TFunction, months: number): string {
  return months % 12 === 0
    ? t('privacyPages.years', { count: months / 12 })
    : t('privacyPages.months', { count: months });
}

/** The latest disposal recorded for any kind, to know when the one asked for has run. */
function latestDisposal(overview: RetentionOverview | undefined): string | null {
  const times = (overview?.categories ?? []).flatMap((category) =>
    category.lastDisposal ? [category.lastDisposal.at] : [],
  );
  return times.sort().at(-1) ?? null;
}

/** What the disposals recorded after `after` did, all kinds together. */
function disposalsAfter(overview: RetentionOverview | undefined, after: string | null) {
  const runs = (overview?.categories ?? []).flatMap((category) =>
    category.lastDisposal && (after === null || category.lastDisposal.at > after)
      ? [category.lastDisposal]
      : [],
  );
  return {
    disposed: runs.reduce((sum, run) => sum + run.disposed, 0),
    failed: runs.filter((run) => run.failure !== null).length,
  };
}

function LastDisposal({ category }: { category: RetentionCategoryView }) {
  const { t } = useTranslation();
  const last = category.lastDisposal;
  if (!last) return <span className="text-secondary">{t('privacyPages.retention.neverDisposed')}</span>;
  return (
    <>
      <span>
        {t('privacyPages.retention.disposed', {
          count: last.disposed,
          number: count(last.disposed),
          date: formatDateTime(last.at),
        })}
      </span>
      {last.failure && <p className="text-danger mb-0 mt-1">{last.failure}</p>}
    </>
  );
}

type FieldErrors = { months?: string | undefined; legalBasis?: string | undefined };

/** The row of a kind being corrected: months and legal basis, with the server's reasons beside them. */
function ScheduleForm({
  category,
  onDone,
}: {
  category: RetentionCategoryView;
  onDone: (saved: boolean) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const queryClient = useQueryClient();
  const monthsRef = useRef<HTMLInputElement>(null);
  const basisRef = useRef<HTMLTextAreaElement>(null);
  const [months, setMonths] = useState(String(category.months));
  const [legalBasis, setLegalBasis] = useState(category.legalBasis);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    monthsRef.current?.focus();
  }, []);
  const save = useMutation({
    mutationFn: () =>
      api.put(`/api/privacy/retention/${encodeURIComponent(category.key)}`, {
        months: Number(months),
        legalBasis,
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: OVERVIEW_KEY });
      onDone(true);
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) return setProblem(t('errors.generic'));
      const found: FieldErrors = {};
      for (const { path, message } of error.problem.errors ?? []) {
        const field = fieldPath(path);
        if (field === 'months' || field === 'legalBasis') found[field] = sentence(message);
      }
      setErrors(found);
      setProblem(error.userMessage);
      if (found.months) monthsRef.current?.focus();
      else if (found.legalBasis) basisRef.current?.focus();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const typed = Number(months);
  const hint = [
    Number.isInteger(typed) && typed > 0
      ? t('privacyPages.retention.form.equals', { period: retentionInWords(t, typed) })
      : t('privacyPages.retention.form.range', { min: category.minMonths, max: MAX_MONTHS }),
    category.minMonths > 1
      ? t('privacyPages.retention.form.minimum', { period: retentionInWords(t, category.minMonths) })
      : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label={t('privacyPages.retention.form.label', { category: category.label })}
    >
      <FormProblem message={problem} />
      <div className="form-group mb-3">
        <label htmlFor={`${id}-months`} className="active">
          {t('privacyPages.retention.form.months')}
        </label>
        <input
          ref={monthsRef}
          id={`${id}-months`}
          type="number"
          min={category.minMonths}
          max={MAX_MONTHS}
          className={`form-control${errors.months ? ' is-invalid' : ''}`}
          value={months}
          onChange={(event) => setMonths(event.target.value)}
          aria-describedby={errors.months ? `${id}-months-hint ${id}-months-error` : `${id}-months-hint`}
          aria-invalid={errors.months ? true : undefined}
        />
        <small id={`${id}-months-hint`} className="form-text">
          {hint}
        </small>
        {errors.months && (
          <div id={`${id}-months-error`} className="invalid-feedback d-block">
            {errors.months}
          </div>
        )}
      </div>
      <div className="form-group mb-3">
        <label htmlFor={`${id}-basis`} className="active">
          {t('privacyPages.retention.form.legalBasis')}
        </label>
        <textarea
          ref={basisRef}
          id={`${id}-basis`}
          rows={4}
          className={`form-control${errors.legalBasis ? ' is-invalid' : ''}`}
          value={legalBasis}
          onChange={(event) => setLegalBasis(event.target.value)}
          aria-describedby={errors.legalBasis ? `${id}-basis-error` : undefined}
          aria-invalid={errors.legalBasis ? true : undefined}
        />
        {errors.legalBasis && (
          <div id={`${id}-basis-error`} className="invalid-feedback d-block">
            {errors.legalBasis}
          </div>
        )}
      </div>
      <button type="submit" className="btn btn-primary btn-sm me-2" disabled={save.isPending}>
        {t('privacyPages.retention.form.save')}
      </button>
      <button type="button" className="btn btn-outline-secondary btn-sm" onClick={() => onDone(false)}>
        {t('actions.cancel')}
      </button>
    </form>
  );
}

function DueNow({ category }: { category: RetentionCategoryView }) {
  const { t } = useTranslation();
  if (category.dueNow === null)
    return (
      <span className="text-danger">{category.dueProblem ?? t('privacyPages.retention.uncounted')}</span>
    );
  return <span>{count(category.dueNow)}</span>;
}

function CategoryRow({
  category,
  isEditing,
  isBackFromForm,
  onEdit,
  onDone,
}: {
  category: RetentionCategoryView;
  isEditing: boolean;
  /** The row's form was just saved or cancelled: the keyboard goes on from the button that opened it. */
  isBackFromForm: boolean;
  onEdit: () => void;
  onDone: (saved: boolean) => void;
}) {
  const { t } = useTranslation();
  const editRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (isBackFromForm) editRef.current?.focus();
  }, [isBackFromForm]);
  return (
    <tr>
      <th scope="row">{category.label}</th>
      <td>{category.runsFrom}</td>
      {isEditing ? (
        <td colSpan={2}>
          <ScheduleForm category={category} onDone={onDone} />
        </td>
      ) : (
        <>
          <td>
            {retentionInWords(t, category.months)}
            {category.minMonths > 1 && (
              <span className="d-block small text-secondary">
                {t('privacyPages.retention.atLeast', { period: retentionInWords(t, category.minMonths) })}
              </span>
            )}
            <button
              ref={editRef}
              type="button"
              className="btn btn-link btn-sm p-0 d-block"
              onClick={onEdit}
              aria-label={t('privacyPages.retention.editLabel', { category: category.label })}
            >
              {t('privacyPages.retention.edit')}
            </button>
          </td>
          <td className="small">{category.legalBasis}</td>
        </>
      )}
      <td>{t(`privacyPages.retention.actions.${category.action}`)}</td>
      <td>
        <DueNow category={category} />
      </td>
      <td>
        <LastDisposal category={category} />
      </td>
    </tr>
  );
}

function CategoriesTable({ overview }: { overview: RetentionOverview }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<string | null>(null);
  const [closed, setClosed] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  if (overview.categories.length === 0) return <p>{t('privacyPages.retention.empty')}</p>;
  return (
    <>
      <Notice message={saved} />
      <div className="table-responsive">
        <table className="table">
          <caption>{t('privacyPages.retention.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('privacyPages.retention.columns.category')}</th>
              <th scope="col">{t('privacyPages.retention.columns.runsFrom')}</th>
              <th scope="col">{t('privacyPages.retention.columns.period')}</th>
              <th scope="col">{t('privacyPages.retention.columns.legalBasis')}</th>
              <th scope="col">{t('privacyPages.retention.columns.action')}</th>
              <th scope="col">{t('privacyPages.retention.columns.dueNow')}</th>
              <th scope="col">{t('privacyPages.retention.columns.lastDisposal')}</th>
            </tr>
          </thead>
          <tbody>
            {overview.categories.map((category) => (
              <CategoryRow
                key={category.key}
                category={category}
                isEditing={editing === category.key}
                isBackFromForm={closed === category.key}
                onEdit={() => {
                  setSaved(null);
                  setClosed(null);
                  setEditing(category.key);
                }}
                onDone={(isSaved) => {
                  setEditing(null);
                  setClosed(category.key);
                  setSaved(isSaved ? t('privacyPages.retention.saved', { category: category.label }) : null);
                }}
              />
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** What the page says of the disposal asked for: started, or done with how many records went. */
function disposalNotice(
  t: TFunction,
  overview: RetentionOverview | undefined,
  awaitedAfter: string | null | undefined,
) {
  if (awaitedAfter === undefined) return { notice: null, failure: null, isWaiting: false };
  if (latestDisposal(overview) === awaitedAfter)
    return { notice: t('privacyPages.retention.running'), failure: null, isWaiting: true };
  const { disposed, failed } = disposalsAfter(overview, awaitedAfter);
  return {
    notice: t('privacyPages.retention.done', { count: disposed, number: count(disposed) }),
    failure: failed > 0 ? t('privacyPages.retention.doneWithFailures', { count: failed }) : null,
    isWaiting: false,
  };
}

/**
 * How long each kind of personal data is kept, on what legal basis, what is due now and what the last
 * disposal did; the administrator corrects a retention and runs the disposal at once.
 */
export function RetentionPage() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const queryClient = useQueryClient();
  // The latest disposal when "Esegui ora" was pressed: the page asks again until a newer one is recorded.
  const [awaitedAfter, setAwaitedAfter] = useState<string | null | undefined>(undefined);
  const [problem, setProblem] = useState<string | null>(null);
  const overview = useQuery({
    queryKey: OVERVIEW_KEY,
    queryFn: () => api.get<RetentionOverview>('/api/privacy/retention'),
    refetchInterval: (query) =>
      awaitedAfter !== undefined && latestDisposal(query.state.data) === awaitedAfter ? 3000 : false,
  });
  const { notice, failure, isWaiting } = disposalNotice(t, overview.data, awaitedAfter);
  const runNow = useMutation({
    mutationFn: () => api.post('/api/privacy/retention/run'),
    onSuccess: () => {
      setProblem(null);
      setAwaitedAfter(latestDisposal(overview.data));
      void queryClient.invalidateQueries({ queryKey: OVERVIEW_KEY });
    },
    onError: (error) => setProblem(error instanceof ApiError ? error.userMessage : t('errors.generic')),
  });

  return (
    <Page
      title={t('privacyPages.retention.title')}
      trail={administrationTrail(session, t('modules.administration.title'))}
    >
      <p>{t('privacyPages.retention.intro')}</p>
      <Notice message={notice} />
      <FormProblem message={problem ?? failure} />
      {overview.isPending ? (
        <Loading />
      ) : overview.error ? (
        <LoadError error={overview.error} />
      ) : (
        <>
          <CategoriesTable overview={overview.data} />
          <p>{t('privacyPages.retention.dailyAt', { time: overview.data.dailyAt })}</p>
          {overview.data.canRunNow ? (
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => runNow.mutate()}
              disabled={runNow.isPending || isWaiting}
            >
              {t('privacyPages.retention.runNow')}
            </button>
          ) : (
            <p>{t('privacyPages.retention.noJobs')}</p>
          )}
        </>
      )}
    </Page>
  );
}
