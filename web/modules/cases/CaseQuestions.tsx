import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { answerInput, questionInput } from '../../../src/modules/cases/team/contract.ts';
import { ApiError } from '../../app/api.ts';
import { usePermission } from '../../app/session.ts';
import { formatDate, formatDateTime } from '../../ui/dates.ts';
import { TextField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem } from '../../ui/forms.tsx';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Item } from './DetailItem.tsx';
import { type CaseDetail, keys, legalQuestions, type QuestionView } from './requests.ts';
import { TextAreaField } from './TextAreaField.tsx';
import './team.css';

type CaseQuestionsProps = { detail: CaseDetail; onDone: (notice: string) => void };

/** Questions on the case put to the legal expert, with their due date and the answers, kept with the case. */
export function CaseQuestions({ detail, onDone }: CaseQuestionsProps) {
  const { t } = useTranslation();
  const canAsk = usePermission('cases.act');
  const canAnswer = usePermission('cases.legal.answer');
  const list = useQuery({
    queryKey: keys.questions(detail.id),
    queryFn: () => legalQuestions.ofCase(detail.id),
  });
  return (
    <section aria-labelledby="pratica-quesiti" className="mb-5">
      <h2 id="pratica-quesiti" className="h4">
        {t('cases.questions.heading')}
      </h2>
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <LoadError error={list.error} />
      ) : list.data.length === 0 ? (
        <p>{t('cases.questions.none')}</p>
      ) : (
        <ul className="list-unstyled">
          {list.data.map((question) => (
            <QuestionItem key={question.id} question={question} canAnswer={canAnswer} onDone={onDone} />
          ))}
        </ul>
      )}
      {canAsk && <AskForm caseId={detail.id} onDone={onDone} />}
    </section>
  );
}

type QuestionItemProps = { question: QuestionView; canAnswer: boolean; onDone: (notice: string) => void };

function QuestionItem({ question, canAnswer, onDone }: QuestionItemProps) {
  const { t } = useTranslation();
  const askedOn = formatDate(question.askedAt);
  return (
    <li className="border-bottom pb-1 mb-4">
      <h3 className="h5">{t('cases.questions.itemTitle', { date: askedOn })}</h3>
      <p className="lovit-prose text-break">{question.question}</p>
      <dl className="row mb-0">
        <Item label={t('cases.questions.askedBy')}>
          {question.askedBy}
          <span className="d-block small">{formatDateTime(question.askedAt)}</span>
        </Item>
        <Item label={t('cases.questions.dueOn')}>
          {formatDate(question.dueOn)}
          {question.isOverdue && (
            <span className="d-block">
              <span className="badge bg-danger">{t('cases.deadline.OVERDUE')}</span>
            </span>
          )}
        </Item>
        <Item label={t('cases.case.state')}>
          {question.answeredAt
            ? t('cases.questions.answeredState', {
                name: question.answeredBy ?? '',
                at: formatDateTime(question.answeredAt),
              })
            : t('cases.questions.open')}
        </Item>
      </dl>
      {question.answer !== null && (
        <div className="mb-3">
          <h4 className="h6">{t('cases.questions.answer')}</h4>
          <p className="lovit-prose text-break">{question.answer}</p>
        </div>
      )}
      {canAnswer && question.answer === null && (
        <AnswerForm question={question} askedOn={askedOn} onDone={onDone} />
      )}
    </li>
  );
}

/** Blank means "the office's default": the server sets the due date. */
const askForm = z.object({
  question: questionInput.shape.question,
  dueOn: z
    .string()
    .transform((value) => value.trim() || undefined)
    .pipe(questionInput.shape.dueOn),
});

function AskForm({ caseId, onDone }: { caseId: string; onDone: (notice: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm({ resolver: zodResolver(askForm), defaultValues: { question: '', dueOn: '' } });
  const { errors } = form.formState;
  const ask = useMutation({
    mutationFn: (values: z.output<typeof askForm>) => legalQuestions.ask(caseId, values),
    onSuccess: (asked) => {
      setProblem(null);
      form.reset();
      void queryClient.invalidateQueries({ queryKey: keys.case(caseId) });
      void queryClient.invalidateQueries({ queryKey: keys.legalQueue });
      onDone(t('cases.questions.asked', { date: formatDate(asked.dueOn) }));
    },
    onError: (error) => setProblem(reportProblem(error, form.setError, ['question', 'dueOn'])),
  });
  return (
    <form
      onSubmit={form.handleSubmit((values) => ask.mutate(values))}
      noValidate
      className="lovit-form mt-4"
      aria-labelledby="pratica-quesito-nuovo"
    >
      <h3 id="pratica-quesito-nuovo" className="h5 mb-5">
        {t('cases.questions.askTitle')}
      </h3>
      <TextAreaField
        label={t('cases.questions.question')}
        error={errors.question}
        rows={4}
        {...form.register('question')}
      />
      <div className="row">
        <div className="col-12 col-md-6">
          <TextField
            label={t('cases.questions.dueOn')}
            hint={t('cases.questions.dueOnHint')}
            type="date"
            registration={form.register('dueOn')}
            error={errors.dueOn}
          />
        </div>
      </div>
      <FormProblem message={problem} />
      <button type="submit" className="btn btn-primary" disabled={ask.isPending}>
        {t('cases.questions.ask')}
      </button>
    </form>
  );
}

type AnswerFormProps = { question: QuestionView; askedOn: string; onDone: (notice: string) => void };

function AnswerForm({ question, askedOn, onDone }: AnswerFormProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm({ resolver: zodResolver(answerInput), defaultValues: { answer: '' } });
  const answer = useMutation({
    mutationFn: (values: z.output<typeof answerInput>) => legalQuestions.answer(question.id, values),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: keys.case(question.caseId) });
      void queryClient.invalidateQueries({ queryKey: keys.legalQueue });
      onDone(t('cases.questions.answered', { date: askedOn }));
    },
    onError: (error) => {
      setProblem(reportProblem(error, form.setError, ['answer']));
      // answered by someone else meanwhile: the list shows that answer
      if (error instanceof ApiError && error.status === 409)
        void queryClient.invalidateQueries({ queryKey: keys.questions(question.caseId) });
    },
  });
  return (
    <form
      onSubmit={form.handleSubmit((values) => answer.mutate(values))}
      noValidate
      className="lovit-form mb-3"
    >
      <TextAreaField
        label={t('cases.questions.answer')}
        error={form.formState.errors.answer}
        rows={5}
        {...form.register('answer')}
      />
      <FormProblem message={problem} />
      <button type="submit" className="btn btn-primary" disabled={answer.isPending}>
        {t('cases.questions.submitAnswer')}
        <span className="visually-hidden"> – {t('cases.questions.itemTitle', { date: askedOn })}</span>
      </button>
    </form>
  );
}
