import { useQuery } from '@tanstack/react-query';
import i18next from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'react-router';
import { usePermission } from '../../app/session.ts';
import { formatDate } from '../../ui/dates.ts';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { Page } from '../../ui/Page.tsx';
import { CaseUpdateNotices } from '../updates/caseMarkers.tsx';
import { timeOfDay } from './appointmentTimes.ts';
import { CaseActions } from './CaseActions.tsx';
import { CaseAppointments } from './CaseAppointments.tsx';
import { CaseDocuments } from './CaseDocuments.tsx';
import { CaseForMediator } from './CaseForMediator.tsx';
import { CaseNotice } from './CaseNotice.tsx';
import { CaseOpinions } from './CaseOpinions.tsx';
import { CaseOutcomes } from './CaseOutcomes.tsx';
import { CaseParties } from './CaseParties.tsx';
import { CaseQuestions } from './CaseQuestions.tsx';
import { CaseTimeline } from './CaseTimeline.tsx';
import { DeadlineBadge } from './DeadlineBadge.tsx';
import { Item } from './DetailItem.tsx';
import { DueDateExplanation } from './DueDateExplanation.tsx';
import { LegalHoldPanel } from './LegalHoldPanel.tsx';
import { PersonRectifications } from './PersonRectifications.tsx';
import { QuotaImputation } from './QuotaImputation.tsx';
import { type CaseDetail, cases, caseTypes, keys } from './requests.ts';
import { languageName, sectorLabel, statesOf } from './vocabulary.ts';

/** One case file: where it stands against its term, who it concerns, what it needs, and the next steps. */
export function CasePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const canAct = usePermission('cases.act');
  const canReadTypes = usePermission('cases.types.read');
  const canAnswer = usePermission('cases.legal.answer');
  // decision 049: a mediator sees the heading of the case and its appointments, the legal expert all of it
  const readsWholeCase = canAct || canAnswer;
  const [notice, setNotice] = useState<string | null>(
    (useLocation().state as { notice?: string } | null)?.notice ?? null,
  );
  const detail = useQuery({ queryKey: keys.case(id), queryFn: () => cases.get(id) });
  const types = useQuery({
    queryKey: keys.types,
    queryFn: caseTypes.list,
    enabled: canReadTypes,
    staleTime: 300_000,
  });
  const trail = [{ label: t('modules.cases.title'), to: '/pratiche' }];

  if (detail.isPending || detail.error) {
    return (
      <Page title={t('cases.case.loadingTitle')} trail={trail}>
        {detail.isPending ? <Loading /> : <LoadError error={detail.error} />}
      </Page>
    );
  }

  const data = detail.data;
  const states = types.data ? statesOf(types.data, data.type) : [];
  const stateName = (code: string) => states.find((state) => state.code === code)?.label ?? code;
  return (
    <Page title={t('cases.case.title', { number: data.number })} trail={trail}>
      <Notice message={notice} />
      {readsWholeCase && <CaseBar detail={data} canAct={canAct} />}
      {readsWholeCase && <CaseUpdateNotices caseId={data.id} />}
      {!readsWholeCase && <CaseForMediator detail={data} onDone={setNotice} />}
      {readsWholeCase && <CaseSections detail={data} canAct={canAct} />}
      {readsWholeCase && (
        <>
          <LegalHoldPanel caseId={data.id} onDone={setNotice} />
          <CaseSummary detail={data} onDone={setNotice} />
          {canAct && <CaseActions detail={data} onDone={setNotice} />}
          <CaseNotice detail={data} canAct={canAct} onDone={setNotice} />
          <CaseOpinions detail={data} onDone={setNotice} />
          <CaseParties detail={data} />
          <PersonRectifications detail={data} onDone={setNotice} />
          <CaseDocuments detail={data} onDone={setNotice} />
          <CaseAppointments detail={data} onDone={setNotice} />
          <CaseQuestions detail={data} onDone={setNotice} />
          <CaseOutcomes detail={data} />
          <CaseTimeline detail={data} stateName={stateName} />
        </>
      )}
    </Page>
  );
}

/** What stays in sight while the page scrolls: the case, its state, its due date and the way to its actions. */
function CaseBar({ detail, canAct }: { detail: CaseDetail; canAct: boolean }) {
  const { t } = useTranslation();
  const { deadline } = detail;
  return (
    <section className="lovit-case-bar" aria-label={t('cases.case.bar', { number: detail.number })}>
      <span className="fw-semibold">{detail.number}</span>
      <span>
        <span className="visually-hidden">{t('cases.case.state')}: </span>
        {detail.stateLabel}
      </span>
      <span>
        {deadline
          ? t('cases.case.barDue', { date: formatDate(deadline.legalDueDate) })
          : t('cases.case.noDeadline')}{' '}
        <DeadlineBadge status={detail.deadlineStatus} />
      </span>
      {canAct && (
        <a className="btn btn-primary btn-xs" href="#pratica-azioni">
          {t('cases.case.toActions')}
        </a>
      )}
    </section>
  );
}

