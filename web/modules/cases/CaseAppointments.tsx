import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePermission } from '../../app/session.ts';
import { formatDateTime } from '../../ui/dates.ts';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { AppointmentBooking } from './AppointmentBooking.tsx';
import { AppointmentDialog, type AppointmentTask } from './AppointmentDialogs.tsx';
import { appointmentWhen } from './appointmentTimes.ts';
import { Item } from './DetailItem.tsx';
import { type AppointmentView, appointments, type CaseDetail, keys } from './requests.ts';
import { languageName } from './vocabulary.ts';

const LETTER_FOLLOW_MS = 2000;

type CaseAppointmentsProps = { detail: CaseDetail; onDone: (notice: string) => void };

/** The applicant's appointments at the SUI desks: when, where, why, the letter; booking and what follows. */
export function CaseAppointments({ detail, onDone }: CaseAppointmentsProps) {
  const { t } = useTranslation();
  const canAct = usePermission('cases.act');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [task, setTask] = useState<AppointmentTask | null>(null);
  const [isBackToHeading, setBackToHeading] = useState(false);
  const list = useQuery({
    queryKey: keys.appointments(detail.id),
    queryFn: () => appointments.ofCase(detail.id),
    // A letter on its way is followed until it leaves or is given up, so the desk sees it without reloading.
    refetchInterval: (query) =>
      query.state.data?.some((appointment) => appointment.letter?.status === 'PENDING')
        ? LETTER_FOLLOW_MS
        : false,
  });

  // The button that opened the dialog is gone once the appointment has changed: the reader goes on from the
  // section's heading.
  useEffect(() => {
    if (!isBackToHeading || task) return;
    setBackToHeading(false);
    headingRef.current?.focus();
  }, [isBackToHeading, task]);

  return (
    <section aria-labelledby="pratica-appuntamenti" className="mb-5">
      <h2 id="pratica-appuntamenti" ref={headingRef} tabIndex={-1} className="h4">
        {t('cases.appointments.heading')}
      </h2>
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <LoadError error={list.error} />
      ) : list.data.length === 0 ? (
        <p>{t('cases.appointments.none')}</p>
      ) : (
        <ul className="list-unstyled">
          {list.data.map((appointment) => (
            <AppointmentItem
              key={appointment.id}
              appointment={appointment}
              onTask={canAct ? (kind) => setTask({ kind, appointment }) : null}
            />
          ))}
        </ul>
      )}
      {canAct && detail.deadlineStatus !== 'CLOSED' && (
        <AppointmentBooking caseId={detail.id} applicantLanguage={detail.language} onDone={onDone} />
      )}
      <AppointmentDialog
        task={task}
        onDone={(notice) => {
          setTask(null);
          onDone(notice);
          setBackToHeading(true);
        }}
        onCancel={() => setTask(null)}
      />
    </section>
  );
}

type AppointmentItemProps = {
  appointment: AppointmentView;
  /** Opens a task on the appointment; null for users who only read. */
  onTask: ((kind: AppointmentTask['kind']) => void) | null;
};

const TASKS = [
  { kind: 'ATTENDED', label: 'cases.appointments.attended', tone: 'btn-outline-primary' },
  { kind: 'NO_SHOW', label: 'cases.appointments.noShow', tone: 'btn-outline-primary' },
  { kind: 'RESCHEDULE', label: 'cases.appointments.reschedule', tone: 'btn-outline-primary' },
  { kind: 'CANCEL', label: 'actions.cancel', tone: 'btn-outline-danger' },
] as const;

function AppointmentItem({ appointment, onTask }: AppointmentItemProps) {
  const { t } = useTranslation();
  const when = appointmentWhen(appointment);
  const isScheduled = appointment.status === 'SCHEDULED';
  // a calendar entry for an appointment that no longer stands would mislead
  const isReplaced = appointment.status === 'RESCHEDULED' || appointment.status === 'CANCELLED';
  return (
    <li className="border-bottom pb-1 mb-4">
      <h3 className="h5">{when}</h3>
      <dl className="row mb-0">
        <Item label={t('cases.case.state')}>
          <span className={isScheduled ? 'fw-semibold' : undefined}>{appointment.statusLabel}</span>
          {appointment.outcomeNotes && <span className="d-block small">{appointment.outcomeNotes}</span>}
        </Item>
        <Item label={t('cases.appointments.desk')}>
          {appointment.desk.name}
          <span className="d-block small">{appointment.desk.place}</span>
        </Item>
        <Item label={t('cases.appointments.purpose')}>{appointment.purposeLabel}</Item>
        <Item label={t('cases.appointments.mediation')}>
          {appointment.mediator
            ? t('cases.appointments.mediator', {
                name: appointment.mediator.name,
                language: languageName(appointment.language),
              })
            : t('common.none')}
        </Item>
        <Item label={t('cases.appointments.letter')}>
          <LetterState appointment={appointment} />
        </Item>
        <Item label={t('cases.appointments.documents')}>
          {appointment.documentsToBring.length === 0 ? (
            t('common.none')
          ) : (
            <ul className="ps-3 mb-0">
              {appointment.documentsToBring.map((document) => (
                <li key={document}>{document}</li>
              ))}
            </ul>
          )}
        </Item>
      </dl>
      {!isReplaced && (
        <p className="mb-3">
          <a href={appointments.icsUrl(appointment.id)} download>
            {t('cases.appointments.ics')}
            <span className="visually-hidden"> – {when}</span>
          </a>
        </p>
      )}
      {onTask && isScheduled && (
        <div className="d-flex flex-wrap gap-2 mb-4">
          {TASKS.map(({ kind, label, tone }) => (
            <button key={kind} type="button" className={`btn btn-sm ${tone}`} onClick={() => onTask(kind)}>
              {t(label)}
              <span className="visually-hidden"> – {when}</span>
            </button>
          ))}
        </div>
      )}
    </li>
  );
}

function LetterState({ appointment }: { appointment: AppointmentView }) {
  const { t } = useTranslation();
  const { letter, recipientEmail, viaPec } = appointment;
  if (!recipientEmail) return t('cases.appointments.noRecipient');
  if (!letter) return t('cases.appointments.letterPending', { email: recipientEmail });
  const state =
    letter.status === 'SENT'
      ? t(`cases.appointments.letterStates.${letter.kind}.sent`, { at: formatDateTime(letter.sentAt) })
      : letter.status === 'UNDELIVERABLE'
        ? t(`cases.appointments.letterStates.${letter.kind}.undeliverable`)
        : t(`cases.appointments.letterStates.${letter.kind}.pending`);
  return (
    <>
      {state}
      <span className="d-block small text-break">
        {recipientEmail}
        {viaPec && ` (${t('cases.employer.pec')})`}
      </span>
    </>
  );
}
