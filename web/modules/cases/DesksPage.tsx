import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { type UseFormReturn, useFieldArray, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { type DeskInput, deskInput, NOT_STATED } from '../../../src/modules/cases/appointments/contract.ts';
import { useMunicipalities, useTerritory } from '../../app/territory.ts';
import { SelectField, sentence, TextField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem } from '../../ui/forms.tsx';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { Page } from '../../ui/Page.tsx';
import { TableScroll } from '../../ui/TableScroll.tsx';
import { weekdayName } from './appointmentTimes.ts';
import { type DeskView, desks, keys } from './requests.ts';
import './team.css';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
type Opening = DeskInput['openings'][number];

type DeskForm = z.input<typeof deskInput>;

const FIRST_OPENING: Opening = { weekday: 1, opens: '09:00', closes: '12:00', slotMinutes: 30 };
/** A new desk: in the chief town until the manager chooses another municipality. */
const empty = (chiefTown: string): DeskInput => ({
  name: '',
  place: '',
  municipalityCode: chiefTown,
  accessibility: NOT_STATED,
  openings: [FIRST_OPENING],
});
const ACCESS_FEATURES = ['stepFreeAccess', 'lift', 'accessibleToilet'] as const;

/** The values of the form for a desk: a new one, or one to edit. */
const formValues = (desk: DeskView | null, chiefTown: string): DeskInput =>
  desk
    ? {
        name: desk.name,
        place: desk.place,
        municipalityCode: desk.municipalityCode ?? chiefTown,
        accessibility: desk.accessibility ?? NOT_STATED,
        openings: desk.openings,
      }
    : empty(chiefTown);

/** The SUI's desks with their weekly hours and the length of an appointment; the manager adds new ones. */
export function DesksPage() {
  const { t } = useTranslation();
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState<DeskView | null>(null);
  const list = useQuery({ queryKey: keys.desks, queryFn: desks.list });
  const territory = useTerritory();
  return (
    <Page title={t('cases.desks.title')} trail={[{ label: t('modules.cases.title'), to: '/pratiche' }]}>
      <Notice message={notice} />
      <p>{t('cases.desks.intro')}</p>
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <LoadError error={list.error} />
      ) : list.data.length === 0 ? (
        <p className="alert alert-info">{t('cases.appointments.noDesks')}</p>
      ) : (
        <DeskTable items={list.data} onEdit={setEditing} />
      )}
      {territory.data ? (
        <DeskForm
          key={editing?.id ?? 'new'}
          desk={editing}
          chiefTown={territory.data.chiefTown}
          onSaved={(message) => {
            setEditing(null);
            setNotice(message);
          }}
          onCancel={() => setEditing(null)}
        />
      ) : territory.error ? (
        <LoadError error={territory.error} />
      ) : (
        <Loading />
      )}
    </Page>
  );
}

/** What a desk offers a visitor with a disability, in words. */
function AccessibilityList({ desk }: { desk: DeskView }) {
  const { t } = useTranslation();
  const accessibility = desk.accessibility ?? NOT_STATED;
  return (
    <ul className="list-unstyled mb-0">
      {ACCESS_FEATURES.map((feature) => (
        <li key={feature}>
          {t(`cases.desks.${feature}`)}: {t(`cases.desks.${answerOf(accessibility[feature])}`)}
        </li>
      ))}
      {accessibility.notes && <li>{accessibility.notes}</li>}
    </ul>
  );
}

const answerOf = (value: boolean | null) => (value === null ? 'unknown' : value ? 'yes' : 'no');

