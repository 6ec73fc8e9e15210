import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../app/api.ts';
import { usePermission } from '../../app/session.ts';
import { formatDate } from '../../ui/dates.ts';
import { QuestionFigures } from '../surveys/ResultsPage.tsx';
import { type EvaluationView, feedback, feedbackKeys } from './feedbackRequests.ts';
import { type EditionView, keys, training } from './requests.ts';

/**
 * The anonymous evaluation of an edition: for its trainers and the project's staff, sending, closing and the
 * results; for a participant, the link to answer it.
 */
export function EvaluationsPanel({ edition }: { edition: EditionView }) {
  const { t } = useTranslation();
  const oversees = usePermission('training.oversee');
  const evaluation = useQuery({
    queryKey: feedbackKeys.evaluation(edition.id),
    queryFn: () => feedback.evaluation(edition.id),
    retry: false,
  });
  const hasEnded = edition.lastSessionAt !== null && new Date(edition.lastSessionAt) <= new Date();
  const runs = edition.isTrainer || oversees;
  if (evaluation.isPending) return null;
  if (evaluation.error || !evaluation.data) {
    if (!runs || !hasEnded) return null;
    return (
      <section aria-labelledby="valutazione" className="mt-5">
        <h2 id="valutazione" className="h4">
          {t('trainingFeedback.evaluation.title')}
        </h2>
        <p>{t('trainingFeedback.evaluation.notSent')}</p>
        <Action editionId={edition.id} verb="send" />
      </section>
    );
  }
  return (
    <section aria-labelledby="valutazione" className="mt-5">
      <h2 id="valutazione" className="h4">
        {t('trainingFeedback.evaluation.title')}
      </h2>
      <Evaluation evaluation={evaluation.data} courseId={edition.courseId} />
    </section>
  );
}

function Evaluation({ evaluation: e, courseId }: { evaluation: EvaluationView; courseId: string }) {
  const { t } = useTranslation();
  if (!e.results)
    return e.hasAnswered ? (
      <p className="alert alert-success">{t('surveys.answer.doneAnonymous')}</p>
    ) : e.status === 'OPEN' ? (
      <p>
        <Link className="btn btn-primary" to={`/questionari/${e.questionnaireId}`}>
          {t('trainingFeedback.evaluation.answer')}
        </Link>
      </p>
    ) : (
      <p>{t('trainingFeedback.evaluation.closed')}</p>
    );
  return (
    <>
      <p>
        {t('trainingFeedback.evaluation.figures', {
          sent: formatDate(e.sentAt),
          answers: e.responses,
          invited: e.invited,
        })}{' '}
        {e.status === 'OPEN'
          ? t('trainingFeedback.evaluation.closesOn', { day: formatDate(e.closesOn) })
          : t('trainingFeedback.evaluation.isClosed')}
      </p>
      {e.status === 'OPEN' && <Action editionId={e.editionId} verb="close" />}
      {e.results.withheld ? (
        <p className="alert alert-info">{e.results.withheld}</p>
      ) : (
        e.results.questions.map((question, index) => (
          <QuestionFigures key={question.key} number={index + 1} question={question} />
        ))
      )}
      <TrainerLinks courseId={courseId} />
    </>
  );
}

function TrainerLinks({ courseId }: { courseId: string }) {
  const { t } = useTranslation();
  const course = useQuery({
    queryKey: keys.course(courseId),
    queryFn: () => training.course(courseId),
  });
  return (
    <ul className="list-inline">
      {(course.data?.trainers ?? []).map((trainer) => (
        <li key={trainer.id} className="list-inline-item">
          <Link to={`/formazione/formatori/${trainer.id}/valutazioni`}>
            {t('trainingFeedback.evaluation.byTrainer', { name: trainer.name })}
          </Link>
        </li>
      ))}
    </ul>
  );
}

function Action({ editionId, verb }: { editionId: string; verb: 'send' | 'close' }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const act = useMutation({
    mutationFn: () =>
      verb === 'send' ? feedback.sendEvaluation(editionId) : feedback.closeEvaluation(editionId),
    onSuccess: (updated) => {
      setProblem(null);
      queryClient.setQueryData(feedbackKeys.evaluation(editionId), updated);
    },
    onError: (error) => setProblem(error instanceof ApiError ? error.userMessage : String(error)),
  });
  return (
    <>
      <button
        type="button"
        className="btn btn-outline-primary mb-3"
        onClick={() => act.mutate()}
        disabled={act.isPending}
      >
        {t(verb === 'send' ? 'trainingFeedback.evaluation.send' : 'trainingFeedback.evaluation.close')}
      </button>
      {problem && (
        <p className="alert alert-danger" role="alert">
          {problem}
        </p>
      )}
    </>
  );
}
