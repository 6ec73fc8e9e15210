import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { council, keys } from './requests.ts';

/** The options of an organisation picker: a prompt, then every active organisation by name. */
export function OrganisationOptions() {
  const { t } = useTranslation();
  const organisations = useQuery({ queryKey: keys.organisations, queryFn: council.organisations });
  return (
    <>
      <option value="">{t('council.chooseOrganisation')}</option>
      {(organisations.data?.items ?? [])
        .filter((organisation) => organisation.isActive)
        .map((organisation) => (
          <option key={organisation.id} value={organisation.id}>
            {organisation.name}
          </option>
        ))}
    </>
  );
}
