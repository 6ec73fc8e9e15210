import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { opinionInput } from '../../../src/modules/cases/contract.ts';
import { OPINION_OUTCOMES } from '../../../src/modules/exchange/contract.ts';
import { usePermission } from '../../app/session.ts';
import { formatDate, formatDateTime } from '../../ui/dates.ts';
import { FormProblem, reportProblem, resolverWithBlanksAsNull } from '../../ui/forms.tsx';
import { TableScroll } from '../../ui/TableScroll.tsx';
import { ReplyForm } from '../exchange/OpinionForms.tsx';
import { OpinionClock, OpinionState } from '../exchange/OpinionStatus.tsx';
import { OutcomeChoice } from '../exchange/OutcomeChoice.tsx';
import { type CaseDetail, cases, keys, type Opinion } from './requests.ts';
import { TextAreaField } from './TextAreaField.tsx';

const resolver = resolverWithBlanksAsNull(opinionInput, ['notes']);

type CaseOpinionsProps = { detail: CaseDetail; onDone: (notice: string) => void };

/**
 * The opinions asked of the Questura and the Ispettorato: their state and clock, the bodies' questions waiting
 * for the office's reply, and the answers the office records when they arrive outside LOVIT.
 */
export function CaseOpinions({ detail, onDone }: CaseOpinionsProps) {
  const { t } = useTranslation();
  const canAct = usePermission('cases.act');
  const canOpen = usePermission('exchange.access');
  const headingRef = useRef<HTMLHeadingElement>(null);
  // The form just used goes away with the answer or the reply: the reader goes on from the section's heading.
  const done = (notice: string) => {
    onDone(notice);
    headingRef.current?.focus();
  };
  return (
    <section aria-labelledby="pratica-pareri" className="mb-5">
      <h2 id="pratica-pareri" className="h4" ref={headingRef} tabIndex={-1}>
        {t('cases.opinions.heading')}
      </h2>
      {detail.opinions.length === 0 ? (
        <p>{t('cases.opinions.none')}</p>
      ) : (
        <TableScroll label={t('cases.opinions.caption')}>
          <table className="table lovit-cards">
            <caption className="visually-hidden">{t('cases.opinions.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('cases.opinions.body')}</th>
                <th scope="col">{t('cases.opinions.requestedAt')}</th>
                <th scope="col">{t('cases.opinions.dueOn')}</th>
                <th scope="col">{t('cases.opinions.state')}</th>
                <th scope="col">{t('cases.opinions.notes')}</th>
              </tr>
            </thead>
            <tbody>
              {detail.opinions.map((opinion) => (
                <tr key={opinion.id}>
                  <th scope="row" className="fw-normal lovit-card-title">
                    {canOpen ? (
                      <Link to={`/pareri/${opinion.id}`}>{opinion.bodyName}</Link>
                    ) : (
                      opinion.bodyName
                    )}
                  </th>
                  <td className="text-nowrap" data-label={t('cases.opinions.requestedAt')}>
                    {formatDateTime(opinion.requestedAt)}
                  </td>
                  <td data-label={t('cases.opinions.dueOn')}>
                    <OpinionClock clock={opinion.clock} />
                  </td>
                  <td data-label={t('cases.opinions.state')}>
                    <OpinionState state={opinion.state} outcome={opinion.outcome} />
                    {opinion.answeredAt && (
                      <span className="d-block small">
                        {t('cases.opinions.answeredAt', { at: formatDateTime(opinion.answeredAt) })}
                      </span>
                    )}
                    {opinion.state === 'SILENT_CONSENT' && opinion.silenceRule && (
                      <span className="d-block small">{opinion.silenceRule}</span>
                    )}
                  </td>
                  <td data-label={t('cases.opinions.notes')}>{opinion.notes ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {detail.opinions.map((opinion) =>
        opinion.openQuestions.map((question) => (
          <OpenQuestion
            key={question.id}
            opinion={opinion}
            question={question}
            canReply={canAct}
            onDone={done}
          />
        )),
      )}
      {canAct &&
        detail.opinions
          .filter((opinion) => opinion.state === 'PENDING')
          .map((opinion) => (
            <OpinionForm key={opinion.id} caseId={detail.id} opinion={opinion} onDone={done} />
          ))}
    </section>
  );
}

type OpenQuestionProps = {
  opinion: Opinion;
  question: Opinion['openQuestions'][number];
  canReply: boolean;
  onDone: (notice: string) => void;
};

/** A body's question on its opinion: the opinion's clock waits for the office's reply. */
function OpenQuestion({ opinion, question, canReply, onDone }: OpenQuestionProps) {
  const { t } = useTranslation();
  return (
    <article className="mb-4" aria-label={t('cases.opinions.questionOf', { body: opinion.bodyName })}>
      <div className="alert alert-warning">
        <p className="fw-semibold mb-1">
          {t('cases.opinions.question', {
            body: opinion.bodyName,
            by: question.askedBy,
            date: formatDate(question.askedOn),
          })}
        </p>
        <p className="lovit-prose mb-0">{question.question}</p>
      </div>
      {canReply && (
        <ReplyForm opinionId={opinion.id} question={question} body={opinion.bodyName} onDone={onDone} />
      )}
    </article>
  );
}

type OpinionFormProps = { caseId: string; opinion: Opinion; onDone: (notice: string) => void };

function OpinionForm({ caseId, opinion, onDone }: OpinionFormProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm({ resolver, defaultValues: { outcome: undefined, notes: '' } });
  const { errors } = form.formState;
  const record = useMutation({
    mutationFn: (values: { outcome: 'FAVOURABLE' | 'UNFAVOURABLE'; notes?: string | null | undefined }) =>
      cases.recordOpinion(caseId, opinion.id, { outcome: values.outcome, notes: values.notes ?? null }),
    onSuccess: (updated, values) => {
      queryClient.setQueryData(keys.case(caseId), updated);
      void queryClient.invalidateQueries({ queryKey: ['cases', 'worklist'] });
      onDone(
        t('cases.opinions.recorded', {
          body: opinion.bodyName,
          outcome: OPINION_OUTCOMES[values.outcome],
        }),
      );
    },
    onError: (error) => setProblem(reportProblem(error, form.setError, ['outcome', 'notes'])),
  });
  const submit = form.handleSubmit((values) => {
    setProblem(null);
    record.mutate(values);
  });

  return (
    <form onSubmit={submit} noValidate className="lovit-form mb-4">
      <fieldset>
        <legend className="h5 mb-3">{t('cases.opinions.formTitle', { body: opinion.bodyName })}</legend>
        <OutcomeChoice
          legend={t('cases.opinions.outcome')}
          registration={form.register('outcome')}
          error={errors.outcome}
        />
        <TextAreaField label={t('cases.opinions.notes')} error={errors.notes} {...form.register('notes')} />
        <FormProblem message={problem} />
        <button type="submit" className="btn btn-primary" disabled={record.isPending}>
          {t('cases.opinions.submit')}
          <span className="visually-hidden"> – {opinion.bodyName}</span>
        </button>
      </fieldset>
    </form>
  );
}
