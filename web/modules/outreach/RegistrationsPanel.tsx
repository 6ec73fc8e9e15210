import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { FilterForm, FilterSelect, FilterText } from '../../ui/FilterForm.tsx';
import { FormProblem } from '../../ui/forms.tsx';
import { PagedList } from '../../ui/PagedList.tsx';
import { pageFrom } from '../../ui/Pagination.tsx';
import { TableScroll } from '../../ui/TableScroll.tsx';
import { type Done, problemText } from './changes.ts';
import {
  keys,
  type OutreachEvent,
  outreach,
  REGISTRATION_STATUSES,
  type Registration,
  type RegistrationStatus,
  type RegistrationsQuery,
} from './requests.ts';
import { languageName, momentOf } from './words.ts';

/** The statuses a registration can still leave: the staff may cancel it. */
const LIVE: readonly RegistrationStatus[] = ['CONFIRMED', 'WAITLISTED', 'OFFERED', 'PENDING'];
const DECIDED = {
  CONFIRMED: 'outreach.registrations.approvedSeat',
  WAITLISTED: 'outreach.registrations.approvedWaiting',
  DECLINED: 'outreach.registrations.declined',
} as const;

/** Where a registration stands, in words: the place in the waitlist, the deadline of an offer. */
function standingOf(t: TFunction, registration: Registration): string {
  if (registration.status === 'WAITLISTED' && registration.position !== null)
    return t('outreach.registrations.waitingAt', { position: registration.position });
  if (registration.status === 'OFFERED' && registration.offerExpiresAt)
    return t('outreach.registrations.offeredUntil', { date: momentOf(registration.offerExpiresAt) });
  return t(`outreach.registrations.statuses.${registration.status}`);
}

/** The filters of the list, read from the address: the date, the status, the words searched. */
function useRegistrationsQuery(event: OutreachEvent): { sessionId: string; query: RegistrationsQuery } {
  const [params] = useSearchParams();
  const chosen = params.get('data');
  const sessionId =
    event.sessions.find((session) => session.id === chosen)?.id ?? event.sessions[0]?.id ?? '';
  const status = REGISTRATION_STATUSES.find((known) => known === params.get('stato'));
  const q = params.get('q')?.trim();
  return {
    sessionId,
    query: { page: pageFrom(params), ...(status ? { status } : {}), ...(q ? { q } : {}) },
  };
}

/** The registrations of one date in arrival order, to search, follow and cancel. */
export function RegistrationsPanel({ event, onDone }: { event: OutreachEvent; onDone: Done }) {
  const { t } = useTranslation();
  const { sessionId, query } = useRegistrationsQuery(event);
  const list = useQuery({
    queryKey: keys.registrations(sessionId, query),
    queryFn: () => outreach.registrations(sessionId, query),
    placeholderData: keepPreviousData,
  });
  return (
    <section aria-labelledby="iscrizioni" className="mt-5">
      <h2 id="iscrizioni" className="h4">
        {t('outreach.registrations.title')}
      </h2>
      <p>
        <a href={`/api/outreach/sessions/${sessionId}/registrations.xlsx`} download>
          {t('outreach.registrations.download')}
        </a>
      </p>
      <FilterForm label={t('outreach.registrations.filters')}>
        <FilterSelect name="data" label={t('outreach.registrations.session')}>
          {/* the first date is the one shown when none is chosen: it stands for no choice */}
          {event.sessions.map((session, index) => (
            <option key={session.id} value={index === 0 ? '' : session.id}>
              {session.label}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect name="stato" label={t('outreach.registrations.status')}>
          <option value="">{t('filters.allFeminine')}</option>
          {REGISTRATION_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`outreach.registrations.statuses.${status}`)}
            </option>
          ))}
        </FilterSelect>
        <FilterText name="q" type="search" label={t('outreach.registrations.search')} />
      </FilterForm>
      <PagedList
        list={list}
        count={(count) => t('outreach.registrations.count', { count })}
        empty={t('outreach.registrations.empty')}
        labels={{ q: t('outreach.registrations.search'), status: t('outreach.registrations.status') }}
      >
        {(items) => <RegistrationsTable items={items} onDone={onDone} />}
      </PagedList>
    </section>
  );
}

