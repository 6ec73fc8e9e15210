import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ROLES, type Role } from '../../../src/modules/identity/contract.ts';
import type { InvitationInput } from '../../../src/modules/surveys/contract.ts';
import { api } from '../../app/api.ts';
import { formatDate } from '../../ui/dates.ts';
import { Notice } from '../../ui/Notice.tsx';
import { PagedList } from '../../ui/PagedList.tsx';
import { pageFrom } from '../../ui/Pagination.tsx';
import { TableScroll } from '../../ui/TableScroll.tsx';
import { type QuestionnaireView, surveys, surveysKeys } from './requests.ts';

/** Who is invited and who has answered; inviting one by one, or by organisation and role. */
export function InvitationsPanel({ questionnaire: q }: { questionnaire: QuestionnaireView }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const page = pageFrom(params);
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const list = useQuery({
    queryKey: surveysKeys.invitations(q.id, page),
    queryFn: () => surveys.invitations(q.id, page),
    placeholderData: keepPreviousData,
  });
  const invite = useMutation({
    mutationFn: (input: InvitationInput) => surveys.invite(q.id, input),
    onSuccess: ({ added, already }) => {
      setProblem(null);
      setNotice(
        `${t('surveys.invitations.added', { count: added })}${already ? ` ${t('surveys.invitations.already', { count: already })}` : ''}`,
      );
      void queryClient.invalidateQueries({ queryKey: surveysKeys.all });
    },
    onError: (error) => {
      setNotice(null);
      setProblem(error.message);
    },
  });
  return (
    <section aria-labelledby="inviti" className="mt-5">
      <h2 id="inviti" className="h4">
        {t('surveys.invitations.title')}
      </h2>
      <p>{q.status === 'DRAFT' ? t('surveys.invitations.draftNote') : t('surveys.invitations.openNote')}</p>
      <Notice message={notice} />
      {problem && (
        <p className="alert alert-danger" role="alert">
          {problem}
        </p>
      )}
      {q.status !== 'CLOSED' && (
        <div className="row">
          <div className="col-12 col-lg-6">
            <PersonSearch onInvite={(userId) => invite.mutate({ userIds: [userId] })} />
          </div>
          <div className="col-12 col-lg-6">
            <GroupInvitation
              onInvite={(organisationId, role) => invite.mutate({ userIds: [], organisationId, role })}
            />
          </div>
        </div>
      )}
      <PagedList
        list={list}
        count={(total) => t('surveys.invitations.count', { count: total })}
        empty={t('surveys.invitations.empty')}
      >
        {(items) => (
          <TableScroll label={t('surveys.invitations.tableLabel')}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('surveys.invitations.person')}</th>
                  <th scope="col">{t('surveys.invitations.organisations')}</th>
                  <th scope="col">{t('surveys.invitations.invitedOn')}</th>
                  <th scope="col">{t('surveys.invitations.remindedOn')}</th>
                  <th scope="col">{t('surveys.invitations.answered')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((invitation) => (
                  <tr key={invitation.userId}>
                    <th scope="row">{invitation.name}</th>
                    <td>{invitation.organisations}</td>
                    <td>{formatDate(invitation.invitedAt)}</td>
                    <td>{invitation.remindedAt ? formatDate(invitation.remindedAt) : '—'}</td>
                    <td>
                      {invitation.hasAnswered ? t('surveys.invitations.yes') : t('surveys.invitations.no')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </PagedList>
    </section>
  );
}

function PersonSearch({ onInvite }: { onInvite: (userId: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState<string | null>(null);
  const found = useQuery({
    queryKey: surveysKeys.invitees(search ?? ''),
    queryFn: () => surveys.invitees(search ?? ''),
    enabled: search !== null,
  });
  return (
    <form
      className="lovit-form mb-4"
      onSubmit={(event) => {
        event.preventDefault();
        setSearch(typed.trim());
      }}
    >
      <h3 className="h6">{t('surveys.invitations.onePerson')}</h3>
      <div className="form-group lovit-field">
        <label htmlFor={`${id}-search`} className="active">
          {t('surveys.invitations.search')}
        </label>
        <input
          id={`${id}-search`}
          type="search"
          className="form-control"
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
        />
      </div>
      <button type="submit" className="btn btn-outline-primary btn-sm">
        {t('surveys.invitations.find')}
      </button>
      {found.data &&
        (found.data.length === 0 ? (
          <p className="mt-2">{t('surveys.invitations.nobody')}</p>
        ) : (
          <ul className="list-unstyled mt-2">
            {found.data.map((person) => (
              <li key={person.id} className="d-flex flex-wrap align-items-center gap-2 mb-1">
                <span>
                  {person.name}
                  {person.organisations ? ` – ${person.organisations}` : ''}
                </span>
                <button
                  type="button"
                  className="btn btn-primary btn-xs btn-sm"
                  onClick={() => onInvite(person.id)}
                >
                  {t('surveys.invitations.invitePerson', { name: person.name })}
                </button>
              </li>
            ))}
          </ul>
        ))}
    </form>
  );
}

function GroupInvitation({
  onInvite,
}: {
  onInvite: (organisationId: string | null, role: Role | null) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [organisationId, setOrganisationId] = useState('');
  const [role, setRole] = useState('');
  const organisations = useQuery({
    queryKey: ['surveys', 'organisations'],
    queryFn: () =>
      api.get<{ items: { id: string; name: string; isActive: boolean }[] }>('/api/organisations', {
        pageSize: 100,
      }),
  });
  return (
    <form
      className="lovit-form mb-4"
      onSubmit={(event) => {
        event.preventDefault();
        onInvite(organisationId || null, (role as Role) || null);
      }}
    >
      <h3 className="h6">{t('surveys.invitations.group')}</h3>
      <div className="select-wrapper lovit-field">
        <label htmlFor={`${id}-organisation`}>{t('surveys.invitations.organisation')}</label>
        <select
          id={`${id}-organisation`}
          value={organisationId}
          onChange={(event) => setOrganisationId(event.target.value)}
        >
          <option value="">{t('surveys.invitations.anyOrganisation')}</option>
          {(organisations.data?.items ?? [])
            .filter((organisation) => organisation.isActive)
            .map((organisation) => (
              <option key={organisation.id} value={organisation.id}>
                {organisation.name}
              </option>
            ))}
        </select>
      </div>
      <div className="select-wrapper lovit-field">
        <label htmlFor={`${id}-role`}>{t('surveys.invitations.role')}</label>
        <select id={`${id}-role`} value={role} onChange={(event) => setRole(event.target.value)}>
          <option value="">{t('surveys.invitations.anyRole')}</option>
          {Object.entries(ROLES).map(([code, label]) => (
            <option key={code} value={code}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="btn btn-outline-primary btn-sm">
        {t('surveys.invitations.inviteGroup')}
      </button>
    </form>
  );
}
