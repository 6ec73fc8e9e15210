import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type Resolver, useFieldArray, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { z } from 'zod';
import { editionInput } from '../../../src/modules/training/contract.ts';
import { TextField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem } from '../../ui/forms.tsx';
import { type EditionInput, keys, training } from './requests.ts';

type SessionFields = { day: string; startTime: string; endTime: string; place: string; onlineUrl: string };
type EditionFields = { name: string; capacity: number; cancelUntil: string; sessions: SessionFields[] };

const NEW_SESSION: SessionFields = {
  day: '',
  startTime: '09:00',
  endTime: '13:00',
  place: '',
  onlineUrl: '',
};
const EMPTY: EditionFields = { name: '', capacity: 20, cancelUntil: '', sessions: [NEW_SESSION] };

const blankAsNull = (value: string) => (value.trim() === '' ? null : value);

/** The contract's check on the typed values, with an empty place or link standing for none. */
const resolver: Resolver<EditionFields, unknown, z.output<typeof editionInput>> = (
  values,
  context,
  options,
) => {
  const input: EditionInput = {
    ...values,
    sessions: values.sessions.map((session) => ({
      ...session,
      place: blankAsNull(session.place),
      onlineUrl: blankAsNull(session.onlineUrl),
    })),
  };
  return (
    zodResolver(editionInput) as unknown as Resolver<EditionInput, unknown, z.output<typeof editionInput>>
  )(input, context, options as never) as never;
};

/** Plans an edition of a course: its name, places, the last day to withdraw, and its sessions. */
export function EditionForm({ courseId }: { courseId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<EditionFields, unknown, z.output<typeof editionInput>>({
    resolver,
    defaultValues: EMPTY,
  });
  const sessions = useFieldArray({ control: form.control, name: 'sessions' });
  const { errors } = form.formState;
  const create = useMutation({
    mutationFn: (values: z.output<typeof editionInput>) => training.createEdition(courseId, values),
    onSuccess: (edition) => {
      void queryClient.invalidateQueries({ queryKey: keys.all });
      void navigate(`/formazione/edizioni/${edition.id}`);
    },
    onError: (error) =>
      setProblem(reportProblem(error, form.setError, ['name', 'capacity', 'cancelUntil', 'sessions'])),
  });
  return (
    <section aria-labelledby="edizione-nuova" className="mt-5">
      <h2 id="edizione-nuova" className="h4">
        {t('training.editions.new')}
      </h2>
      <form onSubmit={form.handleSubmit((values) => create.mutate(values))} noValidate className="lovit-form">
        <div className="row">
          <div className="col-12 col-md-6">
            <TextField
              label={t('training.editions.name')}
              registration={form.register('name')}
              error={errors.name}
            />
          </div>
          <div className="col-6 col-md-3">
            <TextField
              type="number"
              label={t('training.editions.capacity')}
              registration={form.register('capacity', { valueAsNumber: true })}
              error={errors.capacity}
            />
          </div>
          <div className="col-6 col-md-3">
            <TextField
              type="date"
              label={t('training.editions.cancelUntil')}
              registration={form.register('cancelUntil')}
              error={errors.cancelUntil}
            />
          </div>
        </div>
        {sessions.fields.map((field, index) => {
          const fault = errors.sessions?.[index];
          return (
            <fieldset key={field.id} className="mb-3">
              <legend className="h6 mb-5">{t('training.sessions.numbered', { number: index + 1 })}</legend>
              <div className="row">
                <div className="col-12 col-md-4">
                  <TextField
                    type="date"
                    label={t('training.sessions.day')}
                    registration={form.register(`sessions.${index}.day`)}
                    error={fault?.day}
                  />
                </div>
                <div className="col-6 col-md-4">
                  <TextField
                    type="time"
                    label={t('training.sessions.start')}
                    registration={form.register(`sessions.${index}.startTime`)}
                    error={fault?.startTime}
                  />
                </div>
                <div className="col-6 col-md-4">
                  <TextField
                    type="time"
                    label={t('training.sessions.end')}
                    registration={form.register(`sessions.${index}.endTime`)}
                    error={fault?.endTime}
                  />
                </div>
                <div className="col-12 col-md-6">
                  <TextField
                    label={t('training.sessions.place')}
                    registration={form.register(`sessions.${index}.place`)}
                    error={fault?.place}
                  />
                </div>
                <div className="col-12 col-md-6">
                  <TextField
                    type="url"
                    label={t('training.sessions.onlineUrl')}
                    hint={t('training.sessions.whereHint')}
                    registration={form.register(`sessions.${index}.onlineUrl`)}
                    error={fault?.onlineUrl}
                  />
                </div>
              </div>
              {sessions.fields.length > 1 && (
                <button
                  type="button"
                  className="btn btn-outline-secondary btn-sm"
                  onClick={() => sessions.remove(index)}
                >
                  {t('training.sessions.remove', { number: index + 1 })}
                </button>
              )}
            </fieldset>
          );
        })}
        <p>
          <button
            type="button"
            className="btn btn-outline-primary btn-sm"
            onClick={() => sessions.append(NEW_SESSION)}
          >
            {t('training.sessions.add')}
          </button>
        </p>
        <FormProblem message={problem} />
        <button type="submit" className="btn btn-primary" disabled={create.isPending}>
          {t('training.editions.create')}
        </button>
      </form>
    </section>
  );
}