function DeskTable({ items, onEdit }: { items: DeskView[]; onEdit: (desk: DeskView) => void }) {
  const { t } = useTranslation();
  const names = new Map(useMunicipalities().map((municipality) => [municipality.code, municipality.name]));
  return (
    <TableScroll label={t('cases.desks.title')}>
      <table className="table">
        <caption className="visually-hidden">{t('cases.desks.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('cases.appointments.desk')}</th>
            <th scope="col">{t('cases.desks.place')}</th>
            <th scope="col">{t('cases.desks.openings')}</th>
            <th scope="col">{t('cases.desks.accessibility')}</th>
            <th scope="col">{t('cases.desks.change')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((desk) => (
            <tr key={desk.id}>
              <th scope="row">{desk.name}</th>
              <td className="lovit-desk-place">
                {desk.place}
                <br />
                {desk.municipalityCode ? names.get(desk.municipalityCode) : null}
              </td>
              <td>
                <ul className="list-unstyled mb-0">
                  {desk.openings.map((opening) => (
                    <li key={`${opening.weekday}-${opening.opens}`} className="text-nowrap">
                      {t('cases.desks.opening', {
                        day: weekdayName(opening.weekday),
                        opens: opening.opens,
                        closes: opening.closes,
                        minutes: opening.slotMinutes,
                      })}
                    </li>
                  ))}
                </ul>
              </td>
              <td>
                <AccessibilityList desk={desk} />
              </td>
              <td>
                <button type="button" className="btn btn-outline-primary btn-sm" onClick={() => onEdit(desk)}>
                  {t('cases.desks.edit', { name: desk.name })}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

type DeskFormProps = {
  desk: DeskView | null;
  chiefTown: string;
  onSaved: (notice: string) => void;
  onCancel: () => void;
};

/** A new desk, or the desk being edited: its place, municipality, accessibility and weekly hours. */
function DeskForm({ desk, chiefTown, onSaved, onCancel }: DeskFormProps) {
  const { t } = useTranslation();
  const municipalities = useMunicipalities();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<DeskForm, unknown, DeskInput>({
    resolver: zodResolver(deskInput),
    defaultValues: formValues(desk, chiefTown),
  });
  const openings = useFieldArray({ control: form.control, name: 'openings' });
  const { errors } = form.formState;
  const save = useMutation({
    mutationFn: (values: DeskInput) => (desk ? desks.update(desk.id, values) : desks.create(values)),
    onSuccess: (saved) => {
      setProblem(null);
      form.reset(empty(chiefTown));
      void queryClient.invalidateQueries({ queryKey: keys.desks });
      onSaved(t(desk ? 'cases.desks.saved' : 'cases.desks.created', { name: saved.name }));
    },
    onError: (error) =>
      setProblem(
        reportProblem(error, form.setError, [
          'name',
          'place',
          'municipalityCode',
          'accessibility',
          'openings',
        ]),
      ),
  });
  const listError = errors.openings?.root?.message ?? errors.openings?.message;

  const addOpening = () => {
    const last = form.getValues('openings').at(-1) ?? FIRST_OPENING;
    openings.append({ ...last, weekday: (last.weekday % 7) + 1 });
  };

  return (
    <section aria-labelledby="sportello-nuovo" className="mt-5">
      <h2 id="sportello-nuovo" className="h4">
        {desk ? t('cases.desks.editTitle', { name: desk.name }) : t('cases.desks.formTitle')}
      </h2>
      <form onSubmit={form.handleSubmit((values) => save.mutate(values))} noValidate className="lovit-form">
        <div className="row">
          <div className="col-12 col-md-6">
            <TextField
              label={t('cases.person.givenName')}
              registration={form.register('name')}
              error={errors.name}
            />
          </div>
          <div className="col-12 col-md-6">
            <TextField
              label={t('cases.desks.place')}
              hint={t('cases.desks.placeHint')}
              registration={form.register('place')}
              error={errors.place}
            />
          </div>
          <div className="col-12 col-md-6">
            <SelectField
              label={t('cases.desks.municipality')}
              registration={form.register('municipalityCode')}
              error={errors.municipalityCode}
            >
              {municipalities.map((municipality) => (
                <option key={municipality.code} value={municipality.code}>
                  {municipality.name}
                </option>
              ))}
            </SelectField>
          </div>
        </div>
        <AccessibilityFields form={form} />
        <fieldset className="mb-4">
          <legend className="h5 mb-4">{t('cases.desks.openings')}</legend>
          {openings.fields.map((field, index) => (
            <OpeningFields
              key={field.id}
              form={form}
              index={index}
              onRemove={openings.fields.length > 1 ? () => openings.remove(index) : null}
            />
          ))}
          {listError && <div className="invalid-feedback d-block mb-3">{sentence(listError)}</div>}
          <button type="button" className="btn btn-outline-primary btn-sm" onClick={addOpening}>
            {t('cases.desks.addOpening')}
          </button>
        </fieldset>
        <FormProblem message={problem} />
        <button type="submit" className="btn btn-primary me-2" disabled={save.isPending}>
          {t(desk ? 'cases.desks.save' : 'cases.desks.create')}
        </button>
        {desk && (
          <button type="button" className="btn btn-outline-secondary" onClick={onCancel}>
            {t('cases.desks.cancelEdit')}
          </button>
        )}
      </form>
    </section>
  );
}

type DeskFormReturn = UseFormReturn<DeskForm, unknown, DeskInput>;

/** Yes, no or not known for each feature, and a note: the offices page shows them as they are. */
function AccessibilityFields({ form }: { form: DeskFormReturn }) {
  const { t } = useTranslation();
  const errors = form.formState.errors.accessibility;
  return (
    <fieldset className="mb-4">
      <legend className="h5 mb-2">{t('cases.desks.accessibility')}</legend>
      <p>{t('cases.desks.accessibilityIntro')}</p>
      <div className="row">
        {ACCESS_FEATURES.map((feature) => (
          <div key={feature} className="col-12 col-md-4">
            <SelectField
              label={t(`cases.desks.${feature}`)}
              registration={form.register(`accessibility.${feature}`, {
                setValueAs: (value: string | boolean | null) =>
                  value === '' || value === null ? null : value === true || value === 'true',
              })}
              error={errors?.[feature]}
            >
              <option value="">{t('cases.desks.unknown')}</option>
              <option value="true">{t('cases.desks.yes')}</option>
              <option value="false">{t('cases.desks.no')}</option>
            </SelectField>
          </div>
        ))}
      </div>
      <TextField
        label={t('cases.desks.accessibilityNotes')}
        hint={t('cases.desks.accessibilityNotesHint')}
        registration={form.register('accessibility.notes')}
        error={errors?.notes}
      />
    </fieldset>
  );
}

type OpeningFieldsProps = {
  form: DeskFormReturn;
  index: number;
  onRemove: (() => void) | null;
};

/** One weekly window of a desk: the day, the hours, how long each appointment lasts. */
function OpeningFields({ form, index, onRemove }: OpeningFieldsProps) {
  const { t } = useTranslation();
  const errorId = useId();
  const errors = form.formState.errors.openings?.[index];
  // the server names the window as a whole: "closes before it opens", "overlaps window 1"
  const windowError = errors?.message;
  const number = index + 1;
  return (
    <fieldset className="border-bottom mb-4" aria-describedby={windowError ? errorId : undefined}>
      <legend className="fs-6 fw-semibold mb-5">{t('cases.desks.window', { number })}</legend>
      <div className="row">
        <div className="col-12 col-sm-6 col-lg-3">
          <SelectField
            label={t('cases.desks.weekday')}
            registration={form.register(`openings.${index}.weekday`, { valueAsNumber: true })}
            error={errors?.weekday}
          >
            {WEEKDAYS.map((day) => (
              <option key={day} value={day}>
                {weekdayName(day)}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="col-12 col-sm-6 col-lg-3">
          <TextField
            label={t('cases.desks.opens')}
            type="time"
            registration={form.register(`openings.${index}.opens`)}
            error={errors?.opens}
          />
        </div>
        <div className="col-12 col-sm-6 col-lg-3">
          <TextField
            label={t('cases.desks.closes')}
            type="time"
            registration={form.register(`openings.${index}.closes`)}
            error={errors?.closes}
          />
        </div>
        <div className="col-12 col-sm-6 col-lg-3">
          <TextField
            label={t('cases.desks.slotMinutes')}
            type="number"
            step={5}
            registration={form.register(`openings.${index}.slotMinutes`, { valueAsNumber: true })}
            error={errors?.slotMinutes}
          />
        </div>
      </div>
      {windowError && (
        <div id={errorId} className="invalid-feedback d-block mb-3">
          {sentence(windowError)}
        </div>
      )}
      {onRemove && (
        <button type="button" className="btn btn-outline-danger btn-sm mb-4" onClick={onRemove}>
          {t('cases.desks.removeOpening', { number })}
        </button>
      )}
    </fieldset>
  );
}
