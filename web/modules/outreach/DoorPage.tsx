import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { FormProblem } from '../../ui/forms.tsx';
import { Icon } from '../../ui/Icon.tsx';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { problemText } from './changes.ts';
import { type CheckInResult, type EventSession, keys, type OutreachEvent, outreach } from './requests.ts';
import { Scanner } from './Scanner.tsx';
import { momentOf } from './words.ts';
import './outreach.css';

/** How often the door reads the counts again: other phones admit people at other entrances. */
const LIVE_COUNTS_MS = 5000;

type Door = { event: OutreachEvent; listId: string; session: EventSession };

/** The date being let in when none is chosen: the first that has not ended yet, else the last. */
function currentSession(sessions: EventSession[]): EventSession | undefined {
  const now = Date.now();
  return sessions.find((session) => new Date(session.endsAt).getTime() > now) ?? sessions.at(-1);
}

/**
 * The door of an event, on a phone: the entrance (list) and the date being let in, kept in the address;
 * the ticket's code typed, read by the camera or found by name; the answer shown large and announced.
 */
export function DoorPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const event = useQuery({
    queryKey: keys.event(id),
    queryFn: () => outreach.event(id),
    refetchInterval: LIVE_COUNTS_MS,
  });
  const trail = [{ label: t('modules.outreach.title'), to: '/comunicazione' }];
  if (event.isPending || event.error)
    return (
      <Page title={t('outreach.door.titleAlone')} trail={trail}>
        {event.error ? <LoadError error={event.error} /> : <Loading />}
      </Page>
    );
  const data = event.data;
  const list =
    data.checkInLists.find((candidate) => candidate.id === params.get('lista')) ?? data.checkInLists[0];
  const session =
    data.sessions.find((candidate) => candidate.id === params.get('data')) ?? currentSession(data.sessions);
  const choose = (name: 'lista' | 'data', value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.set(name, value);
        return next;
      },
      { replace: true },
    );
  return (
    <Page
      title={t('outreach.door.title', { event: data.title })}
      trail={[...trail, { label: data.title, to: `/comunicazione/eventi/${data.id}` }]}
    >
      <div className="lovit-door">
        {!list || !session ? (
          <p className="alert alert-info">{t('outreach.door.nothingToOpen')}</p>
        ) : (
          <>
            <DoorChoice event={data} listId={list.id} sessionId={session.id} onChoose={choose} />
            <LiveCounts session={session} list={list} />
            <Admission door={{ event: data, listId: list.id, session }} />
          </>
        )}
      </div>
    </Page>
  );
}

