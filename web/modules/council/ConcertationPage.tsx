import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { usePermission } from '../../app/session.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { formatDate } from '../../ui/dates.ts';
import { FilterForm, FilterSelect, FilterText } from '../../ui/FilterForm.tsx';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem } from '../../ui/forms.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { Page } from '../../ui/Page.tsx';
import { PagedList } from '../../ui/PagedList.tsx';
import { pageFrom } from '../../ui/Pagination.tsx';
import { TextAreaField } from '../cases/TextAreaField.tsx';
import {
  type ConcertationFilter,
  type ConcertationView,
  consultant,
  consultantKeys,
} from './consultantRequests.ts';
import { council, keys } from './requests.ts';

const KINDS = ['MEETING', 'CONTACT'] as const;

/** The concertation log: filtered, paged, exported; written by the consultant and the secretariat. */
export function ConcertationPage() {
  const { t } = useTranslation();
  const writes = usePermission('council.concertation.write');
  const [params] = useSearchParams();
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState<ConcertationView | null>(null);
  const page = pageFrom(params);
  const filter: ConcertationFilter = {
    from: params.get('dal') ?? '',
    to: params.get('al') ?? '',
    kind: params.get('tipo') ?? '',
    organisationId: params.get('ente') ?? '',
  };
  const organisations = useQuery({ queryKey: keys.organisations, queryFn: council.organisations });
  const log = useQuery({
    queryKey: consultantKeys.log(filter, page),
    queryFn: () => consultant.log(filter, page),
    placeholderData: keepPreviousData,
  });
  return (
    <Page
      title={t('councilConsultant.log.title')}
      trail={[{ label: t('modules.council.title'), to: '/cti' }]}
    >
      <Notice message={notice} />
      <p>{t('councilConsultant.log.intro')}</p>
      <FilterForm label={t('councilConsultant.log.filter')}>
        <FilterText
          name="dal"
          type="date"
          label={t('councilConsultant.log.from')}
          className="col-12 col-md-3"
        />
        <FilterText name="al" type="date" label={t('councilConsultant.log.to')} className="col-12 col-md-3" />
        <FilterSelect name="tipo" label={t('councilConsultant.log.kind')} className="col-12 col-md-2">
          <option value="">{t('councilConsultant.log.anyKind')}</option>
          {KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`councilConsultant.log.kinds.${kind}`)}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect name="ente" label={t('councilConsultant.log.organisation')} className="col-12 col-md-4">
          <option value="">{t('councilConsultant.log.anyOrganisation')}</option>
          {(organisations.data?.items ?? []).map((organisation) => (
            <option key={organisation.id} value={organisation.id}>
              {organisation.name}
            </option>
          ))}
        </FilterSelect>
      </FilterForm>
      <p>
        <a href={consultant.logExportUrl(filter)}>{t('councilConsultant.log.export')}</a>
      </p>
      <PagedList
        list={log}
        count={(count) => t('councilConsultant.log.count', { count })}
        empty={t('councilConsultant.log.none')}
        labels={{ from: t('councilConsultant.log.from'), to: t('councilConsultant.log.to') }}
      >
        {(items) => (
          <ul className="list-unstyled">
            {items.map((entry) => (
              <EntryCard key={entry.id} entry={entry} onEdit={setEditing} onDeleted={setNotice} />
            ))}
          </ul>
        )}
      </PagedList>
      {writes && (
        <EntryForm
          key={editing?.id ?? 'nuova'}
          entry={editing}
          onDone={(message) => {
            setNotice(message);
            setEditing(null);
          }}
        />
      )}
    </Page>
  );
}

