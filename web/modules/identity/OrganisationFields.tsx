import { useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ORGANISATION_TYPES, type OrganisationType } from '../../../src/modules/identity/contract.ts';
import { SelectField, TextField } from '../../ui/fields.tsx';

export type OrganisationFormValues = {
  code?: string;
  name?: string;
  type?: OrganisationType;
  fiscalCode?: string | null;
  municipalityIstatCode?: string | null;
  email?: string | null;
};

/** Optional fields left empty are sent as null ("no value"), not as an empty text. */
export const NULLABLE_ORGANISATION_FIELDS = ['fiscalCode', 'municipalityIstatCode', 'email'] as const;
export const ORGANISATION_FIELDS = ['code', 'name', 'type', ...NULLABLE_ORGANISATION_FIELDS];

/** The fields of an organisation, in a form given by FormProvider; the code only when creating one. */
export function OrganisationFields({ withCode }: { withCode: boolean }) {
  const { t } = useTranslation();
  const {
    register,
    formState: { errors },
  } = useFormContext<OrganisationFormValues>();
  return (
    <div className="row">
      {withCode && (
        <div className="col-12 col-md-6">
          <TextField
            label={t('organisations.code')}
            hint={t('organisations.codeHint')}
            registration={register('code')}
            error={errors.code}
            autoCapitalize="characters"
          />
        </div>
      )}
      <div className="col-12">
        <TextField label={t('organisations.name')} registration={register('name')} error={errors.name} />
      </div>
      <div className="col-12 col-md-6">
        <SelectField label={t('organisations.type')} registration={register('type')} error={errors.type}>
          <option value="">{t('filters.choose')}</option>
          {Object.entries(ORGANISATION_TYPES).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="col-12 col-md-6">
        <TextField
          label={t('organisations.fiscalCode')}
          hint={t('organisations.fiscalCodeHint')}
          inputMode="numeric"
          registration={register('fiscalCode')}
          error={errors.fiscalCode}
        />
      </div>
      <div className="col-12 col-md-6">
        <TextField
          label={t('organisations.istatCode')}
          hint={t('organisations.istatCodeHint')}
          inputMode="numeric"
          registration={register('municipalityIstatCode')}
          error={errors.municipalityIstatCode}
        />
      </div>
      <div className="col-12 col-md-6">
        <TextField
          label={t('organisations.email')}
          hint={t('organisations.emailHint')}
          type="email"
          registration={register('email')}
          error={errors.email}
        />
      </div>
    </div>
  );
}
