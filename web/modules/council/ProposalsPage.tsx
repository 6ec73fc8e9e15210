import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { SelectField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem } from '../../ui/forms.tsx';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { Page } from '../../ui/Page.tsx';
import { PagedList } from '../../ui/PagedList.tsx';
import { pageFrom } from '../../ui/Pagination.tsx';
import { type ConsultantView, consultant, consultantKeys } from './consultantRequests.ts';
import { ProposalCard } from './ProposalCard.tsx';
import { council, keys } from './requests.ts';

const STATUSES = ['PENDING', 'APPROVED', 'RETURNED'] as const;
const KINDS = ['CONVOCATION', 'MINUTES', 'NEEDS', 'QUESTIONNAIRE'] as const;

/** The secretariat's queue of the consultant's proposals, and the consultants' assignments to the tables. */
export function ProposalsPage() {
  const { t } = useTranslation();
  const filterId = useId();
  const kindId = useId();
  const [params, setParams] = useSearchParams();
  const status = params.get('stato') ?? 'PENDING';
  const kind = params.get('tipo') ?? '';
  const [decided, setDecided] = useState<string | null>(null);
  const page = pageFrom(params);
  const proposals = useQuery({
    queryKey: consultantKeys.proposals(status, page, kind),
    queryFn: () => consultant.proposals(status, page, kind),
    placeholderData: keepPreviousData,
  });
  // "All statuses" is an empty `stato`, kept in the address; no kind is no `tipo` at all.
  const filter = (changes: { stato?: string; tipo?: string }) => {
    const next = { stato: status, tipo: kind, ...changes };
    setParams(next.tipo ? next : { stato: next.stato });
  };
  return (
    <Page
      title={t('councilConsultant.proposals.title')}
      trail={[{ label: t('modules.council.title'), to: '/cti' }]}
    >
      <p>{t('councilConsultant.proposals.intro')}</p>
      <div className="row">
        <div className="col-12 col-md-6 select-wrapper lovit-field">
          <label htmlFor={filterId}>{t('councilConsultant.proposals.filter')}</label>
          <select id={filterId} value={status} onChange={(event) => filter({ stato: event.target.value })}>
            {STATUSES.map((code) => (
              <option key={code} value={code}>
                {t(`councilConsultant.statuses.${code}`)}
              </option>
            ))}
            <option value="">{t('councilConsultant.proposals.all')}</option>
          </select>
        </div>
        <div className="col-12 col-md-6 select-wrapper lovit-field">
          <label htmlFor={kindId}>{t('councilConsultant.proposals.kindFilter')}</label>
          <select id={kindId} value={kind} onChange={(event) => filter({ tipo: event.target.value })}>
            <option value="">{t('councilConsultant.proposals.allKinds')}</option>
            {KINDS.map((code) => (
              <option key={code} value={code}>
                {t(`councilConsultant.kinds.${code}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <Notice message={decided} />
      <PagedList
        list={proposals}
        count={(count) => t('councilConsultant.proposals.count', { count })}
        empty={t('councilConsultant.proposals.none')}
      >
        {(items) => (
          <ul className="list-unstyled">
            {items.map((proposal) => (
              <ProposalCard
                key={proposal.id}
                proposal={proposal}
                canDecide
                onDecided={setDecided}
                headingLevel={2}
              />
            ))}
          </ul>
        )}
      </PagedList>
      <Assignments />
    </Page>
  );
}

function Assignments() {
  const { t } = useTranslation();
  const headingId = useId();
  const consultants = useQuery({ queryKey: consultantKeys.consultants, queryFn: consultant.consultants });
  return (
    <section aria-labelledby={headingId} className="mt-5">
      <h2 id={headingId} className="h4">
        {t('councilConsultant.assignments.title')}
      </h2>
      {consultants.isPending ? (
        <Loading />
      ) : consultants.error ? (
        <LoadError error={consultants.error} />
      ) : consultants.data.length === 0 ? (
        <p className="alert alert-info">{t('councilConsultant.assignments.none')}</p>
      ) : (
        <>
          <ul>
            {consultants.data.map((person) => (
              <ConsultantItem key={person.userId} person={person} />
            ))}
          </ul>
          <AssignForm people={consultants.data} />
        </>
      )}
    </section>
  );
}

function ConsultantItem({ person }: { person: ConsultantView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [ended, setEnded] = useState<string | null>(null);
  const end = useMutation({
    mutationFn: (assignment: { tableId: string; id: string }) =>
      consultant.endAssignment(assignment.tableId, assignment.id),
    onSuccess: () => {
      setEnded(t('councilConsultant.assignments.ended'));
      void queryClient.invalidateQueries({ queryKey: consultantKeys.all });
    },
  });
  return (
    <li>
      <Notice message={ended} />
      {person.name} ({person.organisationName}, {person.email})
      {person.assignments.length === 0 ? (
        <span className="text-secondary"> – {t('councilConsultant.assignments.noTables')}</span>
      ) : (
        <ul>
          {person.assignments.map((assignment) => (
            <li key={assignment.id}>
              {assignment.tableName}{' '}
              <button
                type="button"
                className="btn btn-link btn-sm p-0"
                disabled={end.isPending}
                onClick={() => end.mutate(assignment)}
              >
                {t('councilConsultant.assignments.end', { table: assignment.tableName })}
              </button>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

function AssignForm({ people }: { people: ConsultantView[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const tables = useQuery({ queryKey: keys.tables, queryFn: council.tables });
  const form = useForm({ defaultValues: { userId: '', tableId: '' } });
  const assign = useMutation({
    mutationFn: (values: { userId: string; tableId: string }) =>
      consultant.assign(values.tableId, values.userId),
    onSuccess: () => {
      setProblem(null);
      setDone(t('councilConsultant.assignments.assigned'));
      form.reset({ userId: '', tableId: '' });
      void queryClient.invalidateQueries({ queryKey: consultantKeys.all });
    },
    onError: (error) => setProblem(reportProblem(error, form.setError, ['userId', 'tableId'])),
  });
  return (
    <form onSubmit={form.handleSubmit((values) => assign.mutate(values))} noValidate className="lovit-form">
      <Notice message={done} />
      <div className="row align-items-end">
        <div className="col-12 col-md-5">
          <SelectField
            label={t('councilConsultant.assignments.consultant')}
            registration={form.register('userId', { required: t('validation.choose') })}
            error={form.formState.errors.userId}
          >
            <option value="">{t('councilConsultant.assignments.choose')}</option>
            {people.map((person) => (
              <option key={person.userId} value={person.userId}>
                {person.name}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="col-12 col-md-5">
          <SelectField
            label={t('councilConsultant.assignments.table')}
            registration={form.register('tableId', { required: t('validation.choose') })}
            error={form.formState.errors.tableId}
          >
            <option value="">{t('councilConsultant.assignments.choose')}</option>
            {(tables.data ?? [])
              .filter((table) => table.kind === 'THEMATIC')
              .map((table) => (
                <option key={table.id} value={table.id}>
                  {table.name}
                </option>
              ))}
          </SelectField>
        </div>
        <div className="col-12 col-md-2 mb-3">
          <button type="submit" className="btn btn-primary" disabled={assign.isPending}>
            {t('councilConsultant.assignments.assign')}
          </button>
        </div>
      </div>
      <FormProblem message={problem} />
    </form>
  );
}
