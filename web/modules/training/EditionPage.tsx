import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { type ReactNode, useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { capacityInput, ENROLMENT_STATUSES, TRACKS } from '../../../src/modules/training/contract.ts';
import { ApiError, fieldPath } from '../../app/api.ts';
import { usePermission } from '../../app/session.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { formatDate } from '../../ui/dates.ts';
import { sentence, TextField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem, resolverWithBlanksAsNull } from '../../ui/forms.tsx';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { Page } from '../../ui/Page.tsx';
import { TableScroll } from '../../ui/TableScroll.tsx';
import { EditionCertificates } from './Certificates.tsx';
import { EvaluationsPanel } from './EvaluationsPanel.tsx';
import { type EditionView, keys, training } from './requests.ts';
import { timeOf } from './times.ts';
import { WithdrawDialog } from './WithdrawDialog.tsx';

const problemText = (error: unknown, fallback: string) =>
  error instanceof ApiError ? error.userMessage : fallback;

/** Where a person stands, in words: the waitlist with the position. */
const standingOf = (
  t: TFunction,
  person: { status: keyof typeof ENROLMENT_STATUSES; position: number | null },
): string =>
  person.status === 'WAITLISTED'
    ? t('training.mine.waiting', { position: person.position })
    : ENROLMENT_STATUSES[person.status];

/** A change to the edition: on success, its own follow-up and everything in training read again. */
function useEditionChange<Input, Result>(
  run: (input: Input) => Promise<Result>,
  onDone: (result: Result) => void,
  onProblem: (error: unknown) => void,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (result) => {
      onDone(result);
      void queryClient.invalidateQueries({ queryKey: keys.all });
    },
    onError: onProblem,
  });
}

