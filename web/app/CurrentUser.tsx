import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { auth } from '../modules/identity/requests.ts';
import { ApiError } from './api.ts';
import { adoptSession, SESSION_KEY, useSession } from './session.ts';

type CurrentUserProps = {
  /** In the blue header band on wide screens, or at the top of the menu panel on narrow ones. */
  placement: 'header' | 'menu';
};

/** Who is signed in and for which organisation; with several memberships, the choice of another one. */
export function CurrentUser({ placement }: CurrentUserProps) {
  const { t } = useTranslation();
  const { data: session } = useSession();
  if (!session) return null;
  const { user, organisation, memberships } = session;
  return (
    <div className={`lovit-current-user lovit-current-user-${placement}`}>
      <p className="mb-0 fw-semibold">
        <span className="visually-hidden">{t('header.signedInAs')} </span>
        {user.givenName} {user.familyName}
      </p>
      {memberships.length > 1 ? (
        <OrganisationSwitch currentId={organisation.id} memberships={memberships} />
      ) : (
        <p className="mb-0 small">
          <span className="visually-hidden">{t('header.organisation')}: </span>
          {organisation.name}
        </p>
      )}
    </div>
  );
}

type OrganisationSwitchProps = {
  currentId: string;
  memberships: { organisationId: string; organisationName: string }[];
};

function OrganisationSwitch({ currentId, memberships }: OrganisationSwitchProps) {
  const { t } = useTranslation();
  const id = useId();
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState(currentId);
  const [message, setMessage] = useState<{ text: string; isError: boolean } | null>(null);
  const switchTo = useMutation({
    mutationFn: auth.switchOrganisation,
    onSuccess: (view) => {
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
      queryClient.setQueryData(SESSION_KEY, adoptSession(view));
      setMessage({ text: t('header.switched', { organisation: view.organisation.name }), isError: false });
    },
    onError: (error) =>
      setMessage({
        text: error instanceof ApiError ? error.userMessage : t('errors.generic'),
        isError: true,
      }),
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (chosen !== currentId) switchTo.mutate(chosen);
  };

  return (
    <form className="lovit-organisation-switch d-flex align-items-end gap-2" onSubmit={submit}>
      <div>
        <label htmlFor={id} className="small d-block">
          {t('header.organisation')}
        </label>
        <select
          id={id}
          className="form-select form-select-sm"
          value={chosen}
          onChange={(event) => setChosen(event.target.value)}
        >
          {memberships.map(({ organisationId, organisationName }) => (
            <option key={organisationId} value={organisationId}>
              {organisationName}
            </option>
          ))}
        </select>
      </div>
      <button
        type="submit"
        className="btn btn-sm btn-outline-primary bg-white text-nowrap"
        disabled={switchTo.isPending}
      >
        {t('header.switch')}
      </button>
      <p role={message?.isError ? 'alert' : 'status'} className="visually-hidden">
        {message?.text}
      </p>
    </form>
  );
}
