import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { TextField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem } from '../../ui/forms.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { consultant, consultantKeys } from './consultantRequests.ts';
import { council, keys } from './requests.ts';
import { romeInstant } from './romeTime.ts';
import { blankAsNull, startsAtAsDay, WhenWhereFields } from './WhenWhereFields.tsx';

type Values = {
  title: string;
  day: string;
  time: string;
  place: string;
  onlineUrl: string;
  agenda: { title: string; presenter: string; durationMinutes: number }[];
};

const EMPTY: Values = {
  title: '',
  day: '',
  time: '',
  place: '',
  onlineUrl: '',
  agenda: [{ title: '', presenter: '', durationMinutes: 30 }],
};

/**
 * Convenes a meeting of the table: when, where, and the agenda; the invitations leave at once. As the
 * consultant's proposal, the same form sends the convocation to the secretariat for its approval.
 */
export function ConveneForm({ tableId, asProposal = false }: { tableId: string; asProposal?: boolean }) {
  const { t } = useTranslation();
  const headingId = useId();
  const [proposed, setProposed] = useState<string | null>(null);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<Values>({ defaultValues: EMPTY });
  const agenda = useFieldArray({ control: form.control, name: 'agenda' });
  const { errors } = form.formState;
  const convene = useMutation({
    mutationFn: (values: Values): Promise<{ id: string }> =>
      (asProposal ? consultant.proposeConvocation : council.convene)(tableId, {
        title: values.title,
        startsAt: romeInstant(values.day, values.time),
        place: blankAsNull(values.place),
        onlineUrl: blankAsNull(values.onlineUrl),
        agenda: values.agenda.map((item) => ({
          title: item.title,
          presenter: blankAsNull(item.presenter),
          durationMinutes: Number(item.durationMinutes),
        })),
      }),
    onSuccess: (result) => {
      if (asProposal) {
        form.reset(EMPTY);
        setProblem(null);
        setProposed(t('councilConsultant.desk.convocationProposed'));
        void queryClient.invalidateQueries({ queryKey: consultantKeys.all });
        return;
      }
      void queryClient.invalidateQueries({ queryKey: keys.table(tableId) });
      void navigate(`/cti/sedute/${result.id}`);
    },
    onError: (error) =>
      setProblem(
        reportProblem(startsAtAsDay(error), form.setError, ['title', 'day', 'place', 'onlineUrl', 'agenda']),
      ),
  });
  return (
    <section aria-labelledby={headingId} className="mt-4">
      <h3 id={headingId} className="h5">
        {t(asProposal ? 'councilConsultant.desk.proposeConvocation' : 'council.meetings.formTitle')}
      </h3>
      <Notice message={proposed} />
      <form
        onSubmit={form.handleSubmit((values) => convene.mutate(values))}
        noValidate
        className="lovit-form"
      >
        <TextField
          label={t('council.meetings.subject')}
          registration={form.register('title')}
          error={errors.title}
        />
        <WhenWhereFields
          fields={{
            day: { registration: form.register('day'), error: errors.day },
            time: { registration: form.register('time'), error: errors.time },
            place: { registration: form.register('place'), error: errors.place },
            onlineUrl: { registration: form.register('onlineUrl'), error: errors.onlineUrl },
          }}
        />
        <fieldset>
          <legend className="h6">{t('council.meetings.agenda')}</legend>
          {agenda.fields.map((field, index) => (
            <div key={field.id} className="row align-items-end">
              <div className="col-12 col-md-6">
                <TextField
                  label={t('council.meetings.itemTitle', { number: index + 1 })}
                  registration={form.register(`agenda.${index}.title`)}
                  error={errors.agenda?.[index]?.title}
                />
              </div>
              <div className="col-12 col-md-3">
                <TextField
                  label={t('council.meetings.presenter', { number: index + 1 })}
                  registration={form.register(`agenda.${index}.presenter`)}
                  error={errors.agenda?.[index]?.presenter}
                />
              </div>
              <div className="col-12 col-md-3">
                <TextField
                  type="number"
                  label={t('council.meetings.duration', { number: index + 1 })}
                  registration={form.register(`agenda.${index}.durationMinutes`, {
                    valueAsNumber: true,
                    min: 1,
                    max: 480,
                  })}
                  error={errors.agenda?.[index]?.durationMinutes}
                />
              </div>
            </div>
          ))}
          <button
            type="button"
            className="btn btn-outline-primary btn-sm mb-3"
            onClick={() => agenda.append({ title: '', presenter: '', durationMinutes: 15 })}
          >
            {t('council.meetings.addItem')}
          </button>
        </fieldset>
        <FormProblem message={problem} />
        <button type="submit" className="btn btn-primary" disabled={convene.isPending}>
          {t(asProposal ? 'councilConsultant.desk.proposeConvocation' : 'council.meetings.convene')}
        </button>
      </form>
    </section>
  );
}
