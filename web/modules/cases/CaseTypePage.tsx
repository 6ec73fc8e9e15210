import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ACTIONS, GUARDS, OPINION_BODIES } from '../../../src/modules/cases/contract.ts';
import { usePermission } from '../../app/session.ts';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { TableScroll } from '../../ui/TableScroll.tsx';
import { versionSummary } from './CaseTypesPage.tsx';
import { Item } from './DetailItem.tsx';
import { type CaseTypeDefinition, caseTypes, keys } from './requests.ts';
import { sectorLabel } from './vocabulary.ts';

const CLOCK_EVENTS = [
  'INTEGRATION_REQUESTED',
  'DOCUMENTS_RECEIVED',
  'REJECTION_NOTICE_SENT',
  'REJECTION_NOTICE_RECEIVED',
  'OBSERVATIONS_RECEIVED',
] as const;

const labelOf = <T extends Record<string, string>>(labels: T, code: string) =>
  code in labels ? labels[code as keyof T] : code;

/** One case type, one version at a time: parties, documents, opinions, states and the transitions between them. */
export function CaseTypePage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const [params] = useSearchParams();
  const types = useQuery({ queryKey: keys.types, queryFn: caseTypes.list, staleTime: 300_000 });
  const trail = [
    { label: t('modules.cases.title'), to: '/pratiche' },
    { label: t('cases.types.title'), to: '/pratiche/tipi' },
  ];
  if (types.isPending || types.error) {
    return (
      <Page title={t('cases.types.title')} trail={trail}>
        {types.isPending ? <Loading /> : <LoadError error={types.error} />}
      </Page>
    );
  }
  const versions = types.data
    .filter((type) => type.code === code)
    .map(({ definition }) => definition)
    .sort((a, b) => b.validFrom.localeCompare(a.validFrom));
  const chosen = versions.find((version) => version.validFrom === params.get('versione')) ?? versions[0];
  if (!chosen) {
    return (
      <Page title={t('cases.types.title')} trail={trail}>
        <div className="alert alert-danger" role="alert">
          {t('cases.types.unknown', { code })}
        </div>
      </Page>
    );
  }
  return (
    <Page title={chosen.name} trail={trail}>
      {versions.length > 1 && (
        <nav aria-label={t('cases.types.versions')} className="mb-4">
          <ul className="list-unstyled">
            {versions.map((version) => (
              <li key={version.validFrom}>
                <Link
                  to={`/pratiche/tipi/${code}?versione=${version.validFrom}`}
                  aria-current={version === chosen ? 'page' : undefined}
                >
                  {versionSummary(version, t)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <TypeSummary definition={chosen} />
      <TypeTables definition={chosen} />
    </Page>
  );
}

function TypeSummary({ definition }: { definition: CaseTypeDefinition }) {
  const { t } = useTranslation();
  // where a rule's source is not settled, only the manager is told: users read the rule
  const isManager = usePermission('cases.assign');
  const state = (code: string | null) =>
    definition.states.find((candidate) => candidate.code === code)?.label ?? code ?? t('common.none');
  return (
    <dl className="row mb-4">
      <Item label={t('cases.types.code')}>
        <code>{definition.code}</code>
      </Item>
      <Item label={t('cases.types.validFrom')}>{versionSummary(definition, t)}</Item>
      <Item label={t('cases.types.legalReference')}>{definition.legalReference}</Item>
      <Item label={t('cases.types.term')}>
        {t('cases.types.termDays', { count: definition.term.termDays })}{' '}
        {t(`cases.types.termStart.${definition.term.startsFrom}`)}
        <span className="d-block small">{definition.term.legalBasis}</span>
        {isManager && definition.term.sourceNote && (
          <span className="d-block small alert alert-warning mt-2 mb-0">
            {t('cases.types.sourceNote', { note: definition.term.sourceNote })}
          </span>
        )}
      </Item>
      <Item label={t('cases.types.silence')}>
        {definition.term.silenceMeansConsent ? t('cases.types.silenceYes') : t('cases.types.silenceNo')}
      </Item>
      <Item label={t('cases.types.quota')}>
        {definition.quota
          ? definition.quota.sectors.map(sectorLabel).join(', ')
          : t('cases.types.outsideQuota')}
      </Item>
      <Item label={t('cases.types.formCodes')}>{definition.formCodes.join(', ') || t('common.none')}</Item>
      <Item label={t('cases.types.rejectionNotice')}>
        {definition.rejectionNoticeApplies ? t('common.yes') : t('common.no')}
      </Item>
      <Item label={t('cases.types.initialState')}>{state(definition.initialState)}</Item>
    </dl>
  );
}

function TypeTables({ definition }: { definition: CaseTypeDefinition }) {
  const { t } = useTranslation();
  const yesNo = (value: boolean) => (value ? t('common.yes') : t('common.no'));
  const state = (code: string) =>
    definition.states.find((candidate) => candidate.code === code)?.label ?? code;
  return (
    <>
      <DataTable
        id="tipo-parti"
        title={t('cases.types.parties')}
        headings={[
          t('cases.types.role'),
          t('cases.types.partyKind'),
          t('cases.types.required'),
          t('cases.types.applicant'),
        ]}
        rows={definition.parties.map((party) => [
          party.label,
          t(`cases.types.partyKinds.${party.kind}`),
          yesNo(party.required),
          yesNo(party.applicant),
        ])}
      />
      <DataTable
        id="tipo-documenti"
        title={t('cases.types.documents')}
        headings={[t('cases.checklist.document'), t('cases.types.code'), t('cases.types.required')]}
        rows={definition.documents.map((document) => [
          document.label,
          document.code,
          yesNo(document.required),
        ])}
      />
      <DataTable
        id="tipo-pareri"
        title={t('cases.types.opinions')}
        headings={[
          t('cases.opinions.body'),
          t('cases.types.opinionSubject'),
          t('cases.types.responseDays'),
          t('cases.types.impediment'),
        ]}
        rows={definition.opinions.map((opinion) => [
          labelOf(OPINION_BODIES, opinion.body),
          opinion.label,
          String(opinion.responseDays),
          yesNo(opinion.impedimentOnUnfavourable),
        ])}
      />
      <DataTable
        id="tipo-stati"
        title={t('cases.types.states')}
        headings={[
          t('cases.types.state'),
          t('cases.types.code'),
          t('cases.types.closed'),
          t('cases.types.awaiting'),
        ]}
        rows={definition.states.map((item) => [
          item.label,
          item.code,
          yesNo(item.closed),
          yesNo(item.awaitingOpinions),
        ])}
      />
      <DataTable
        id="tipo-transizioni"
        title={t('cases.types.transitions')}
        headings={[
          t('cases.types.action'),
          t('cases.types.from'),
          t('cases.types.to'),
          t('cases.types.guards'),
          t('cases.types.reasonRequired'),
          t('cases.types.clock'),
          t('cases.types.outcome'),
        ]}
        rows={definition.transitions.map((transition) => [
          labelOf(ACTIONS, transition.action),
          transition.from.map(state).join('; '),
          state(transition.to),
          transition.guards.length ? (
            <ul className="mb-0 ps-3" key="guards">
              {transition.guards.map((guard) => (
                <li key={guard}>{labelOf(GUARDS, guard)}</li>
              ))}
            </ul>
          ) : (
            t('cases.types.noGuards')
          ),
          yesNo(transition.reasonRequired),
          clockEffect(transition.clockEvent, t),
          definition.outcomes.find((outcome) => outcome.code === transition.outcome)?.label ?? '',
        ])}
      />
      <DataTable
        id="tipo-esiti"
        title={t('cases.types.outcomes')}
        headings={[
          t('cases.types.outcomeDocument'),
          t('cases.types.favourable'),
          t('cases.types.validity'),
          t('cases.types.legalReference'),
        ]}
        rows={definition.outcomes.map((outcome) => [
          outcome.label,
          yesNo(outcome.favourable),
          outcome.validityMonths
            ? t('cases.types.validityMonths', { count: outcome.validityMonths })
            : outcome.validityDays
              ? t('cases.types.validityDays', { count: outcome.validityDays })
              : t('common.none'),
          outcome.legalReference,
        ])}
      />
    </>
  );
}

function clockEffect(event: string | null, t: TFunction): string {
  if (!event) return '';
  return (CLOCK_EVENTS as readonly string[]).includes(event)
    ? t(`cases.types.clockEvents.${event as (typeof CLOCK_EVENTS)[number]}`)
    : event;
}

type DataTableProps = { id: string; title: string; headings: string[]; rows: ReactNode[][] };

/** A section of the definition as a table whose first column names each row. */
function DataTable({ id, title, headings, rows }: DataTableProps) {
  return (
    <section aria-labelledby={id} className="mb-5">
      <h2 id={id} className="h4">
        {title}
      </h2>
      <TableScroll label={title}>
        <table className="table table-sm">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              {headings.map((heading) => (
                <th scope="col" key={heading}>
                  {heading}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((cells, row) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows of a definition have no identity of their own
              <tr key={row}>
                {cells.map((cell, column) =>
                  column === 0 ? (
                    // biome-ignore lint/suspicious/noArrayIndexKey: a cell is its column
                    <th scope="row" className="fw-normal" key={column}>
                      {cell}
                    </th>
                  ) : (
                    // biome-ignore lint/suspicious/noArrayIndexKey: a cell is its column
                    <td key={column}>{cell}</td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
