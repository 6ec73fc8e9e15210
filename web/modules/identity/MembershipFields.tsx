import { useQuery } from '@tanstack/react-query';
import { useFieldArray, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../src/modules/identity/contract.ts';
import { SelectField, sentence } from '../../ui/fields.tsx';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { keys, organisations } from './requests.ts';

type MembershipRow = { organisationId?: string; role?: Role; secondedFrom?: string | null };
type WithMemberships = { memberships: MembershipRow[] };

export const EMPTY_MEMBERSHIP: MembershipRow = { organisationId: '', role: undefined, secondedFrom: null };

/** A membership as the form edits it: the organisation of origin, if any, kept (decision 036). */
export const membershipRow = ({ organisationId, role, secondedFrom }: MembershipRow) => ({
  organisationId,
  role,
  secondedFrom: secondedFrom ?? null,
});

/** The empty choice of the organisation of origin is no secondment. */
const originValue = (value: unknown) => (value === '' || value === undefined ? null : value);

/**
 * The roles a user holds, one row per organisation and role, with the organisation the person comes from when
 * they hold it on secondment, in a form given by FormProvider whose `memberships` field holds them.
 */
export function MembershipFields() {
  const { t } = useTranslation();
  const {
    control,
    register,
    formState: { errors },
  } = useFormContext<WithMemberships>();
  const { fields, append, remove } = useFieldArray({ control, name: 'memberships' });
  const choices = useQuery({ queryKey: keys.allOrganisations, queryFn: organisations.all });
  const listError = errors.memberships?.message ?? errors.memberships?.root?.message;

  if (choices.isPending) return <Loading />;
  if (choices.error) return <LoadError error={choices.error} />;

  return (
    <div className="lovit-memberships">
      {fields.length === 0 && <p>{t('memberships.none')}</p>}
      {fields.map((field, index) => (
        <fieldset key={field.id} className="lovit-membership-row">
          <legend className="h6">{t('memberships.row', { number: index + 1 })}</legend>
          <div className="row align-items-end">
            <div className="col-12 col-md-4">
              <SelectField
                label={t('memberships.organisation')}
                registration={register(`memberships.${index}.organisationId`)}
                error={errors.memberships?.[index]?.organisationId}
              >
                <option value="">{t('filters.choose')}</option>
                {choices.data.map((organisation) => (
                  <option key={organisation.id} value={organisation.id}>
                    {organisation.isActive
                      ? organisation.name
                      : t('memberships.inactiveOrganisation', { name: organisation.name })}
                  </option>
                ))}
              </SelectField>
            </div>
            <div className="col-12 col-md-3">
              <SelectField
                label={t('memberships.role')}
                registration={register(`memberships.${index}.role`)}
                error={errors.memberships?.[index]?.role}
              >
                <option value="">{t('filters.choose')}</option>
                {Object.entries(ROLES).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </SelectField>
            </div>
            <div className="col-12 col-md-3">
              <SelectField
                label={t('memberships.secondedFrom')}
                hint={t('memberships.secondedHint')}
                registration={register(`memberships.${index}.secondedFrom`, { setValueAs: originValue })}
                error={errors.memberships?.[index]?.secondedFrom}
              >
                <option value="">{t('memberships.notSeconded')}</option>
                {choices.data.map((organisation) => (
                  <option key={organisation.id} value={organisation.id}>
                    {organisation.name}
                  </option>
                ))}
              </SelectField>
            </div>
            <div className="col-12 col-md-2 lovit-field">
              <button type="button" className="btn btn-outline-danger btn-sm" onClick={() => remove(index)}>
                {t('memberships.remove')}
                <span className="visually-hidden"> {t('memberships.row', { number: index + 1 })}</span>
              </button>
            </div>
          </div>
        </fieldset>
      ))}
      {listError && (
        <div className="alert alert-danger" role="alert">
          {sentence(listError)}
        </div>
      )}
      <button type="button" className="btn btn-outline-primary mb-4" onClick={() => append(EMPTY_MEMBERSHIP)}>
        {t('memberships.add')}
      </button>
    </div>
  );
}
