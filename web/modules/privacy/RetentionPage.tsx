import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
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
const GENERIC_ERROR = 'Si è verificato un errore imprevisto. Riprovare tra qualche minuto.';

/** 120 → "10 anni", 18 → "18 mesi": whole years when the months make them. */
function retentionInWords(months: number): string {
  if (months % 12 === 0) return months === 12 ? '1 anno' : `${months / 12} anni`;
  return months === 1 ? '1 mese' : `${months} mesi`;
}

const ACTIONS: Record<RetentionCategoryView['action'], string> = {
  delete: 'Eliminati',
  anonymise: 'Resi anonimi (restano i dati statistici)',
};

const count = (n: number) => new Intl.NumberFormat('it-IT').format(n);

/** The latest disposal recorded for any kind, to know when the one asked for has run. */
function latestDisposal(overview: RetentionOverview | undefined): string | null {
  const times = (overview?.categories ?? []).flatMap((category) =>
    category.lastDisposal ? [category.lastDisposal.at] : [],
  );
  return times.sort().at(-1) ?? null;
}

function LastDisposal({ category }: { category: RetentionCategoryView }) {
  const last = category.lastDisposal;
  if (!last) return <span className="text-secondary">Mai eseguita</span>;
  return (
    <>
      <span>
        {formatDateTime(last.at)}: {last.disposed === 1 ? '1 dato' : `${count(last.disposed)} dati`}
      </span>
      {last.failure && <p className="text-danger mb-0 mt-1">{last.failure}</p>}
    </>
  );
}

type FieldErrors = { months?: string; legalBasis?: string };

/** The row of a kind being corrected: months and legal basis, with the server's reasons beside them. */
function ScheduleForm({
  category,
  onDone,
}: {
  category: RetentionCategoryView;
  onDone: (saved: boolean) => void;
}) {
  const id = useId();
  const queryClient = useQueryClient();
  const [months, setMonths] = useState(String(category.months));
  const [legalBasis, setLegalBasis] = useState(category.legalBasis);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
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
      if (!(error instanceof ApiError)) return setProblem(GENERIC_ERROR);
      const found: FieldErrors = {};
      for (const { path, message } of error.problem.errors ?? []) {
        const field = fieldPath(path);
        if (field === 'months' || field === 'legalBasis') found[field] = sentence(message);
      }
      setErrors(found);
      setProblem(error.userMessage);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit} noValidate aria-label={`Conservazione di: ${category.label}`}>
      <FormProblem message={problem} />
      <div className="form-group mb-3">
        <label htmlFor={`${id}-months`} className="active">
          Mesi di conservazione
        </label>
        <input
          id={`${id}-months`}
          type="number"
          min={category.minMonths}
          max={1200}
          className={`form-control${errors.months ? ' is-invalid' : ''}`}
          value={months}
          onChange={(event) => setMonths(event.target.value)}
          aria-describedby={errors.months ? `${id}-months-error` : `${id}-months-hint`}
          aria-invalid={errors.months ? true : undefined}
        />
        <small id={`${id}-months-hint`} className="form-text">
          {Number.isInteger(Number(months)) && Number(months) > 0
            ? `Pari a ${retentionInWords(Number(months))}.`
            : `Da ${category.minMonths} a 1200 mesi.`}
          {category.minMonths > 1 &&
            ` Per questo tipo di dati non meno di ${retentionInWords(category.minMonths)}.`}
        </small>
        {errors.months && (
          <div id={`${id}-months-error`} className="invalid-feedback d-block">
            {errors.months}
          </div>
        )}
      </div>
      <div className="form-group mb-3">
        <label htmlFor={`${id}-basis`} className="active">
          Base giuridica
        </label>
        <textarea
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
        Salva
      </button>
      <button type="button" className="btn btn-outline-secondary btn-sm" onClick={() => onDone(false)}>
        Annulla
      </button>
    </form>
  );
}

function DueNow({ category }: { category: RetentionCategoryView }) {
  if (category.dueNow === null)
    return <span className="text-danger">{category.dueProblem ?? 'Non è stato possibile contarli.'}</span>;
  return <span>{count(category.dueNow)}</span>;
}

