import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { capacityInput, ENROLMENT_STATUSES, TRACKS } from '../../../src/modules/training/contract.ts';
import { ApiError } from '../../app/api.ts';
import { usePermission } from '../../app/session.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { formatDate } from '../../ui/dates.ts';
import { TextField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem, resolverWithBlanksAsNull } from '../../ui/forms.tsx';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { Page } from '../../ui/Page.tsx';
import { TableScroll } from '../../ui/TableScroll.tsx';
import { EditionCertificates } from './Certificates.tsx';
import { EvaluationsPanel } from './EvaluationsPanel.tsx';
import { type EditionView, keys, training } from './requests.ts';
import { timeOf } from './times.ts';

const problemText = (error: unknown, fallback: string) =>
  error instanceof ApiError ? error.userMessage : fallback;

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
      <Participants edition={data} />
      <EditionCertificates edition={data} />
      <EvaluationsPanel edition={data} />
    </Page>
  );
}

function Sessions({ edition }: { edition: EditionView }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="sessioni" className="mt-4">
      <h2 id="sessioni" className="h4">
        {t('training.sessions.title')}
      </h2>
      <TableScroll label={t('training.sessions.title')}>
        <table className="table">
          <caption className="visually-hidden">{t('training.sessions.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('training.sessions.day')}</th>
              <th scope="col">{t('training.sessions.time')}</th>
              <th scope="col">{t('training.sessions.where')}</th>
              <th scope="col">{t('training.sessions.hours')}</th>
              {edition.isTrainer && <th scope="col">{t('training.register.title')}</th>}
            </tr>
          </thead>
          <tbody>
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
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

function OwnPlace({ edition, onDone }: { edition: EditionView; onDone: (notice: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const enrols = usePermission('training.enrol');
  const [problem, setProblem] = useState<string | null>(null);
  const [isConfirming, setConfirming] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: keys.all });
  const enrol = useMutation({
    mutationFn: () => training.enrol(edition.id),
    onSuccess: (result) => {
      setProblem(null);
      onDone(result.message);
      void refresh();
    },
    onError: (error) => setProblem(problemText(error, t('errors.generic'))),
  });
  const cancel = useMutation({
    mutationFn: (enrolmentId: string) => training.cancel(enrolmentId),
    onSuccess: () => {
      setConfirming(false);
      setProblem(null);
      onDone(t('training.mine.cancelled'));
      void refresh();
    },
    onError: (error) => {
      setConfirming(false);
      setProblem(problemText(error, t('errors.generic')));
    },
  });
  if (!enrols) return null;
  const mine = edition.mine;
  return (
    <section aria-labelledby="mia-iscrizione" className="mt-4">
      <h2 id="mia-iscrizione" className="h4">
        {t('training.mine.place')}
      </h2>
      {mine ? (
        <>
          <p>
            {mine.status === 'WAITLISTED'
              ? t('training.mine.waiting', { position: mine.position })
              : ENROLMENT_STATUSES[mine.status]}
          </p>
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
  const queryClient = useQueryClient();
  const heads = usePermission('training.staff');
  const [userId, setUserId] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const staff = useQuery({ queryKey: keys.staff, queryFn: training.staff, enabled: heads });
  const enrol = useMutation({
    mutationFn: () => training.enrolStaff(edition.id, userId),
    onSuccess: (result) => {
      setProblem(null);
      setUserId('');
      onDone(result.message);
      void queryClient.invalidateQueries({ queryKey: keys.all });
    },
    onError: (error) => setProblem(problemText(error, t('errors.generic'))),
  });
  if (!heads) return null;
  return (
    <section aria-labelledby="iscrivi-personale" className="mt-4">
      <h2 id="iscrivi-personale" className="h4">
        {t('training.staff.title')}
      </h2>
      <form
        className="lovit-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!userId) setProblem(t('training.staff.choose'));
          else enrol.mutate();
        }}
      >
        <div className="select-wrapper lovit-field">
          <label htmlFor={id}>{t('training.staff.person')}</label>
          <select id={id} value={userId} onChange={(event) => setUserId(event.target.value)}>
            <option value="">{t('training.staff.choose')}</option>
            {staff.data?.map((person) => (
              <option key={person.userId} value={person.userId}>
                {person.name}
              </option>
            ))}
          </select>
        </div>
        <FormProblem message={problem} />
        <button type="submit" className="btn btn-primary" disabled={enrol.isPending}>
          {t('training.staff.enrol')}
        </button>
      </form>
    </section>
  );
}

function Participants({ edition }: { edition: EditionView }) {
  const { t } = useTranslation();
  if (edition.participants.length === 0) return null;
  return (
    <section aria-labelledby="partecipanti" className="mt-4">
      <h2 id="partecipanti" className="h4">
        {t('training.participants.title')}
      </h2>
      <TableScroll label={t('training.participants.title')}>
        <table className="table">
          <caption className="visually-hidden">{t('training.participants.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('training.participants.name')}</th>
              <th scope="col">{t('training.participants.organisation')}</th>
              <th scope="col">{t('training.participants.status')}</th>
              <th scope="col">{t('training.participants.hours')}</th>
            </tr>
          </thead>
          <tbody>
            {edition.participants.map((person) => (
              <tr key={person.enrolmentId}>
                <th scope="row">{person.name}</th>
                <td>{person.organisationName}</td>
                <td>
                  {person.status === 'WAITLISTED'
                    ? t('training.mine.waiting', { position: person.position })
                    : ENROLMENT_STATUSES[person.status]}
                </td>
                <td>
                  {t('training.mine.hours', { attended: person.hoursAttended, total: edition.totalHours })}
                  {person.isComplete && ` · ${t('training.mine.complete')}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

function CapacityForm({ edition, onDone }: { edition: EditionView; onDone: (notice: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const manages = usePermission('training.manage');
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm({
    resolver: resolverWithBlanksAsNull(capacityInput, []),
    defaultValues: { capacity: edition.capacity },
  });
  const change = useMutation({
    mutationFn: (capacity: number) => training.changeCapacity(edition.id, capacity),
    onSuccess: (next) => {
      setProblem(null);
      onDone(t('training.editions.capacityChanged', { capacity: next.capacity }));
      void queryClient.invalidateQueries({ queryKey: keys.all });
    },
    onError: (error) => setProblem(reportProblem(error, form.setError, ['capacity'])),
  });
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
