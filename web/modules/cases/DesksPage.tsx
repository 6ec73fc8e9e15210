import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { type UseFormReturn, useFieldArray, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { type DeskInput, deskInput } from '../../../src/modules/cases/appointments/contract.ts';
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

const FIRST_OPENING: Opening = { weekday: 1, opens: '09:00', closes: '12:00', slotMinutes: 30 };
const EMPTY: DeskInput = { name: '', place: '', openings: [FIRST_OPENING] };

/** The SUI's desks with their weekly hours and the length of an appointment; the manager adds new ones. */
export function DesksPage() {
  const { t } = useTranslation();
  const [notice, setNotice] = useState<string | null>(null);
  const list = useQuery({ queryKey: keys.desks, queryFn: desks.list });
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
        <DeskTable items={list.data} />
      )}
      <DeskForm onSaved={setNotice} />
    </Page>
  );
}

function DeskTable({ items }: { items: DeskView[] }) {
  const { t } = useTranslation();
  return (
    <TableScroll label={t('cases.desks.title')}>
      <table className="table">
        <caption className="visually-hidden">{t('cases.desks.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('cases.appointments.desk')}</th>
            <th scope="col">{t('cases.desks.place')}</th>
            <th scope="col">{t('cases.desks.openings')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((desk) => (
            <tr key={desk.id}>
              <th scope="row">{desk.name}</th>
              <td className="lovit-desk-place">{desk.place}</td>
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
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function DeskForm({ onSaved }: { onSaved: (notice: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm({ resolver: zodResolver(deskInput), defaultValues: EMPTY });
  const openings = useFieldArray({ control: form.control, name: 'openings' });
  const { errors } = form.formState;
  const create = useMutation({
    mutationFn: desks.create,
    onSuccess: (desk) => {
      setProblem(null);
      form.reset(EMPTY);
      void queryClient.invalidateQueries({ queryKey: keys.desks });
      onSaved(t('cases.desks.created', { name: desk.name }));
    },
    onError: (error) => setProblem(reportProblem(error, form.setError, ['name', 'place', 'openings'])),
  });
  const listError = errors.openings?.root?.message ?? errors.openings?.message;

  const addOpening = () => {
    const last = form.getValues('openings').at(-1) ?? FIRST_OPENING;
    openings.append({ ...last, weekday: (last.weekday % 7) + 1 });
  };

  return (
    <section aria-labelledby="sportello-nuovo" className="mt-5">
      <h2 id="sportello-nuovo" className="h4">
        {t('cases.desks.formTitle')}
      </h2>
      <form onSubmit={form.handleSubmit((values) => create.mutate(values))} noValidate className="lovit-form">
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
        </div>
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
        <button type="submit" className="btn btn-primary" disabled={create.isPending}>
          {t('cases.desks.create')}
        </button>
      </form>
    </section>
  );
}

type OpeningFieldsProps = {
  form: UseFormReturn<DeskInput>;
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