function CategoryRow({
  category,
  isEditing,
  onEdit,
  onDone,
}: {
  category: RetentionCategoryView;
  isEditing: boolean;
  onEdit: () => void;
  onDone: (saved: boolean) => void;
}) {
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
            {retentionInWords(category.months)}
            {category.minMonths > 1 && (
              <span className="d-block small text-secondary">
                non meno di {retentionInWords(category.minMonths)}
              </span>
            )}
            <button
              type="button"
              className="btn btn-link btn-sm p-0 d-block"
              onClick={onEdit}
              aria-label={`Modifica la conservazione di: ${category.label}`}
            >
              Modifica
            </button>
          </td>
          <td className="small">{category.legalBasis}</td>
        </>
      )}
      <td>{ACTIONS[category.action]}</td>
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
  const [editing, setEditing] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  if (overview.categories.length === 0)
    return <p>Nessun modulo ha ancora indicato categorie di dati personali da conservare.</p>;
  return (
    <>
      <Notice message={saved} />
      <div className="table-responsive">
        <table className="table">
          <caption>Categorie di dati e loro conservazione</caption>
          <thead>
            <tr>
              <th scope="col">Categoria</th>
              <th scope="col">Da quando</th>
              <th scope="col">Conservazione</th>
              <th scope="col">Base giuridica</th>
              <th scope="col">Alla scadenza</th>
              <th scope="col">Da eliminare ora</th>
              <th scope="col">Ultima eliminazione</th>
            </tr>
          </thead>
          <tbody>
            {overview.categories.map((category) => (
              <CategoryRow
                key={category.key}
                category={category}
                isEditing={editing === category.key}
                onEdit={() => {
                  setSaved(null);
                  setEditing(category.key);
                }}
                onDone={(isSaved) => {
                  setEditing(null);
                  setSaved(isSaved ? `Conservazione di «${category.label}» aggiornata.` : null);
                }}
              />
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/**
 * How long each kind of personal data is kept, on what legal basis, what is due now and what the last
 * disposal did; the administrator corrects a retention and runs the disposal at once.
 */
export function RetentionPage() {
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
  const isWaiting = awaitedAfter !== undefined && latestDisposal(overview.data) === awaitedAfter;
  const notice =
    awaitedAfter === undefined
      ? null
      : isWaiting
        ? 'Eliminazione avviata: la pagina si aggiorna quando è conclusa.'
        : 'Eliminazione conclusa: i risultati sono nella colonna «Ultima eliminazione».';
  const runNow = useMutation({
    mutationFn: () => api.post('/api/privacy/retention/run'),
    onSuccess: () => {
      setProblem(null);
      setAwaitedAfter(latestDisposal(overview.data));
      void queryClient.invalidateQueries({ queryKey: OVERVIEW_KEY });
    },
    onError: (error) => setProblem(error instanceof ApiError ? error.userMessage : GENERIC_ERROR),
  });

  return (
    <Page title="Conservazione dei dati" trail={administrationTrail(session, 'Amministrazione')}>
      <p>
        Per ogni categoria di dati personali: per quanto tempo è conservata, con quale base giuridica e che
        cosa succede alla scadenza. Ogni notte LOVIT elimina o rende anonimi i dati scaduti, a gruppi, e
        registra nel registro delle operazioni quanti dati di ogni categoria ha trattato, mai il loro
        contenuto.
      </p>
      <Notice message={notice} />
      <FormProblem message={problem} />
      {overview.isPending ? (
        <Loading />
      ) : overview.error ? (
        <LoadError error={overview.error} />
      ) : (
        <>
          <CategoriesTable overview={overview.data} />
          <p>L’eliminazione automatica è eseguita ogni giorno alle {overview.data.dailyAt}.</p>
          {overview.data.canRunNow ? (
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => runNow.mutate()}
              disabled={runNow.isPending || isWaiting}
            >
              Esegui ora
            </button>
          ) : (
            <p>
              Questo processo non esegue lavori in background: l’eliminazione sarà eseguita dal processo che
              li esegue.
            </p>
          )}
        </>
      )}
    </Page>
  );
}
