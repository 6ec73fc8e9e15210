import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QUESTION_KINDS } from '../../../src/modules/surveys/contract.ts';
import { formatDateTime } from '../../ui/dates.ts';
import { FormProblem, reportProblem } from '../../ui/forms.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { TextAreaField } from '../cases/TextAreaField.tsx';
import { consultant, consultantKeys, type ProposalView } from './consultantRequests.ts';
import { keys } from './requests.ts';

/** A consultant's proposal as it was sent, its state, and – for the secretariat – approve or return it. */
export function ProposalCard({
  proposal,
  canDecide = false,
  onDecided,
  headingLevel = 3,
}: {
  proposal: ProposalView;
  canDecide?: boolean;
  /** Says what was decided where the list is: a decided proposal may leave a list of waiting ones. */
  onDecided?: (message: string) => void;
  /** The level of the card's heading: one below the heading the list sits under. */
  headingLevel?: 2 | 3;
}) {
  const { t } = useTranslation();
  const headingId = `proposta-${proposal.id}`;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <li className="card card-bg mb-3">
      <article className="card-body" aria-labelledby={headingId}>
        <Heading id={headingId} className="h6 card-title">
          {t(`councilConsultant.kinds.${proposal.kind}`)}
          {proposal.needs ? ` – ${proposal.needs.title}` : ''}
          {proposal.convocation ? ` – ${proposal.convocation.title}` : ''}
          {proposal.questionnaire ? ` – ${proposal.questionnaire.title}` : ''}{' '}
          <span className={`badge ${proposal.status === 'APPROVED' ? 'bg-success' : 'bg-secondary'}`}>
            {t(`councilConsultant.statuses.${proposal.status}`)}
          </span>
        </Heading>
        <p className="small mb-2">
          {t('councilConsultant.proposals.proposedBy', {
            name: proposal.proposedBy,
            at: formatDateTime(proposal.proposedAt),
            table: proposal.tableName,
          })}
        </p>
        <ProposalContent proposal={proposal} />
        {proposal.decidedBy && proposal.decidedAt && (
          <p className="small mb-1">
            {t('councilConsultant.proposals.decidedBy', {
              status: t(`councilConsultant.statuses.${proposal.status}`),
              name: proposal.decidedBy,
              at: formatDateTime(proposal.decidedAt),
            })}
          </p>
        )}
        {proposal.returnReason && (
          <p className="alert alert-warning small">
            {t('councilConsultant.proposals.reason', { reason: proposal.returnReason })}
          </p>
        )}
        {canDecide && proposal.status === 'PENDING' && <Decision proposal={proposal} onDecided={onDecided} />}
      </article>
    </li>
  );
}

function ProposalContent({ proposal }: { proposal: ProposalView }) {
  const { t } = useTranslation();
  if (proposal.convocation) {
    const { convocation } = proposal;
    return (
      <div className="small">
        <p className="mb-1">
          {t('councilConsultant.proposals.when', { at: formatDateTime(convocation.startsAt) })}
        </p>
        {convocation.place && (
          <p className="mb-1">{t('councilConsultant.proposals.where', { place: convocation.place })}</p>
        )}
        {convocation.onlineUrl && (
          <p className="mb-1">{t('councilConsultant.proposals.online', { url: convocation.onlineUrl })}</p>
        )}
        <p className="mb-1">{t('councilConsultant.proposals.agenda')}</p>
        <ol>
          {convocation.agenda.map((item) => (
            <li key={item.title}>
              {item.title}
              {item.presenter ? ` (${item.presenter})` : ''} – {item.durationMinutes}′
            </li>
          ))}
        </ol>
        {proposal.meetingId && (
          <Link to={`/cti/sedute/${proposal.meetingId}`}>{t('councilConsultant.proposals.openMeeting')}</Link>
        )}
      </div>
    );
  }
  if (proposal.questionnaire) {
    const { questionnaire } = proposal;
    return (
      <div className="small">
        <p className="mb-1 lovit-prose">{questionnaire.intro}</p>
        <p className="mb-1">
          {questionnaire.anonymous
            ? t('councilConsultant.proposals.anonymous')
            : t('councilConsultant.proposals.named')}
          {questionnaire.reminderDays
            ? ` ${t('surveys.page.reminder', { count: questionnaire.reminderDays })}`
            : ''}
        </p>
        <p className="mb-1">{t('councilConsultant.proposals.questions')}</p>
        <ol>
          {questionnaire.questions.map((question) => (
            <li key={question.key}>
              {question.label} ({QUESTION_KINDS[question.kind]}
              {'options' in question ? `: ${question.options.join(', ')}` : ''})
            </li>
          ))}
        </ol>
        {proposal.questionnaireId && (
          <Link to={`/cti/questionari-dei-tavoli/${proposal.questionnaireId}`}>
            {t('councilConsultant.proposals.openQuestionnaire')}
          </Link>
        )}
      </div>
    );
  }
  if (proposal.minutes !== null)
    return (
      <div className="small">
        {proposal.meetingTitle && (
          <p className="mb-1">{t('councilConsultant.proposals.meeting', { title: proposal.meetingTitle })}</p>
        )}
        <p className="lovit-prose">{proposal.minutes}</p>
      </div>
    );
  return <p className="small lovit-prose">{proposal.needs?.text}</p>;
}

function Decision({
  proposal,
  onDecided,
}: {
  proposal: ProposalView;
  onDecided: ((message: string) => void) | undefined;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const form = useForm({ defaultValues: { reason: '' } });
  const settled = (message: string) => {
    setProblem(null);
    (onDecided ?? setDone)(message);
    void queryClient.invalidateQueries({ queryKey: consultantKeys.all });
    void queryClient.invalidateQueries({ queryKey: keys.all });
  };
  const approve = useMutation({
    mutationFn: () => consultant.approve(proposal.id),
    onSuccess: () => settled(t('councilConsultant.proposals.approved')),
    onError: (error) => setProblem(reportProblem(error, form.setError, [])),
  });
  const giveBack = useMutation({
    mutationFn: (values: { reason: string }) => consultant.giveBack(proposal.id, values.reason),
    onSuccess: () => settled(t('councilConsultant.proposals.returned')),
    onError: (error) => setProblem(reportProblem(error, form.setError, ['reason'])),
  });
  return (
    <div className="mt-3">
      <Notice message={done} />
      <button
        type="button"
        className="btn btn-primary btn-sm mb-3"
        disabled={approve.isPending}
        onClick={() => approve.mutate()}
      >
        {t('councilConsultant.proposals.approve')}
      </button>
      <form onSubmit={form.handleSubmit((values) => giveBack.mutate(values))} noValidate>
        <TextAreaField
          label={t('councilConsultant.proposals.returnReason')}
          rows={2}
          error={form.formState.errors.reason}
          {...form.register('reason')}
        />
        <FormProblem message={problem} />
        <button type="submit" className="btn btn-outline-primary btn-sm" disabled={giveBack.isPending}>
          {t('councilConsultant.proposals.return')}
        </button>
      </form>
    </div>
  );
}
