import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { usePermission } from '../../app/session.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { formatDate } from '../../ui/dates.ts';
import { TextField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem } from '../../ui/forms.tsx';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { Page } from '../../ui/Page.tsx';
import { type Done, problemText, useKeepEvent } from './changes.ts';
import { FollowUpPanel } from './FollowUpPanel.tsx';
import { InterpretationPanel } from './InterpretationPanel.tsx';
import { QuestionsPanel } from './QuestionsPanel.tsx';
import { RegistrationsPanel } from './RegistrationsPanel.tsx';
import { keys, type OutreachEvent, outreach } from './requests.ts';
import { SessionForm, Sessions } from './Sessions.tsx';
import { TranslationsPanel } from './TranslationsPanel.tsx';

/**
 * An event: its texts, whether it is on the portal, its dates with their seats and registrations, the
 * translations of its page, the interpreters asked for, and the check-in lists of its door.
 */
export function EventPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [notice, setNotice] = useState<string | null>(null);
  const event = useQuery({ queryKey: keys.event(id), queryFn: () => outreach.event(id) });
  const trail = [{ label: t('modules.outreach.title'), to: '/comunicazione' }];
  if (event.isPending || event.error)
    return (
      <Page title={t('outreach.events.one')} trail={trail}>
        {event.error ? <LoadError error={event.error} /> : <Loading />}
      </Page>
    );
  const data = event.data;
  return (
    <Page title={data.title} trail={trail}>
      <Notice message={notice} />
      <EventDetails event={data} />
      <PublicSite event={data} onDone={setNotice} />
      <Sessions event={data} onDone={setNotice} />
      {data.mayManage && <SessionForm eventId={data.id} onDone={setNotice} />}
      {data.mayManage && <QuestionsPanel event={data} onDone={setNotice} />}
      {data.mayManage && data.sessions.length > 0 && <RegistrationsPanel event={data} onDone={setNotice} />}
      {data.mayManage && <InterpretationPanel eventId={data.id} />}
      <CheckInLists event={data} onDone={setNotice} />
      {data.mayManage && data.sessions.length > 0 && <FollowUpPanel eventId={data.id} />}
      {data.mayManage && <TranslationsPanel event={data} onDone={setNotice} />}
    </Page>
  );
}

function EventDetails({ event }: { event: OutreachEvent }) {
  const { t } = useTranslation();
  return (
    <dl className="row">
      <dt className="col-sm-3">{t('outreach.events.kind')}</dt>
      <dd className="col-sm-9">{t(`outreach.events.kinds.${event.kind}`)}</dd>
      <dt className="col-sm-3">{t('outreach.events.summary')}</dt>
      <dd className="col-sm-9">{event.summary}</dd>
      <dt className="col-sm-3">{t('outreach.events.description')}</dt>
      <dd className="col-sm-9 lovit-prose">{event.description}</dd>
      <dt className="col-sm-3">{t('outreach.events.offerHours')}</dt>
      <dd className="col-sm-9">{t('outreach.events.offerHoursValue', { count: event.offerHours })}</dd>
    </dl>
  );
}

/** Whether visitors see the event and may register; those who manage events publish it or take it off. */
function PublicSite({ event, onDone }: { event: OutreachEvent; onDone: Done }) {
  const { t } = useTranslation();
  const keep = useKeepEvent();
  const [problem, setProblem] = useState<string | null>(null);
  const [isConfirming, setConfirming] = useState(false);
  const isPublished = event.publishedAt !== null;
  const change = useMutation({
    mutationFn: (published: boolean) => outreach.setPublished(event.id, published),
    onSuccess: (changed) => {
      setConfirming(false);
      setProblem(null);
      keep(changed);
      onDone(t(changed.publishedAt ? 'outreach.events.publishedNow' : 'outreach.events.withdrawnNow'));
    },
    onError: (error) => {
      setConfirming(false);
      setProblem(problemText(error, t('errors.generic')));
    },
  });
  return (
    <section aria-labelledby="portale" className="mt-4">
      <h2 id="portale" className="h4">
        {t('outreach.events.portalTitle')}
      </h2>
      <p>
        {event.publishedAt
          ? t('outreach.events.publishedSince', { date: formatDate(event.publishedAt) })
          : t('outreach.events.notPublished')}
      </p>
      {event.publicUrl && (
        <p>
          <a href={event.publicUrl}>{t('outreach.events.publicPage')}</a>
        </p>
      )}
      {event.mayManage && (
        <Link className="btn btn-outline-primary me-2" to={`/comunicazione/eventi/${event.id}/modifica`}>
          {t('outreach.events.edit')}
        </Link>
      )}
      {event.mayManage && (
        <button
          type="button"
          className={isPublished ? 'btn btn-outline-danger' : 'btn btn-primary'}
          disabled={change.isPending}
          onClick={() => (isPublished ? setConfirming(true) : change.mutate(true))}
        >
          {t(isPublished ? 'outreach.events.withdraw' : 'outreach.events.publish')}
        </button>
      )}
      <ConfirmDialog
        isOpen={isConfirming}
        title={t('outreach.events.withdraw')}
        message={t('outreach.events.withdrawConfirm')}
        confirmLabel={t('outreach.events.withdraw')}
        isPending={change.isPending}
        onConfirm={() => change.mutate(false)}
        onCancel={() => setConfirming(false)}
      />
      <FormProblem message={problem} />
    </section>
  );
}

/** The door's lists (one per entrance or room) with their admissions, and the way to the door page. */
function CheckInLists({ event, onDone }: { event: OutreachEvent; onDone: Done }) {
  const { t } = useTranslation();
  const keep = useKeepEvent();
  const atDoor = usePermission('outreach.checkin');
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm({ defaultValues: { name: '' } });
  const add = useMutation({
    mutationFn: (name: string) => outreach.addCheckInList(event.id, name),
    onSuccess: (changed, name) => {
      setProblem(null);
      keep(changed);
      form.reset({ name: '' });
      onDone(t('outreach.door.listAdded', { name: name.trim() }));
    },
    onError: (error) => setProblem(reportProblem(error, form.setError, ['name'])),
  });
  return (
    <section aria-labelledby="liste-ingresso" className="mt-5">
      <h2 id="liste-ingresso" className="h4">
        {t('outreach.door.lists')}
      </h2>
      <ul>
        {event.checkInLists.map((list) => (
          <li key={list.id}>{t('outreach.door.listCount', { name: list.name, count: list.checkedIn })}</li>
        ))}
      </ul>
      {atDoor && event.sessions.length > 0 && (
        <p>
          <Link className="btn btn-primary" to={`/comunicazione/eventi/${event.id}/porta`}>
            {t('outreach.door.open')}
          </Link>
        </p>
      )}
      {event.mayManage && (
        <form
          onSubmit={form.handleSubmit((values) => add.mutate(values.name))}
          noValidate
          className="lovit-form mt-4"
        >
          <div className="row">
            <div className="col-12 col-md-6">
              <TextField
                label={t('outreach.door.listName')}
                hint={t('outreach.door.listHint')}
                registration={form.register('name')}
                error={form.formState.errors.name}
              />
            </div>
          </div>
          <FormProblem message={problem} />
          <button type="submit" className="btn btn-outline-primary" disabled={add.isPending}>
            {t('outreach.door.addList')}
          </button>
        </form>
      )}
    </section>
  );
}
