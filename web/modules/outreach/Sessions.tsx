import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem } from '../../ui/forms.tsx';
import { TextAreaField } from '../cases/TextAreaField.tsx';
import { type Done, useKeepEvent } from './changes.ts';
import { type EventSession, keys, type OutreachEvent, outreach, type SessionInput } from './requests.ts';
import { lastDayOf, whenOf } from './words.ts';

/** The dates of the event, each with its place, its seats and where its registrations stand. */
export function Sessions({ event, onDone }: { event: OutreachEvent; onDone: Done }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="date" className="mt-5">
      <h2 id="date" className="h4">
        {t('outreach.sessions.title')}
      </h2>
      {event.sessions.length === 0 ? (
        <p className="alert alert-info">
          {t(event.mayManage ? 'outreach.sessions.emptyManager' : 'outreach.sessions.empty')}
        </p>
      ) : (
        event.sessions.map((session) => (
          <SessionCard key={session.id} session={session} mayManage={event.mayManage} onDone={onDone} />
        ))
      )}
    </section>
  );
}

function SessionCard({
  session,
  mayManage,
  onDone,
}: {
  session: EventSession;
  mayManage: boolean;
  onDone: Done;
}) {
  const { t } = useTranslation();
  const headingId = `data-${session.id}`;
  return (
    <section aria-labelledby={headingId} className="card card-bg mb-4">
      <div className="card-body">
        <h3 id={headingId} className="h5 card-title">
          {session.label}
        </h3>
        <p className="fw-semibold">{whenOf(session)}</p>
        <dl className="row mb-2">
          <dt className="col-sm-4">{t('outreach.sessions.where')}</dt>
          <dd className="col-sm-8">
            {session.venue}, {session.address}
          </dd>
          <dt className="col-sm-4">{t('outreach.sessions.accessibility')}</dt>
          <dd className="col-sm-8 lovit-prose">{session.accessibility}</dd>
          <dt className="col-sm-4">{t('outreach.sessions.registrationUntil')}</dt>
          <dd className="col-sm-8">{lastDayOf(session.registrationUntil)}</dd>
          <dt className="col-sm-4">{t('outreach.sessions.capacity')}</dt>
          <dd className="col-sm-8">{session.capacity}</dd>
          {session.requiresApproval && (
            <>
              <dt className="col-sm-4">{t('outreach.sessions.invitation')}</dt>
              <dd className="col-sm-8">{t('outreach.sessions.invitationShown')}</dd>
            </>
          )}
        </dl>
        <SeatCounts session={session} />
        {mayManage && <CapacityForm session={session} onDone={onDone} />}
      </div>
    </section>
  );
}

/** Where the seats of a date stand: held, offered to the waitlist, waiting, and who came in. */
export function SeatCounts({ session }: { session: EventSession }) {
  const { t } = useTranslation();
  return (
    <ul className="list-inline lovit-seat-counts">
      {session.requiresApproval && (
        <li className="list-inline-item">{t('outreach.sessions.pending', { count: session.pending })}</li>
      )}
      <li className="list-inline-item">{t('outreach.sessions.confirmed', { count: session.confirmed })}</li>
      <li className="list-inline-item">{t('outreach.sessions.offered', { count: session.offered })}</li>
      <li className="list-inline-item">{t('outreach.sessions.waiting', { count: session.waiting })}</li>
      <li className="list-inline-item">{t('outreach.sessions.checkedIn', { count: session.checkedIn })}</li>
    </ul>
  );
}

/** More seats are offered at once to the first in the waitlist; fewer never take a seat from anyone. */
function CapacityForm({ session, onDone }: { session: EventSession; onDone: Done }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm({ defaultValues: { capacity: session.capacity } });
  const change = useMutation({
    mutationFn: (capacity: number) => outreach.changeCapacity(session.id, capacity),
    onSuccess: (_, capacity) => {
      setProblem(null);
      void queryClient.invalidateQueries({ queryKey: keys.all });
      onDone(t('outreach.sessions.capacityChanged', { label: session.label, count: capacity }));
    },
    onError: (error) => setProblem(reportProblem(error, form.setError, ['capacity'])),
  });
  return (
    <form
      onSubmit={form.handleSubmit((values) => change.mutate(values.capacity))}
      noValidate
      className="lovit-form mt-4"
    >
      <div className="row">
        <div className="col-12 col-md-6 col-lg-4">
          <TextField
            type="number"
            label={t('outreach.sessions.newCapacity')}
            hint={t('outreach.sessions.capacityHint')}
            registration={form.register('capacity', { valueAsNumber: true })}
            error={form.formState.errors.capacity}
          />
        </div>
      </div>
      <FormProblem message={problem} />
      <button type="submit" className="btn btn-outline-primary btn-sm" disabled={change.isPending}>
        {t('outreach.sessions.changeCapacity')}
      </button>
    </form>
  );
}

