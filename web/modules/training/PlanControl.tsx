import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../app/api.ts';
import { LoadError } from '../../ui/Loading.tsx';
import { keys, training } from './requests.ts';

/**
 * A topic's place in the programme: the course it is in, with the way to take it out; or the choice of a course
 * to put it in. `change` plans (with the course chosen) or unplans (without), and gives back what changed.
 */
export function PlanControl<T>({
  topic,
  course,
  change,
  onChanged,
}: {
  topic: string;
  course: { id: string; title: string } | null;
  change: (courseId: string | null) => Promise<T>;
  onChanged: (changed: T) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [courseId, setCourseId] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const courses = useQuery({ queryKey: keys.courses(1), queryFn: () => training.courses(1) });
  const mutation = useMutation({
    mutationFn: () => change(course ? null : courseId),
    onSuccess: (changed) => {
      setProblem(null);
      onChanged(changed);
    },
    onError: (error) => setProblem(error instanceof ApiError ? error.userMessage : String(error)),
  });
  const alert = problem && (
    <p className="text-danger w-100 mb-0" role="alert">
      {problem}
    </p>
  );
  if (course)
    return (
      <span className="d-flex flex-wrap gap-2 align-items-center">
        <span className="badge bg-success">{t('trainingFeedback.needs.planned')}</span>
        <Link to={`/formazione/corsi/${course.id}`}>{course.title}</Link>
        <button
          type="button"
          className="btn btn-outline-secondary btn-sm"
          onClick={() => mutation.mutate()}
          disabled={mutation.isPending}
        >
          {t('trainingFeedback.needs.unplan', { topic })}
        </button>
        {alert}
      </span>
    );
  return (
    <form
      className="d-flex flex-wrap gap-2 align-items-end"
      onSubmit={(event) => {
        event.preventDefault();
        mutation.mutate();
      }}
    >
      <div className="select-wrapper lovit-field mb-0">
        <label htmlFor={id} className="visually-hidden">
          {t('trainingFeedback.needs.course', { topic })}
        </label>
        <select id={id} value={courseId} onChange={(event) => setCourseId(event.target.value)}>
          <option value="">{t('trainingFeedback.needs.chooseCourse')}</option>
          {(courses.data?.items ?? []).map((option) => (
            <option key={option.id} value={option.id}>
              {option.title}
            </option>
          ))}
        </select>
      </div>
      {courses.error && <LoadError error={courses.error} />}
      <button type="submit" className="btn btn-outline-primary btn-sm" disabled={mutation.isPending}>
        {t('trainingFeedback.needs.plan')}
      </button>
      {alert}
    </form>
  );
}