/** The sections of the page, in their order, for a reader who wants one of them. */
function CaseSections({ detail, canAct }: { detail: CaseDetail; canAct: boolean }) {
  const { t } = useTranslation();
  const sections = [
    ['pratica-sintesi', t('cases.case.summary')],
    ...(canAct ? [['pratica-azioni', t('cases.actions.heading')]] : []),
    ...(detail.rejectionNotice ? [['pratica-preavviso', t('cases.notice.heading')]] : []),
    ['pratica-pareri', t('cases.opinions.heading')],
    ['pratica-parti', t('cases.parties.heading')],
    ['pratica-documenti', t('cases.checklist.heading')],
    ['pratica-appuntamenti', t('cases.appointments.heading')],
    ['pratica-quesiti', t('cases.questions.heading')],
    ['pratica-esiti', t('cases.outcomes.heading')],
    ['pratica-cronologia', t('cases.timeline.heading')],
  ];
  return (
    <nav className="lovit-case-nav mb-4" aria-label={t('cases.case.sectionsLabel')}>
      <ul>
        {sections.map(([target, label]) => (
          <li key={target}>
            <a href={`#${target}`}>{label}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function CaseSummary({ detail, onDone }: { detail: CaseDetail; onDone: (notice: string) => void }) {
  const { t } = useTranslation();
  const { deadline, quota } = detail;
  const none = t('common.none');
  return (
    <section aria-labelledby="pratica-sintesi" className="mb-5">
      <h2 id="pratica-sintesi" className="visually-hidden">
        {t('cases.case.summary')}
      </h2>
      <p className="lead mb-4">{detail.title}</p>
      <dl className="row">
        <Item label={t('cases.case.type')}>
          {detail.typeName}
          <span className="d-block small">{detail.legalReference}</span>
        </Item>
        <Item label={t('cases.case.state')}>{detail.stateLabel}</Item>
        <Item label={t('cases.case.dueOn')}>
          <span className="d-block">
            {deadline ? formatDate(deadline.legalDueDate) : t('cases.case.noDeadline')}
          </span>
          {deadline && (
            <span className="d-block">
              {deadline.daysLeft >= 0
                ? t('cases.case.daysLeft', { count: deadline.daysLeft })
                : t('cases.case.daysLate', { count: -deadline.daysLeft })}
            </span>
          )}
          <DeadlineBadge status={detail.deadlineStatus} />
        </Item>
        {deadline && deadline.suspensions.length > 0 && (
          <Item label={t('cases.case.suspensions')}>
            <ul className="list-unstyled mb-0">
              {deadline.suspensions.map((suspension) => (
                <li key={`${suspension.kind}-${suspension.from}`}>
                  {suspension.ongoing
                    ? t('cases.case.suspensionOngoing', {
                        from: formatDate(suspension.from),
                        count: suspension.days,
                      })
                    : t('cases.case.suspension', {
                        from: formatDate(suspension.from),
                        to: formatDate(suspension.to),
                        count: suspension.days,
                      })}
                </li>
              ))}
            </ul>
          </Item>
        )}
        {deadline && <Item label={t('cases.case.silence')}>{silenceText(deadline.silenceReason)}</Item>}
        <Item label={t('cases.case.quota')}>
          {quota
            ? t('cases.case.quotaRank', {
                rank: quota.rank,
                year: quota.year,
                sector: sectorLabel(quota.sector),
              })
            : t('cases.case.outsideQuota')}
        </Item>
        <Item label={t('cases.case.submittedOn')}>
          {formatDate(detail.submittedOn)}
          <span className="d-block small">
            {t('cases.case.receivedAt', {
              date: formatDate(detail.receivedAt),
              time: timeOfDay(detail.receivedAt),
            })}
          </span>
        </Item>
        <Item label={t('cases.case.channel')}>
          {detail.channel === 'DESK' || detail.channel === 'API' || detail.channel === 'IMPORT'
            ? t(`cases.case.channels.${detail.channel}`)
            : detail.channel}
          {detail.externalReference && <span className="d-block small">{detail.externalReference}</span>}
        </Item>
        <Item label={t('cases.case.assignee')}>
          {detail.assignee?.name ?? t('cases.worklist.unassigned')}
        </Item>
        <Item label={t('cases.case.language')}>{languageName(detail.language) || none}</Item>
      </dl>
      {deadline && <p className="small">{t('cases.case.termBasis', { basis: deadline.legalBasis })}</p>}
      {deadline && <DueDateExplanation explanation={deadline.explanation} />}
      <QuotaImputation detail={detail} onDone={onDone} />
      <p>
        <a className="btn btn-outline-primary" href={cases.receiptUrl(detail.id)} download>
          {t('cases.case.receipt')}
        </a>
      </p>
    </section>
  );
}

const SILENCE_REASONS = [
  'NOT_PROVIDED_BY_LAW',
  'TERM_RUNNING',
  'IMPEDIMENT_FOUND',
  'HIGH_RISK_COUNTRY',
  'NO_QUOTA_AVAILABLE',
  'TERM_EXPIRED_WITHOUT_IMPEDIMENT',
  'TERM_NOT_STARTED',
  'RISK_LIST_NOT_CONFIRMED',
] as const;

function silenceText(reason: string): string {
  return (SILENCE_REASONS as readonly string[]).includes(reason)
    ? i18next.t(`cases.silence.${reason as (typeof SILENCE_REASONS)[number]}`)
    : reason;
}