function EntryCard({
  entry,
  onEdit,
  onDeleted,
}: {
  entry: ConcertationView;
  onEdit: (entry: ConcertationView) => void;
  onDeleted: (message: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const headingId = `concertazione-${entry.id}`;
  const remove = useMutation({
    mutationFn: () => consultant.remove(entry.id),
    onSuccess: () => {
      setConfirming(false);
      onDeleted(t('councilConsultant.log.deleted'));
      void queryClient.invalidateQueries({ queryKey: consultantKeys.all });
    },
  });
  const bodies = [...entry.organisations.map((o) => o.name), ...entry.otherOrganisations].join('; ');
  return (
    <li className="card card-bg mb-3">
      <article className="card-body" aria-labelledby={headingId}>
        <h2 id={headingId} className="h6 card-title">
          {formatDate(entry.heldOn)} · {t(`councilConsultant.log.kinds.${entry.kind}`)} – {entry.topic}
        </h2>
        <p className="mb-1">{bodies}</p>
        {entry.outcome && (
          <p className="mb-1 lovit-prose">
            <strong>{t('councilConsultant.log.outcome')}:</strong> {entry.outcome}
          </p>
        )}
        {entry.followUp && (
          <p className="mb-1 lovit-prose">
            <strong>{t('councilConsultant.log.followUp')}:</strong> {entry.followUp}
          </p>
        )}
        {entry.tableName && (
          <p className="mb-1">
            {t('councilConsultant.log.table')}: {entry.tableName}
          </p>
        )}
        <p className="small text-secondary mb-1">
          {t('councilConsultant.log.recordedBy', { name: entry.recordedBy })}
        </p>
        {entry.canEdit && (
          <div className="d-flex gap-3">
            <button type="button" className="btn btn-outline-primary btn-sm" onClick={() => onEdit(entry)}>
              {t('councilConsultant.log.edit')}
            </button>
            <button
              type="button"
              className="btn btn-outline-danger btn-sm"
              onClick={() => setConfirming(true)}
            >
              {t('councilConsultant.log.delete')}
            </button>
          </div>
        )}
        <ConfirmDialog
          isOpen={confirming}
          title={t('councilConsultant.log.deleteTitle')}
          message={t('councilConsultant.log.deleteMessage', { topic: entry.topic })}
          confirmLabel={t('councilConsultant.log.delete')}
          isPending={remove.isPending}
          onConfirm={() => remove.mutate()}
          onCancel={() => setConfirming(false)}
        />
      </article>
    </li>
  );
}

type Values = {
  heldOn: string;
  kind: 'MEETING' | 'CONTACT';
  topic: string;
  outcome: string;
  followUp: string;
  tableId: string;
  organisationIds: string[];
  others: string;
};

const valuesOf = (entry: ConcertationView | null): Values => ({
  heldOn: entry?.heldOn ?? '',
  kind: entry?.kind ?? 'MEETING',
  topic: entry?.topic ?? '',
  outcome: entry?.outcome ?? '',
  followUp: entry?.followUp ?? '',
  tableId: entry?.tableId ?? '',
  organisationIds: entry?.organisations.map((o) => o.id) ?? [],
  others: entry?.otherOrganisations.join('\n') ?? '',
});

const orNull = (value: string) => (value.trim() ? value : null);

function EntryForm({ entry, onDone }: { entry: ConcertationView | null; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const headingId = useId();
  const organisationsId = useId();
  const [problem, setProblem] = useState<string | null>(null);
  const organisations = useQuery({ queryKey: keys.organisations, queryFn: council.organisations });
  const tables = useQuery({ queryKey: keys.tables, queryFn: council.tables });
  const form = useForm<Values>({ defaultValues: valuesOf(entry) });
  const { errors } = form.formState;
  const save = useMutation({
    mutationFn: (values: Values) => {
      const input = {
        heldOn: values.heldOn,
        kind: values.kind,
        topic: values.topic,
        outcome: orNull(values.outcome),
        followUp: orNull(values.followUp),
        tableId: orNull(values.tableId),
        organisationIds: values.organisationIds,
        otherOrganisations: values.others
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean),
      };
      return entry ? consultant.correct(entry.id, input) : consultant.record(input);
    },
    onSuccess: () => {
      setProblem(null);
      form.reset(valuesOf(null));
      onDone(t('councilConsultant.log.saved'));
      void queryClient.invalidateQueries({ queryKey: consultantKeys.all });
    },
    onError: (error) =>
      setProblem(
        reportProblem(error, form.setError, ['heldOn', 'kind', 'topic', 'outcome', 'followUp', 'tableId']),
      ),
  });
  return (
    <section aria-labelledby={headingId} className="mt-5">
      <h2 id={headingId} className="h4">
        {t(entry ? 'councilConsultant.log.editTitle' : 'councilConsultant.log.newTitle')}
      </h2>
      <form onSubmit={form.handleSubmit((values) => save.mutate(values))} noValidate className="lovit-form">
        <div className="row">
          <div className="col-12 col-md-4">
            <TextField
              type="date"
              label={t('councilConsultant.log.heldOn')}
              registration={form.register('heldOn')}
              error={errors.heldOn}
            />
          </div>
          <div className="col-12 col-md-4">
            <SelectField label={t('councilConsultant.log.kind')} registration={form.register('kind')}>
              {KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`councilConsultant.log.kinds.${kind}`)}
                </option>
              ))}
            </SelectField>
          </div>
          <div className="col-12 col-md-4">
            <SelectField
              label={t('councilConsultant.log.table')}
              registration={form.register('tableId')}
              error={errors.tableId}
            >
              <option value="">{t('councilConsultant.log.noTable')}</option>
              {(tables.data ?? []).map((table) => (
                <option key={table.id} value={table.id}>
                  {table.name}
                </option>
              ))}
            </SelectField>
          </div>
        </div>
        <TextField
          label={t('councilConsultant.log.topic')}
          registration={form.register('topic')}
          error={errors.topic}
        />
        <div className="form-group">
          <label htmlFor={organisationsId} className="active">
            {t('councilConsultant.log.organisations')}
          </label>
          <select
            id={organisationsId}
            multiple
            size={6}
            className="form-control"
            aria-describedby={`${organisationsId}-aiuto`}
            {...form.register('organisationIds')}
          >
            {(organisations.data?.items ?? []).map((organisation) => (
              <option key={organisation.id} value={organisation.id}>
                {organisation.name}
              </option>
            ))}
          </select>
          <small id={`${organisationsId}-aiuto`} className="form-text">
            {t('councilConsultant.log.organisationsHint')}
          </small>
        </div>
        <TextAreaField
          label={t('councilConsultant.log.others')}
          hint={t('councilConsultant.log.othersHint')}
          error={undefined}
          {...form.register('others')}
        />
        <TextAreaField
          label={t('councilConsultant.log.outcome')}
          error={errors.outcome}
          {...form.register('outcome')}
        />
        <TextAreaField
          label={t('councilConsultant.log.followUp')}
          error={errors.followUp}
          {...form.register('followUp')}
        />
        <FormProblem message={problem} />
        <div className="d-flex gap-3">
          <button type="submit" className="btn btn-primary" disabled={save.isPending}>
            {t('councilConsultant.log.save')}
          </button>
          {entry && (
            <button type="button" className="btn btn-outline-primary" onClick={() => onDone('')}>
              {t('councilConsultant.log.cancel')}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