type SessionFields = Omit<Required<SessionInput>, 'registrationUntil'> & { registrationUntil: string };

const NEW_SESSION: SessionFields = {
  label: '',
  day: '',
  startTime: '',
  endTime: '',
  venue: '',
  address: '',
  accessibility: '',
  capacity: 50,
  registrationUntil: '',
  requiresApproval: false,
};

/** Adds a date: its place, the access to it, the seats, and until when visitors may register. */
export function SessionForm({ eventId, onDone }: { eventId: string; onDone: Done }) {
  const { t } = useTranslation();
  const keep = useKeepEvent();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<SessionFields>({ defaultValues: NEW_SESSION });
  const { errors } = form.formState;
  const add = useMutation({
    mutationFn: ({ registrationUntil, ...values }: SessionFields) =>
      outreach.addSession(eventId, { ...values, registrationUntil: registrationUntil || null }),
    onSuccess: (changed, values) => {
      setProblem(null);
      keep(changed);
      form.reset(NEW_SESSION);
      onDone(t('outreach.sessions.added', { label: values.label.trim() }));
    },
    onError: (error) => setProblem(reportProblem(error, form.setError, Object.keys(NEW_SESSION))),
  });
  return (
    <section aria-labelledby="data-nuova" className="mt-4">
      <h2 id="data-nuova" className="h4">
        {t('outreach.sessions.new')}
      </h2>
      <form
        onSubmit={form.handleSubmit((values) => {
          setProblem(null);
          add.mutate(values);
        })}
        noValidate
        className="lovit-form"
      >
        <div className="row">
          <div className="col-12 col-md-6">
            <TextField
              label={t('outreach.sessions.label')}
              hint={t('outreach.sessions.labelHint')}
              registration={form.register('label')}
              error={errors.label}
            />
          </div>
          <div className="col-12 col-md-6">
            <TextField
              type="date"
              label={t('outreach.sessions.day')}
              registration={form.register('day')}
              error={errors.day}
            />
          </div>
          <div className="col-6 col-md-3">
            <TextField
              type="time"
              label={t('outreach.sessions.start')}
              registration={form.register('startTime')}
              error={errors.startTime}
            />
          </div>
          <div className="col-6 col-md-3">
            <TextField
              type="time"
              label={t('outreach.sessions.end')}
              registration={form.register('endTime')}
              error={errors.endTime}
            />
          </div>
          <div className="col-6 col-md-3">
            <TextField
              type="number"
              label={t('outreach.sessions.capacity')}
              registration={form.register('capacity', { valueAsNumber: true })}
              error={errors.capacity}
            />
          </div>
          <div className="col-6 col-md-3">
            <TextField
              type="date"
              label={t('outreach.sessions.registrationUntil')}
              hint={t('outreach.sessions.registrationUntilHint')}
              registration={form.register('registrationUntil')}
              error={errors.registrationUntil}
            />
          </div>
          <div className="col-12 col-md-6">
            <TextField
              label={t('outreach.sessions.venue')}
              registration={form.register('venue')}
              error={errors.venue}
            />
          </div>
          <div className="col-12 col-md-6">
            <TextField
              label={t('outreach.sessions.address')}
              registration={form.register('address')}
              error={errors.address}
            />
          </div>
        </div>
        <TextAreaField
          label={t('outreach.sessions.accessibility')}
          hint={t('outreach.sessions.accessibilityHint')}
          error={errors.accessibility}
          {...form.register('accessibility')}
        />
        <div className="form-check mb-4">
          <input id="data-su-invito" type="checkbox" {...form.register('requiresApproval')} />
          <label htmlFor="data-su-invito">{t('outreach.sessions.invitationField')}</label>
          <small className="form-text d-block">{t('outreach.sessions.invitationHint')}</small>
        </div>
        <FormProblem message={problem} />
        <button type="submit" className="btn btn-primary" disabled={add.isPending}>
          {t('outreach.sessions.add')}
        </button>
      </form>
    </section>
  );
}
