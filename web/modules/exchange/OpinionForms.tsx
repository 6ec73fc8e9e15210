import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import {
  answerInput,
  OPINION_OUTCOMES,
  questionInput,
  replyInput,
} from '../../../src/modules/exchange/contract.ts';
import { ApiError } from '../../app/api.ts';
import { formatDate } from '../../ui/dates.ts';
import { FormProblem, reportProblem, resolverWithBlanksAsNull } from '../../ui/forms.tsx';
import { TextAreaField } from '../cases/TextAreaField.tsx';
import { OutcomeChoice } from './OutcomeChoice.tsx';
import { type Answer, keys, type OpinionDetail, opinions, type Question } from './requests.ts';

const answerResolver = resolverWithBlanksAsNull(answerInput, ['reasons']);
const MAX_FILES = 5;

/** A file the server would not keep (type, size): the answer is not sent. */
class AttachmentRefused extends Error {
  readonly reason: string;
  constructor(
    readonly fileName: string,
    cause: unknown,
  ) {
    super(fileName);
    this.reason = cause instanceof ApiError ? (cause.problem.detail ?? cause.problem.title) : String(cause);
  }
}

/** Keeps the page's opinion as the server returned it, and the lists that show it up to date. */
function useOpinionUpdate() {
  const queryClient = useQueryClient();
  return (updated: OpinionDetail) => {
    queryClient.setQueryData(keys.opinion(updated.id), updated);
    void queryClient.invalidateQueries({ queryKey: ['opinions', 'inbox'] });
    void queryClient.invalidateQueries({ queryKey: ['cases'] });
  };
}

type AnswerFormProps = {
  opinion: OpinionDetail;
  /** The answer this one corrects: a correction needs its reason. */
  corrects: Answer | null;
  onDone: (notice: string) => void;
};

/** The body's answer, final once given; a correction is a new answer linked to the last one. */
export function AnswerForm({ opinion, corrects, onDone }: AnswerFormProps) {
  const { t } = useTranslation();
  const fileId = useId();
  const update = useOpinionUpdate();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm({
    resolver: answerResolver,
    defaultValues: { outcome: undefined, reasons: '', corrects: corrects?.id ?? null },
  });
  const { errors } = form.formState;
  const [files, setFiles] = useState<File[]>([]);
  const [fileError, setFileError] = useState<string | null>(null);
  const answer = useMutation({
    // the files go first, each checked by the server; the answer then names them by their upload tokens
    mutationFn: async (values: z.output<typeof answerInput>) => {
      const attachments = [];
      for (const file of files) {
        try {
          const stored = await opinions.attach(opinion.id, file);
          attachments.push({ token: stored.token });
        } catch (error) {
          throw new AttachmentRefused(file.name, error);
        }
      }
      return opinions.answer(opinion.id, { ...values, attachments });
    },
    onSuccess: (updated, values) => {
      update(updated);
      onDone(
        t(corrects ? 'exchange.answer.corrected' : 'exchange.answer.done', {
          outcome: OPINION_OUTCOMES[values.outcome],
        }),
      );
    },
    onError: (error) => {
      if (error instanceof AttachmentRefused) {
        setFileError(t('exchange.answer.fileRefused', { name: error.fileName, reason: error.reason }));
        return;
      }
      setProblem(reportProblem(error, form.setError, ['outcome', 'reasons']));
    },
  });
  const submit = form.handleSubmit((values) => {
    setProblem(null);
    setFileError(null);
    if (files.length > MAX_FILES) {
      setFileError(t('exchange.answer.tooManyFiles', { max: MAX_FILES }));
      return;
    }
    answer.mutate(values);
  });

  return (
    <form onSubmit={submit} noValidate className="lovit-form mb-4">
      <fieldset>
        <legend className="h5 mb-3">
          {corrects
            ? t('exchange.answer.correctTitle', { date: formatDate(corrects.answeredOn) })
            : t('exchange.answer.title')}
        </legend>
        <OutcomeChoice
          legend={t('exchange.answer.outcome')}
          registration={form.register('outcome')}
          error={errors.outcome}
        />
        <TextAreaField
          label={corrects ? t('exchange.answer.correctReasons') : t('exchange.answer.reasons')}
          hint={corrects ? undefined : t('exchange.answer.reasonsHint')}
          error={errors.reasons}
          rows={4}
          {...form.register('reasons')}
        />
        <div className="form-group">
          <label htmlFor={`${fileId}-file`} className="active">
            {t('exchange.answer.files')}
          </label>
          <input
            id={`${fileId}-file`}
            type="file"
            multiple
            accept="application/pdf,image/jpeg,image/png"
            className={`form-control${fileError ? ' is-invalid' : ''}`}
            aria-describedby={`${fileId}-file-aiuto${fileError ? ` ${fileId}-file-errore` : ''}`}
            aria-invalid={fileError ? true : undefined}
            onChange={(event) => setFiles([...(event.target.files ?? [])])}
          />
          <small id={`${fileId}-file-aiuto`} className="form-text">
            {t('exchange.answer.filesHint', { max: MAX_FILES })}
          </small>
          {fileError && (
            <div id={`${fileId}-file-errore`} className="invalid-feedback d-block">
              {fileError}
            </div>
          )}
        </div>
        <FormProblem message={problem} />
        <button type="submit" className="btn btn-primary" disabled={answer.isPending}>
          {corrects ? t('exchange.answer.correct') : t('exchange.answer.submit')}
        </button>
      </fieldset>
    </form>
  );
}

