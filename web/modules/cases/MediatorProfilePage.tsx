import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type UseFormReturn, useFieldArray, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { LANGUAGE_LEVELS, mediatorProfileInput } from '../../../src/modules/cases/team/contract.ts';
import { usePermission, useSignedInSession } from '../../app/session.ts';
import { SelectField, sentence, TextField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem } from '../../ui/forms.tsx';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { Page } from '../../ui/Page.tsx';
import { TableScroll } from '../../ui/TableScroll.tsx';
import { weekdayName } from './appointmentTimes.ts';
import { keys, type MediatorProfileInput, type MediatorProfileView, mediators } from './requests.ts';
import { languageChoices, languageName } from './vocabulary.ts';
import './team.css';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const LEVELS = Object.keys(LANGUAGE_LEVELS) as (keyof typeof LANGUAGE_LEVELS)[];

/** The office's mediators with their languages, each with a link to their profile. */
export function MediatorsPage() {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: keys.mediators, queryFn: mediators.list });
  return (
    <Page title={t('cases.mediators.title')} trail={[{ label: t('modules.cases.title'), to: '/pratiche' }]}>
      <p>{t('cases.mediators.intro')}</p>
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <LoadError error={list.error} />
      ) : list.data.length === 0 ? (
        <p className="alert alert-info">{t('cases.mediators.none')}</p>
      ) : (
        <TableScroll label={t('cases.mediators.title')}>
          <table className="table">
            <caption className="visually-hidden">{t('cases.mediators.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('cases.mediators.name')}</th>
                <th scope="col">{t('cases.mediators.languages')}</th>
                <th scope="col">{t('cases.mediators.upcoming')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((mediator) => (
                <tr key={mediator.id}>
                  <th scope="row">
                    <Link to={`/pratiche/mediatori/${mediator.id}`}>{mediator.name}</Link>
                  </th>
                  <td>{mediator.languages.map(languageName).join(', ') || '—'}</td>
                  <td>{mediator.upcomingBookings}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </Page>
  );
}

/** A mediator's languages with their level and weekly hours; the mediator and the SUI manager change them. */
export function MediatorProfilePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const session = useSignedInSession();
  const canManage = usePermission('cases.mediators.manage');
  const canKeepOwn = usePermission('cases.mediators.profile');
  const [notice, setNotice] = useState<string | null>(null);
  const profile = useQuery({ queryKey: keys.mediatorProfile(id), queryFn: () => mediators.profile(id) });
  const canEdit = canManage || (canKeepOwn && session.user.id === id);
  return (
    <Page
      title={
        profile.data
          ? t('cases.mediators.profileOf', { name: profile.data.name })
          : t('cases.mediators.profile')
      }
      trail={[
        { label: t('modules.cases.title'), to: '/pratiche' },
        { label: t('cases.mediators.title'), to: '/pratiche/mediatori' },
      ]}
    >
      <Notice message={notice} />
      {profile.isPending ? (
        <Loading />
      ) : profile.error ? (
        <LoadError error={profile.error} />
      ) : (
        <>
          <ProfileSummary profile={profile.data} />
          {canEdit && <ProfileForm profile={profile.data} onSaved={setNotice} />}
        </>
      )}
    </Page>
  );
}

function ProfileSummary({ profile }: { profile: MediatorProfileView }) {
  const { t } = useTranslation();
  return (
    <dl className="mb-5">
      {profile.secondedFrom && (
        <>
          <dt>{t('cases.mediators.secondedFrom')}</dt>
          <dd>{profile.secondedFrom}</dd>
        </>
      )}
      <dt>{t('cases.mediators.offices')}</dt>
      <dd>{profile.offices.join(', ')}</dd>
      <dt>{t('cases.mediators.languages')}</dt>
      <dd>
        {profile.languages.length === 0
          ? t('cases.mediators.noLanguages')
          : profile.languages
              .map(({ language, level }) => `${languageName(language)} (${LANGUAGE_LEVELS[level]})`)
              .sort((a, b) => a.localeCompare(b, 'it'))
              .join(', ')}
      </dd>
      <dt>{t('cases.mediators.availability')}</dt>
      <dd>
        {profile.availability.length === 0
          ? t('cases.mediators.anyTime')
          : profile.availability
              .map((w) =>
                t('cases.mediators.window', { day: weekdayName(w.weekday), from: w.from, to: w.to }),
              )
              .join('; ')}
      </dd>
    </dl>
  );
}

function ProfileForm({
  profile,
  onSaved,
}: {
  profile: MediatorProfileView;
  onSaved: (notice: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<MediatorProfileInput>({
    resolver: zodResolver(mediatorProfileInput),
    defaultValues: { languages: profile.languages, availability: profile.availability },
  });
  const languages = useFieldArray({ control: form.control, name: 'languages' });
  const availability = useFieldArray({ control: form.control, name: 'availability' });
  const save = useMutation({
    mutationFn: (values: MediatorProfileInput) => mediators.saveProfile(profile.id, values),
    onSuccess: (saved) => {
      setProblem(null);
      form.reset({ languages: saved.languages, availability: saved.availability });
      queryClient.setQueryData(keys.mediatorProfile(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: keys.mediators });
      onSaved(t('cases.mediators.saved', { name: saved.name }));
    },
    onError: (error) => setProblem(reportProblem(error, form.setError, ['languages', 'availability'])),
  });
  const listError =
    form.formState.errors.languages?.root?.message ?? form.formState.errors.languages?.message;
  return (
    <section aria-labelledby="profilo-modifica">
      <h2 id="profilo-modifica" className="h4">
        {t('cases.mediators.edit')}
      </h2>
      <p>
        {t('cases.mediators.oneProfile', {
          count: profile.offices.length,
          offices: profile.offices.join(', '),
        })}
      </p>
      <form onSubmit={form.handleSubmit((values) => save.mutate(values))} noValidate className="lovit-form">
        <fieldset className="mb-4">
          <legend className="h5 mb-4">{t('cases.mediators.languages')}</legend>
          {languages.fields.map((field, index) => (
            <LanguageFields
              key={field.id}
              form={form}
              index={index}
              onRemove={() => languages.remove(index)}
            />
          ))}
          {listError && <div className="invalid-feedback d-block mb-3">{sentence(listError)}</div>}
          <button
            type="button"
            className="btn btn-outline-primary btn-sm"
            onClick={() => languages.append({ language: '', level: 'C1' })}
          >
            {t('cases.mediators.addLanguage')}
          </button>
        </fieldset>
        <fieldset className="mb-4">
          <legend className="h5 mb-2">{t('cases.mediators.availability')}</legend>
          <p className="small">{t('cases.mediators.availabilityHint')}</p>
          {availability.fields.map((field, index) => (
            <WindowFields
              key={field.id}
              form={form}
              index={index}
              onRemove={() => availability.remove(index)}
            />
          ))}
          <button
            type="button"
            className="btn btn-outline-primary btn-sm"
            onClick={() => availability.append({ weekday: 1, from: '09:00', to: '13:00' })}
          >
            {t('cases.mediators.addWindow')}
          </button>
        </fieldset>
        <FormProblem message={problem} />
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {t('cases.mediators.save')}
        </button>
      </form>
    </section>
  );
}

type RowProps = { form: UseFormReturn<MediatorProfileInput>; index: number; onRemove: () => void };

function LanguageFields({ form, index, onRemove }: RowProps) {
  const { t } = useTranslation();
  const errors = form.formState.errors.languages?.[index];
  const current = form.getValues(`languages.${index}.language`);
  const choices = languageChoices();
  // a language recorded before that the list does not offer stays a choice
  const offered =
    !current || choices.some((choice) => choice.code === current)
      ? choices
      : [{ code: current, name: languageName(current) }, ...choices];
  const number = index + 1;
  return (
    <div className="row align-items-end border-bottom mb-4">
      <div className="col-12 col-md-5">
        <SelectField
          label={t('cases.mediators.language', { number })}
          registration={form.register(`languages.${index}.language`)}
          error={errors?.language}
        >
          <option value="">{t('cases.mediators.chooseLanguage')}</option>
          {offered.map(({ code, name }) => (
            <option key={code} value={code}>
              {name}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="col-12 col-md-4">
        <SelectField
          label={t('cases.mediators.level', { number })}
          registration={form.register(`languages.${index}.level`)}
          error={errors?.level}
        >
          {LEVELS.map((level) => (
            <option key={level} value={level}>
              {LANGUAGE_LEVELS[level]}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="col-12 col-md-3 mb-4">
        <button type="button" className="btn btn-outline-danger btn-sm" onClick={onRemove}>
          {t('cases.mediators.removeLanguage', { number })}
        </button>
      </div>
    </div>
  );
}

function WindowFields({ form, index, onRemove }: RowProps) {
  const { t } = useTranslation();
  const errors = form.formState.errors.availability?.[index];
  const number = index + 1;
  return (
    <div className="row align-items-end border-bottom mb-4">
      <div className="col-12 col-sm-4 col-lg-3">
        <SelectField
          label={t('cases.mediators.weekday', { number })}
          registration={form.register(`availability.${index}.weekday`, { valueAsNumber: true })}
          error={errors?.weekday}
        >
          {WEEKDAYS.map((day) => (
            <option key={day} value={day}>
              {weekdayName(day)}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="col-12 col-sm-4 col-lg-3">
        <TextField
          label={t('cases.mediators.from', { number })}
          type="time"
          registration={form.register(`availability.${index}.from`)}
          error={errors?.from}
        />
      </div>
      <div className="col-12 col-sm-4 col-lg-3">
        <TextField
          label={t('cases.mediators.to', { number })}
          type="time"
          registration={form.register(`availability.${index}.to`)}
          error={errors?.to}
        />
      </div>
      <div className="col-12 col-lg-3 mb-4">
        <button type="button" className="btn btn-outline-danger btn-sm" onClick={onRemove}>
          {t('cases.mediators.removeWindow', { number })}
        </button>
      </div>
    </div>
  );
}