/** A section of the edition page that is one table: its heading, hidden caption and column heads. */
function TableSection(props: { id: string; title: string; columns: string[]; children: ReactNode }) {
  return (
    <section aria-labelledby={props.id} className="mt-4">
      <h2 id={props.id} className="h4">
        {props.title}
      </h2>
      <TableScroll label={props.title}>
        <table className="table">
          <caption className="visually-hidden">{props.title}</caption>
          <thead>
            <tr>
              {props.columns.map((column) => (
                <th key={column} scope="col">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>{props.children}</tbody>
        </table>
      </TableScroll>
    </section>
  );
}

/** An edition: its sessions and places, the user's own place, their staff's, and the participants for trainers. */
export function EditionPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [notice, setNotice] = useState<string | null>(null);
  const edition = useQuery({ queryKey: keys.edition(id), queryFn: () => training.edition(id) });
  const trail = [{ label: t('modules.training.title'), to: '/formazione' }];
  if (edition.isPending || edition.error)
    return (
      <Page title={t('training.editions.one')} trail={trail}>
        {edition.error ? <LoadError error={edition.error} /> : <Loading />}
      </Page>
    );
  const data = edition.data;
  return (
    <Page
      title={`${data.courseTitle} – ${data.name}`}
      trail={[...trail, { label: data.courseTitle, to: `/formazione/corsi/${data.courseId}` }]}
    >
      <Notice message={notice} />
      <p>
        {TRACKS[data.track]} ·{' '}
        {t('training.editions.summary', {
          enrolled: data.enrolled,
          capacity: data.capacity,
          waiting: data.waitlisted,
          hours: data.totalHours,
        })}
      </p>
      <Sessions edition={data} />
      <OwnPlace edition={data} onDone={setNotice} />
      <StaffEnrolment edition={data} onDone={setNotice} />
      <CapacityForm edition={data} onDone={setNotice} />
      <Participants edition={data} onDone={setNotice} />
      <EditionCertificates edition={data} />
      <EvaluationsPanel edition={data} />
    </Page>
  );
}

function Sessions({ edition }: { edition: EditionView }) {
  const { t } = useTranslation();
  const columns = [
    t('training.sessions.day'),
    t('training.sessions.time'),
    t('training.sessions.where'),
    t('training.sessions.hours'),
    ...(edition.isTrainer ? [t('training.register.title')] : []),
  ];
  return (
    <TableSection id="sessioni" title={t('training.sessions.title')} columns={columns}>
      {edition.sessions.map((session) => (
        <tr key={session.id}>
          <th scope="row" className="text-nowrap">
            {formatDate(session.startsAt)}
          </th>
          <td className="text-nowrap">
            {timeOf(session.startsAt)}–{timeOf(session.endsAt)}
          </td>
          <td>
            {session.place}
            {session.onlineUrl && (
              <a className="d-block" href={session.onlineUrl}>
                {t('training.sessions.online')}
              </a>
            )}
          </td>
          <td>{session.hours}</td>
          {edition.isTrainer && (
            <td>
              <Link to={`/formazione/sessioni/${session.id}`}>
                {t('training.register.open', { day: formatDate(session.startsAt) })}
              </Link>
            </td>
          )}
        </tr>
      ))}
    </TableSection>
  );
}

function OwnPlace({ edition, onDone }: { edition: EditionView; onDone: (notice: string) => void }) {
  const { t } = useTranslation();
  const enrols = usePermission('training.enrol');
  const [problem, setProblem] = useState<string | null>(null);
  const [isConfirming, setConfirming] = useState(false);
  const enrol = useEditionChange(
    () => training.enrol(edition.id),
    (result) => {
      setProblem(null);
      onDone(result.message);
    },
    (error) => setProblem(problemText(error, t('errors.generic'))),
  );
  const cancel = useEditionChange(
    training.cancel,
    () => {
      setConfirming(false);
      setProblem(null);
      onDone(t('training.mine.cancelled'));
    },
    (error) => {
      setConfirming(false);
      setProblem(problemText(error, t('errors.generic')));
    },
  );
  if (!enrols) return null;
  const mine = edition.mine;
  return (
    <section aria-labelledby="mia-iscrizione" className="mt-4">
      <h2 id="mia-iscrizione" className="h4">
        {t('training.mine.place')}
      </h2>
      {mine ? (
        <>
          <p>{standingOf(t, mine)}</p>
          {mine.mayCancel ? (
            <>
              <p className="text-muted">
                {t('training.mine.cancelUntil', { day: formatDate(edition.cancelUntil) })}
              </p>
              <button type="button" className="btn btn-outline-danger" onClick={() => setConfirming(true)}>
                {t('training.mine.cancel')}
              </button>
              <ConfirmDialog
                isOpen={isConfirming}
                title={t('training.mine.cancel')}
                message={t('training.mine.cancelConfirm')}
                confirmLabel={t('training.mine.cancel')}
                isPending={cancel.isPending}
                onConfirm={() => cancel.mutate(mine.enrolmentId)}
                onCancel={() => setConfirming(false)}
              />
            </>
          ) : (
            <p className="text-muted">{t('training.mine.tooLate')}</p>
          )}
        </>
      ) : !edition.isOpenToMe ? (
        <p className="alert alert-info">{t('training.courses.notForMe')}</p>
      ) : (
        <>
          {edition.enrolled >= edition.capacity && (
            <p className="alert alert-warning">{t('training.mine.full')}</p>
          )}
          <button
            type="button"
            className="btn btn-primary"
            disabled={enrol.isPending}
            onClick={() => enrol.mutate()}
          >
            {edition.enrolled >= edition.capacity
              ? t('training.mine.joinWaitlist')
              : t('training.mine.enrol')}
          </button>
        </>
      )}
      <FormProblem message={problem} />
    </section>
  );
}

function StaffEnrolment({ edition, onDone }: { edition: EditionView; onDone: (notice: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const heads = usePermission('training.staff');
  const [userId, setUserId] = useState('');
  const [fault, setFault] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const staff = useQuery({ queryKey: keys.staff, queryFn: training.staff, enabled: heads });
  const refuse = (message: string) => {
    setFault(message);
    document.getElementById(id)?.focus();
  };
  const enrol = useEditionChange(
    () => training.enrolStaff(edition.id, userId),
    (result) => {
      setProblem(null);
      setFault(null);
      setUserId('');
      onDone(result.message);
    },
    (error) => {
      const onField =
        error instanceof ApiError
          ? error.problem.errors?.find(({ path }) => fieldPath(path) === 'userId')
          : undefined;
      if (onField) refuse(sentence(onField.message) ?? onField.message);
      else setProblem(problemText(error, t('errors.generic')));
    },
  );
  if (!heads) return null;
  return (
    <section aria-labelledby="iscrivi-personale" className="mt-4">
      <h2 id="iscrivi-personale" className="h4">
        {t('training.staff.title')}
      </h2>
      {edition.isOpenToMe ? (
        <form
          className="lovit-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            setProblem(null);
            if (!userId) refuse(t('training.staff.choose'));
            else enrol.mutate(undefined);
          }}
        >
          <div className="select-wrapper lovit-field">
            <label htmlFor={id}>{t('training.staff.person')}</label>
            <select
              id={id}
              value={userId}
              aria-invalid={fault ? true : undefined}
              aria-describedby={fault ? `${id}-errore` : undefined}
              onChange={(event) => {
                setUserId(event.target.value);
                setFault(null);
              }}
            >
              <option value="">{t('training.staff.choose')}</option>
              {staff.data?.map((person) => (
                <option key={person.userId} value={person.userId}>
                  {person.name}
                </option>
              ))}
            </select>
            {fault && (
              <div id={`${id}-errore`} className="invalid-feedback d-block">
                {fault}
              </div>
            )}
          </div>
          <FormProblem message={problem} />
          <button type="submit" className="btn btn-primary" disabled={enrol.isPending}>
            {t('training.staff.enrol')}
          </button>
        </form>
      ) : (
        <p className="alert alert-info">{t('training.courses.notForMe')}</p>
      )}
    </section>
  );
}

/** Everyone enrolled or waiting; the course's staff may withdraw each of them, deadline or not. */
function Participants({ edition, onDone }: { edition: EditionView; onDone: (notice: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [withdrawing, setWithdrawing] = useState<{ enrolmentId: string; name: string } | null>(null);
  if (edition.participants.length === 0) return null;
  const columns = [
    t('training.participants.name'),
    t('training.participants.organisation'),
    t('training.participants.status'),
    t('training.participants.hours'),
    ...(edition.mayWithdraw ? [t('training.participants.actions')] : []),
  ];
  return (
    <>
      <TableSection id="partecipanti" title={t('training.participants.title')} columns={columns}>
        {edition.participants.map((person) => (
          <tr key={person.enrolmentId}>
            <th scope="row">{person.name}</th>
            <td>{person.organisationName}</td>
            <td>{standingOf(t, person)}</td>
            <td>
              {t('training.mine.hours', { attended: person.hoursAttended, total: edition.totalHours })}
              {person.isComplete && ` · ${t('training.mine.complete')}`}
            </td>
            {edition.mayWithdraw && (
              <td>
                <button
                  type="button"
                  className="btn btn-sm btn-outline-danger"
                  aria-label={t('training.withdraw.openFor', { name: person.name })}
                  onClick={() => setWithdrawing({ enrolmentId: person.enrolmentId, name: person.name })}
                >
                  {t('training.withdraw.open')}
                </button>
              </td>
            )}
          </tr>
        ))}
      </TableSection>
      <WithdrawDialog
        person={withdrawing}
        onCancel={() => setWithdrawing(null)}
        onDone={(name) => {
          setWithdrawing(null);
          onDone(t('training.withdraw.done', { name }));
          void queryClient.invalidateQueries({ queryKey: keys.all });
        }}
      />
    </>
  );
}

function CapacityForm({ edition, onDone }: { edition: EditionView; onDone: (notice: string) => void }) {
  const { t } = useTranslation();
  const manages = usePermission('training.manage');
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm({
    resolver: resolverWithBlanksAsNull(capacityInput, []),
    defaultValues: { capacity: edition.capacity },
  });
  const change = useEditionChange(
    (capacity: number) => training.changeCapacity(edition.id, capacity),
    (next) => {
      setProblem(null);
      onDone(t('training.editions.capacityChanged', { capacity: next.capacity }));
    },
    (error) => setProblem(reportProblem(error, form.setError, ['capacity'])),
  );
  if (!manages) return null;
  return (
    <section aria-labelledby="posti" className="mt-4">
      <h2 id="posti" className="h4">
        {t('training.editions.capacityTitle')}
      </h2>
      <p>{t('training.editions.capacityHint')}</p>
      <form
        onSubmit={form.handleSubmit((values) => change.mutate(values.capacity))}
        noValidate
        className="lovit-form"
      >
        <TextField
          type="number"
          label={t('training.editions.capacity')}
          registration={form.register('capacity', { valueAsNumber: true })}
          error={form.formState.errors.capacity}
        />
        <FormProblem message={problem} />
        <button type="submit" className="btn btn-outline-primary" disabled={change.isPending}>
          {t('training.editions.changeCapacity')}
        </button>
      </form>
    </section>
  );
}