function DoorChoice({
  event,
  listId,
  sessionId,
  onChoose,
}: {
  event: OutreachEvent;
  listId: string;
  sessionId: string;
  onChoose: (name: 'lista' | 'data', value: string) => void;
}) {
  const { t } = useTranslation();
  const listField = useId();
  const sessionField = useId();
  return (
    <div className="row">
      <div className="col-12 col-md-6">
        <div className="select-wrapper lovit-field">
          <label htmlFor={listField}>{t('outreach.door.list')}</label>
          <select id={listField} value={listId} onChange={(change) => onChoose('lista', change.target.value)}>
            {event.checkInLists.map((list) => (
              <option key={list.id} value={list.id}>
                {list.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="col-12 col-md-6">
        <div className="select-wrapper lovit-field">
          <label htmlFor={sessionField}>{t('outreach.door.session')}</label>
          <select
            id={sessionField}
            value={sessionId}
            onChange={(change) => onChoose('data', change.target.value)}
          >
            {event.sessions.map((session) => (
              <option key={session.id} value={session.id}>
                {session.label} – {momentOf(session.startsAt)}
              </option>
            ))}
          </select>
        </div>
      </div>
    </div>
  );
}

function LiveCounts({
  session,
  list,
}: {
  session: EventSession;
  list: OutreachEvent['checkInLists'][number];
}) {
  const { t } = useTranslation();
  return (
    <ul className="list-unstyled lovit-door-counts">
      <li>{t('outreach.door.sessionCount', { count: session.checkedIn, confirmed: session.confirmed })}</li>
      <li>{t('outreach.door.listCount', { name: list.name, count: list.checkedIn })}</li>
    </ul>
  );
}

const VERDICTS = {
  ADMITTED: { icon: 'it-check-circle', word: 'outreach.door.verdict.ADMITTED' },
  ALREADY: { icon: 'it-warning-circle', word: 'outreach.door.verdict.ALREADY' },
  OTHER_SESSION: { icon: 'it-calendar', word: 'outreach.door.verdict.OTHER_SESSION' },
  NOT_VALID: { icon: 'it-close-circle', word: 'outreach.door.verdict.NOT_VALID' },
} as const;

/** Lets a ticket in: by its code, typed or read by the camera, or by the holder's name. */
function Admission({ door }: { door: Door }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const codeField = useId();
  const codeRef = useRef<HTMLInputElement>(null);
  const [code, setCode] = useState('');
  const [fault, setFault] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [result, setResult] = useState<CheckInResult | null>(null);
  const admit = useMutation({
    mutationFn: (typed: string) =>
      outreach.checkIn({ listId: door.listId, sessionId: door.session.id, code: typed }),
    onMutate: () => setResult(null),
    onSuccess: (answer) => {
      setProblem(null);
      setResult(answer);
      setCode('');
      void queryClient.invalidateQueries({ queryKey: keys.event(door.event.id) });
      void queryClient.invalidateQueries({ queryKey: ['outreach', 'door'] });
    },
    onError: (error) => setProblem(problemText(error, t('errors.generic'))),
  });
  const submit = (formEvent: FormEvent) => {
    formEvent.preventDefault();
    setProblem(null);
    if (code.trim() === '') {
      setFault(t('outreach.door.codeMissing'));
      codeRef.current?.focus();
      return;
    }
    setFault(null);
    admit.mutate(code);
    codeRef.current?.focus();
  };
  return (
    <>
      <form onSubmit={submit} noValidate className="lovit-form">
        <div className="form-group">
          <label htmlFor={codeField} className="active">
            {t('outreach.door.code')}
          </label>
          <input
            ref={codeRef}
            id={codeField}
            className={`form-control lovit-door-code${fault ? ' is-invalid' : ''}`}
            value={code}
            onChange={(change) => setCode(change.target.value)}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            enterKeyHint="go"
            aria-invalid={fault ? true : undefined}
            aria-describedby={`${codeField}-aiuto${fault ? ` ${codeField}-errore` : ''}`}
          />
          <small id={`${codeField}-aiuto`} className="form-text">
            {t('outreach.door.codeHint')}
          </small>
          {fault && (
            <div id={`${codeField}-errore`} className="invalid-feedback d-block">
              {fault}
            </div>
          )}
        </div>
        <button type="submit" className="btn btn-primary btn-lg w-100" disabled={admit.isPending}>
          {t('outreach.door.admit')}
        </button>
      </form>
      <Scanner onCode={(read) => admit.mutate(read)} />
      <FormProblem message={problem} />
      <div role="status" aria-live="polite" className="lovit-door-result">
        {result && <Outcome result={result} />}
      </div>
      <NameSearch
        door={door}
        onAdmit={(ticketCode) => admit.mutate(ticketCode)}
        isPending={admit.isPending}
      />
    </>
  );
}

function Outcome({ result }: { result: CheckInResult }) {
  const { t } = useTranslation();
  const verdict = VERDICTS[result.outcome];
  return (
    <div className={`lovit-door-outcome lovit-door-${result.outcome.toLowerCase().replace('_', '-')}`}>
      <p className="lovit-door-verdict">
        <Icon name={verdict.icon} className="me-2" />
        {t(verdict.word)}
      </p>
      <p className="mb-0">{result.message}</p>
      {result.ticketCode && (
        <p className="mb-0 mt-2">
          {t('outreach.door.ticket', { code: result.ticketCode, name: result.name ?? '' })}
        </p>
      )}
    </div>
  );
}

/** When the ticket is not at hand: the date's live tickets whose holder's name has the letters typed. */
function NameSearch({
  door,
  onAdmit,
  isPending,
}: {
  door: Door;
  onAdmit: (ticketCode: string) => void;
  isPending: boolean;
}) {
  const { t } = useTranslation();
  const field = useId();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [fault, setFault] = useState<string | null>(null);
  const matches = useQuery({
    queryKey: keys.door(door.session.id, door.listId, q),
    queryFn: () => outreach.door(door.session.id, door.listId, q),
    enabled: q.length >= 2,
  });
  const search = (formEvent: FormEvent) => {
    formEvent.preventDefault();
    const words = typed.trim();
    if (words.length < 2) {
      setFault(t('outreach.door.searchTooShort'));
      return;
    }
    setFault(null);
    setQ(words);
  };
  return (
    <section aria-labelledby={`${field}-titolo`} className="mt-5">
      <h2 id={`${field}-titolo`} className="h4">
        {t('outreach.door.byName')}
      </h2>
      <search>
        <form onSubmit={search} noValidate className="lovit-form">
          <div className="form-group">
            <label htmlFor={field} className="active">
              {t('outreach.door.name')}
            </label>
            <input
              id={field}
              type="search"
              className={`form-control${fault ? ' is-invalid' : ''}`}
              value={typed}
              onChange={(change) => setTyped(change.target.value)}
              autoComplete="off"
              aria-invalid={fault ? true : undefined}
              aria-describedby={fault ? `${field}-errore` : undefined}
            />
            {fault && (
              <div id={`${field}-errore`} className="invalid-feedback d-block">
                {fault}
              </div>
            )}
          </div>
          <button type="submit" className="btn btn-outline-primary">
            {t('outreach.door.search')}
          </button>
        </form>
      </search>
      {q.length >= 2 &&
        (matches.isPending ? (
          <Loading />
        ) : matches.error ? (
          <LoadError error={matches.error} />
        ) : (
          <>
            <p role="status" className="fw-semibold mt-3">
              {t('outreach.door.found', { count: matches.data.length })}
            </p>
            <ul className="list-unstyled">
              {matches.data.map((match) => (
                <li key={match.ticketCode} className="lovit-door-match">
                  <span className="fw-semibold">{match.name}</span> · {match.ticketCode} ·{' '}
                  {t(`outreach.registrations.statuses.${match.status}`)}
                  {match.checkedIn ? (
                    <span className="d-block">{t('outreach.door.alreadyIn')}</span>
                  ) : (
                    match.status === 'CONFIRMED' && (
                      <button
                        type="button"
                        className="btn btn-sm btn-primary d-block mt-2"
                        aria-label={t('outreach.door.admitNamed', { name: match.name })}
                        disabled={isPending}
                        onClick={() => onAdmit(match.ticketCode)}
                      >
                        {t('outreach.door.admitShort')}
                      </button>
                    )
                  )}
                </li>
              ))}
            </ul>
          </>
        ))}
    </section>
  );
}
