import { type TextareaHTMLAttributes, useId } from 'react';
import { type FieldError, type UseFormRegisterReturn, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { SelectField, sentence, TextField } from '../../ui/fields.tsx';
import type { IntakeForm } from './intakeForm.ts';
import { countryChoices, languageChoices } from './vocabulary.ts';

const HALF = 'col-12 col-md-6';
const THIRD = 'col-12 col-md-6 col-lg-4';

type PartyFieldsProps = { index: number; label: string; isRequired: boolean };

/** One party of the new case, as its role asks: a person or an employer, optional ones added on request. */
export function PartyFields({ index, label, isRequired }: PartyFieldsProps) {
  const { t } = useTranslation();
  const { register, watch } = useFormContext<IntakeForm>();
  const id = useId();
  const kind = watch(`parties.${index}.kind`);
  const isIncluded = watch(`parties.${index}.isIncluded`);
  return (
    <fieldset className="lovit-party mb-5">
      <legend className="h4 mb-5">{label}</legend>
      {!isRequired && (
        <div className="form-check mb-4">
          <input id={`${id}-aggiungi`} type="checkbox" {...register(`parties.${index}.isIncluded`)} />
          <label htmlFor={`${id}-aggiungi`}>{t('cases.newCase.includeParty', { party: label })}</label>
        </div>
      )}
      {isIncluded && (kind === 'PERSON' ? <PersonFields index={index} /> : <EmployerFields index={index} />)}
    </fieldset>
  );
}

function PersonFields({ index }: { index: number }) {
  const { t } = useTranslation();
  const {
    register,
    formState: { errors },
  } = useFormContext<IntakeForm>();
  const field = (name: Exclude<keyof IntakeForm['parties'][number]['person'], 'passport'>) =>
    register(`parties.${index}.person.${name}`);
  const error = errors.parties?.[index]?.person;
  return (
    <div className="row">
      <div className={HALF}>
        <TextField label={t('cases.person.surname')} registration={field('surname')} error={error?.surname} />
      </div>
      <div className={HALF}>
        <TextField
          label={t('cases.person.givenName')}
          registration={field('givenName')}
          error={error?.givenName}
        />
      </div>
      <div className={THIRD}>
        <SelectField label={t('cases.person.sex')} registration={field('sex')} error={error?.sex}>
          <option value="">{t('filters.choose')}</option>
          <option value="F">{t('cases.person.sexes.F')}</option>
          <option value="M">{t('cases.person.sexes.M')}</option>
        </SelectField>
      </div>
      <div className={THIRD}>
        <TextField
          label={t('cases.person.birthDate')}
          type="date"
          registration={field('birthDate')}
          error={error?.birthDate}
        />
      </div>
      <div className={THIRD}>
        <TextField
          label={t('cases.person.birthPlace')}
          registration={field('birthPlace')}
          error={error?.birthPlace}
        />
      </div>
      <div className={HALF}>
        <SelectField
          label={t('cases.person.citizenship')}
          registration={field('citizenship')}
          error={error?.citizenship}
        >
          <option value="">{t('filters.choose')}</option>
          {countryChoices().map(({ code, name }) => (
            <option key={code} value={code}>
              {name} ({code})
            </option>
          ))}
        </SelectField>
      </div>
      <div className={HALF}>
        <TextField
          label={t('cases.person.cadastralCode')}
          hint={t('cases.person.cadastralCodeHint')}
          autoCapitalize="characters"
          registration={field('citizenshipCadastralCode')}
          error={error?.citizenshipCadastralCode}
        />
      </div>
      <div className={HALF}>
        <TextField
          label={t('cases.person.passportNumber')}
          hint={t('cases.person.passportHint')}
          autoCapitalize="characters"
          registration={register(`parties.${index}.person.passport.number`)}
          error={error?.passport?.number ?? (error?.passport as FieldError | undefined)}
        />
      </div>
      <div className={HALF}>
        <TextField
          label={t('cases.person.passportExpiry')}
          type="date"
          registration={register(`parties.${index}.person.passport.expiry`)}
          error={error?.passport?.expiry}
        />
      </div>
      <div className={HALF}>
        <TextField
          label={t('cases.person.fiscalCode')}
          hint={t('cases.person.fiscalCodeHint')}
          autoCapitalize="characters"
          registration={field('fiscalCode')}
          error={error?.fiscalCode}
        />
      </div>
      <div className={HALF}>
        <SelectField
          label={t('cases.person.preferredLanguage')}
          registration={field('preferredLanguage')}
          error={error?.preferredLanguage}
        >
          <option value="">{t('common.none')}</option>
          {languageChoices().map(({ code, name }) => (
            <option key={code} value={code}>
              {name}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="col-12">
        <TextField
          label={t('cases.person.address')}
          hint={t('common.optional')}
          registration={field('address')}
          error={error?.address}
        />
      </div>
      <div className={HALF}>
        <TextField
          label={t('cases.person.email')}
          type="email"
          hint={t('common.optional')}
          registration={field('email')}
          error={error?.email}
        />
      </div>
      <div className={HALF}>
        <TextField
          label={t('cases.person.phone')}
          type="tel"
          hint={t('common.optional')}
          registration={field('phone')}
          error={error?.phone}
        />
      </div>
    </div>
  );
}

function EmployerFields({ index }: { index: number }) {
  const { t } = useTranslation();
  const {
    register,
    formState: { errors },
  } = useFormContext<IntakeForm>();
  const field = (name: keyof IntakeForm['parties'][number]['employer']) =>
    register(`parties.${index}.employer.${name}`);
  const error = errors.parties?.[index]?.employer;
  return (
    <div className="row">
      <div className={HALF}>
        <SelectField label={t('cases.employer.kind')} registration={field('kind')} error={error?.kind}>
          <option value="COMPANY">{t('cases.employer.kinds.COMPANY')}</option>
          <option value="PERSON">{t('cases.employer.kinds.PERSON')}</option>
        </SelectField>
      </div>
      <div className={HALF}>
        <TextField label={t('cases.employer.name')} registration={field('name')} error={error?.name} />
      </div>
      <div className={HALF}>
        <TextField
          label={t('cases.employer.fiscalCode')}
          hint={t('cases.employer.fiscalCodeHint')}
          autoCapitalize="characters"
          registration={field('fiscalCode')}
          error={error?.fiscalCode}
        />
      </div>
      <div className={HALF}>
        <TextField
          label={t('cases.employer.vatNumber')}
          hint={t('cases.employer.vatNumberHint')}
          inputMode="numeric"
          registration={field('vatNumber')}
          error={error?.vatNumber}
        />
      </div>
      <div className="col-12">
        <TextField
          label={t('cases.employer.address')}
          registration={field('address')}
          error={error?.address}
        />
      </div>
      <div className={THIRD}>
        <TextField
          label={t('cases.employer.pec')}
          type="email"
          hint={t('common.optional')}
          registration={field('pec')}
          error={error?.pec}
        />
      </div>
      <div className={THIRD}>
        <TextField
          label={t('cases.employer.email')}
          type="email"
          hint={t('common.optional')}
          registration={field('email')}
          error={error?.email}
        />
      </div>
      <div className={THIRD}>
        <TextField
          label={t('cases.employer.phone')}
          type="tel"
          hint={t('common.optional')}
          registration={field('phone')}
          error={error?.phone}
        />
      </div>
    </div>
  );
}

type TextAreaFieldProps = {
  label: string;
  registration: UseFormRegisterReturn;
  error?: FieldError | undefined;
  hint?: string;
} & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'name' | 'className'>;

/** A labelled text area with its hint and error, as TextField does for inputs. */
export function TextAreaField({ label, registration, error, hint, ...textarea }: TextAreaFieldProps) {
  const id = useId();
  const describedBy = [hint && `${id}-aiuto`, error && `${id}-errore`].filter(Boolean).join(' ') || undefined;
  return (
    <div className="form-group">
      <label htmlFor={id} className="active">
        {label}
      </label>
      <textarea
        id={id}
        className={`form-control${error ? ' is-invalid' : ''}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...textarea}
        {...registration}
      />
      {hint && (
        <small id={`${id}-aiuto`} className="form-text">
          {hint}
        </small>
      )}
      {error && (
        <div id={`${id}-errore`} className="invalid-feedback d-block">
          {sentence(error.message)}
        </div>
      )}
    </div>
  );
}