type TextFormProps = {
  title: string;
  label: string;
  submitLabel: string;
  schema: z.ZodType<string, string>;
  send: (text: string) => Promise<OpinionDetail>;
  onSent: (updated: OpinionDetail) => void;
};

/** One text sent about an opinion: a question to the SUI, or the SUI's reply. */
function TextForm({ title, label, submitLabel, schema, send, onSent }: TextFormProps) {
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm({ resolver: zodResolver(z.object({ text: schema })), defaultValues: { text: '' } });
  const sending = useMutation({
    mutationFn: (values: { text: string }) => send(values.text),
    onSuccess: (updated) => {
      form.reset({ text: '' });
      onSent(updated);
    },
    onError: (error) => setProblem(reportProblem(error, form.setError, [])),
  });
  const submit = form.handleSubmit((values) => {
    setProblem(null);
    sending.mutate(values);
  });
  return (
    <form onSubmit={submit} noValidate className="lovit-form mb-4">
      <fieldset>
        <legend className="h5 mb-3">{title}</legend>
        <TextAreaField label={label} error={form.formState.errors.text} rows={4} {...form.register('text')} />
        <FormProblem message={problem} />
        <button type="submit" className="btn btn-primary" disabled={sending.isPending}>
          {submitLabel}
        </button>
      </fieldset>
    </form>
  );
}

/** The body asks the SUI for information: the opinion's clock pauses until the reply. */
export function QuestionForm({
  opinion,
  onDone,
}: {
  opinion: OpinionDetail;
  onDone: (notice: string) => void;
}) {
  const { t } = useTranslation();
  const update = useOpinionUpdate();
  return (
    <TextForm
      title={t('exchange.question.title')}
      label={t('exchange.question.label')}
      submitLabel={t('exchange.question.submit')}
      schema={questionInput.shape.question}
      send={(question) => opinions.ask(opinion.id, { question })}
      onSent={(updated) => {
        update(updated);
        onDone(t('exchange.question.done'));
      }}
    />
  );
}

type ReplyFormProps = {
  opinionId: string;
  question: Pick<Question, 'id' | 'askedOn'>;
  /** Who asked, in the form's title: the page may show several bodies' questions. */
  body: string;
  onDone: (notice: string) => void;
};

/** The SUI replies to a body's question: the opinion's clock starts again. */
export function ReplyForm({ opinionId, question, body, onDone }: ReplyFormProps) {
  const { t } = useTranslation();
  const update = useOpinionUpdate();
  return (
    <TextForm
      title={t('exchange.reply.title', { body, date: formatDate(question.askedOn) })}
      label={t('exchange.reply.label')}
      submitLabel={t('exchange.reply.submit')}
      schema={replyInput.shape.reply}
      send={(reply) => opinions.reply(opinionId, question.id, { reply })}
      onSent={(updated) => {
        update(updated);
        onDone(t('exchange.reply.done', { body }));
      }}
    />
  );
}