function RegistrationsTable({ items, onDone }: { items: Registration[]; onDone: Done }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [cancelling, setCancelling] = useState<Registration | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const cancel = useMutation({
    mutationFn: (registration: Registration) => outreach.cancel(registration.id),
    onSuccess: (_, registration) => {
      setCancelling(null);
      setProblem(null);
      void queryClient.invalidateQueries({ queryKey: keys.all });
      onDone(t('outreach.registrations.cancelled', { name: registration.name }));
    },
    onError: (error) => {
      setCancelling(null);
      setProblem(problemText(error, t('errors.generic')));
    },
  });
  const decide = useMutation({
    mutationFn: ({ registration, approve }: { registration: Registration; approve: boolean }) =>
      outreach.decide(registration.id, approve),
    onSuccess: ({ status }, { registration }) => {
      setProblem(null);
      void queryClient.invalidateQueries({ queryKey: keys.all });
      onDone(t(DECIDED[status], { name: registration.name }));
    },
    onError: (error) => setProblem(problemText(error, t('errors.generic'))),
  });
  const title = t('outreach.registrations.title');
  return (
    <>
      <FormProblem message={problem} />
      <TableScroll label={title}>
        <table className="table">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('outreach.registrations.name')}</th>
              <th scope="col">{t('outreach.registrations.code')}</th>
              <th scope="col">{t('outreach.registrations.contact')}</th>
              <th scope="col">{t('outreach.registrations.status')}</th>
              <th scope="col">{t('outreach.registrations.needs')}</th>
              <th scope="col">{t('outreach.registrations.checkIns')}</th>
              <th scope="col">{t('outreach.registrations.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((registration) => (
              <tr key={registration.id}>
                <th scope="row">
                  {registration.name}
                  {registration.organisation && (
                    <span className="d-block fw-normal">{registration.organisation}</span>
                  )}
                </th>
                <td className="text-nowrap">{registration.ticketCode}</td>
                <td>
                  {registration.email}
                  <span className="d-block">
                    {t('outreach.registrations.language', { language: languageName(registration.language) })}
                  </span>
                </td>
                <td>{standingOf(t, registration)}</td>
                <td>
                  <Needs registration={registration} />
                </td>
                <td>
                  {registration.checkIns.length > 0
                    ? registration.checkIns.join(', ')
                    : t('outreach.registrations.notIn')}
                </td>
                <td>
                  {registration.status === 'PENDING' && (
                    <span className="d-flex flex-wrap gap-2 mb-2">
                      <button
                        type="button"
                        className="btn btn-sm btn-primary"
                        aria-label={t('outreach.registrations.approveFor', { name: registration.name })}
                        disabled={decide.isPending}
                        onClick={() => decide.mutate({ registration, approve: true })}
                      >
                        {t('outreach.registrations.approve')}
                      </button>
                      <button
                        type="button"
                        className="btn btn-sm btn-outline-secondary"
                        aria-label={t('outreach.registrations.declineFor', { name: registration.name })}
                        disabled={decide.isPending}
                        onClick={() => decide.mutate({ registration, approve: false })}
                      >
                        {t('outreach.registrations.decline')}
                      </button>
                    </span>
                  )}
                  {LIVE.includes(registration.status) && (
                    <button
                      type="button"
                      className="btn btn-sm btn-outline-danger"
                      aria-label={t('outreach.registrations.cancelFor', { name: registration.name })}
                      onClick={() => setCancelling(registration)}
                    >
                      {t('outreach.registrations.cancel')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <ConfirmDialog
        isOpen={cancelling !== null}
        title={t('outreach.registrations.cancelFor', { name: cancelling?.name ?? '' })}
        message={t('outreach.registrations.cancelConfirm')}
        confirmLabel={t('outreach.registrations.cancel')}
        isPending={cancel.isPending}
        onConfirm={() => cancelling && cancel.mutate(cancelling)}
        onCancel={() => setCancelling(null)}
      />
    </>
  );
}

function Needs({ registration }: { registration: Registration }) {
  const { t } = useTranslation();
  if (
    !registration.accessibilityNeeds &&
    !registration.interpretationLanguage &&
    registration.answers.length === 0
  )
    return t('common.none');
  return (
    <>
      {registration.answers.length > 0 && (
        <dl className="mb-1">
          {registration.answers.map(({ question, answer }) => (
            <div key={question}>
              <dt className="fw-normal fst-italic">{question}</dt>
              <dd className="mb-1 lovit-prose">{answer}</dd>
            </div>
          ))}
        </dl>
      )}
      {registration.interpretationLanguage && (
        <span className="d-block">
          {t('outreach.registrations.interpreter', {
            language: languageName(registration.interpretationLanguage),
          })}
        </span>
      )}
      {registration.accessibilityNeeds && (
        <span className="d-block lovit-prose">{registration.accessibilityNeeds}</span>
      )}
    </>
  );
}
