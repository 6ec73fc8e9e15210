import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { z } from 'zod';
import { courseInput, TRACKS } from '../../../src/modules/training/contract.ts';
import { ApiError } from '../../app/api.ts';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem, resolverWithBlanksAsNull } from '../../ui/forms.tsx';
import { Page } from '../../ui/Page.tsx';
import { TextAreaField } from '../cases/TextAreaField.tsx';
import { keys, training } from './requests.ts';

/** The form gives a course to one trainer; the server accepts several. */
const courseForm = courseInput
  .omit({ trainerIds: true })
  .extend({ trainerId: z.uuid('Scegliere un formatore dall’elenco') });
type CourseForm = z.input<typeof courseForm>;

/** The server names `trainerIds`; the form shows its message at the one trainer it asks for. */
function asTrainerField(error: unknown): unknown {
  if (!(error instanceof ApiError)) return error;
  const errors = error.problem.errors?.map((item) =>
    item.path.startsWith('body.trainerIds') ? { ...item, path: 'body.trainerId' } : item,
  );
  return new ApiError({ ...error.problem, ...(errors ? { errors } : {}) });
}

const EMPTY: CourseForm = {
  title: '',
  track: 'PUBLIC',
  objectives: '',
  topics: '',
  hours: 8,
  trainerId: '',
  targetRoles: '',
  prerequisites: null,
  completionPercent: 75,
  onPublicSite: true,
};

/** A trainer or the project manager describes a new course of a track. */
export function NewCoursePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const trainers = useQuery({ queryKey: keys.trainers, queryFn: training.trainers });
  const form = useForm({
    resolver: resolverWithBlanksAsNull(courseForm, ['prerequisites']),
    defaultValues: EMPTY,
  });
  const { errors } = form.formState;
  const create = useMutation({
    mutationFn: ({ trainerId, ...values }: z.output<typeof courseForm>) =>
      training.createCourse({ ...values, trainerIds: [trainerId] }),
    onSuccess: (course) => {
      void queryClient.invalidateQueries({ queryKey: keys.all });
      void navigate(`/formazione/corsi/${course.id}`);
    },
    onError: (error) =>
      setProblem(
        reportProblem(asTrainerField(error), form.setError, Object.keys(EMPTY) as (keyof CourseForm)[]),
      ),
  });
  return (
    <Page
      title={t('training.courses.new')}
      trail={[{ label: t('modules.training.title'), to: '/formazione' }]}
    >
      <form onSubmit={form.handleSubmit((values) => create.mutate(values))} noValidate className="lovit-form">
        <TextField
          label={t('training.courses.name')}
          registration={form.register('title')}
          error={errors.title}
        />
        <div className="row">
          <div className="col-12 col-md-6">
            <SelectField
              label={t('training.courses.track')}
              registration={form.register('track')}
              error={errors.track}
            >
              {Object.entries(TRACKS).map(([code, label]) => (
                <option key={code} value={code}>
                  {label}
                </option>
              ))}
            </SelectField>
          </div>
          <div className="col-12 col-md-6">
            <SelectField
              label={t('training.courses.trainer')}
              registration={form.register('trainerId')}
              error={errors.trainerId}
            >
              <option value="">{t('training.courses.chooseTrainer')}</option>
              {trainers.data?.map((trainer) => (
                <option key={trainer.id} value={trainer.id}>
                  {trainer.name}
                </option>
              ))}
            </SelectField>
          </div>
        </div>
        <TextAreaField
          label={t('training.courses.objectives')}
          error={errors.objectives}
          {...form.register('objectives')}
        />
        <TextAreaField
          label={t('training.courses.topics')}
          hint={t('training.courses.topicsHint')}
          error={errors.topics}
          {...form.register('topics')}
        />
        <div className="row">
          <div className="col-6 col-md-3">
            <TextField
              type="number"
              label={t('training.courses.hours')}
              registration={form.register('hours', { valueAsNumber: true })}
              error={errors.hours}
            />
          </div>
          <div className="col-6 col-md-3">
            <TextField
              type="number"
              label={t('training.courses.completion')}
              hint={t('training.courses.completionHint')}
              registration={form.register('completionPercent', { valueAsNumber: true })}
              error={errors.completionPercent}
            />
          </div>
          <div className="col-12 col-md-6">
            <TextField
              label={t('training.courses.targetRoles')}
              registration={form.register('targetRoles')}
              error={errors.targetRoles}
            />
          </div>
        </div>
        <TextAreaField
          label={t('training.courses.prerequisites')}
          hint={t('common.optional')}
          error={errors.prerequisites}
          {...form.register('prerequisites')}
        />
        <div className="form-check mb-4">
          <input id="corso-sito-pubblico" type="checkbox" {...form.register('onPublicSite')} />
          <label htmlFor="corso-sito-pubblico">{t('training.courses.onPublicSiteField')}</label>
        </div>
        <FormProblem message={problem} />
        <button type="submit" className="btn btn-primary" disabled={create.isPending}>
          {t('training.courses.create')}
        </button>
      </form>
    </Page>
  );
}
