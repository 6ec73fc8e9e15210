import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { formatDate, formatDateTime } from '../../ui/dates.ts';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem } from '../../ui/forms.tsx';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { Page } from '../../ui/Page.tsx';
import { TableScroll } from '../../ui/TableScroll.tsx';
import { TextAreaField } from '../cases/TextAreaField.tsx';
import { keys as identityKeys, organisations } from '../identity/requests.ts';
import { NoteFiles } from './NoteFiles.tsx';
import { ProjectSections } from './ProjectSections.tsx';
import {
  ITEM_KINDS,
  ITEM_STATUSES,
  type ItemInput,
  type ItemView,
  keys,
  PARTNER_ROLES,
  PROGRAMMES,
  PROGRESS_STATES,
  type ProjectView,
  projects,
  type WorkPackageView,
} from './requests.ts';

/** A project's page: its facts and partners, the timeline, and each work package with its items and notes. */
export function ProjectPlanPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const project = useQuery({ queryKey: keys.project(id), queryFn: () => projects.get(id) });
  const [done, setDone] = useState<string | null>(null);
  return (
    <Page
      title={project.data ? `${project.data.acronym} – ${project.data.title}` : t('modules.project.title')}
      trail={[{ label: t('modules.project.title'), to: '/progetto' }]}
    >
      <ProjectSections projectId={id} />
      <Notice message={done} />
      {project.isPending ? (
        <Loading />
      ) : project.error ? (
        <LoadError error={project.error} />
      ) : (
        <ProjectPlan project={project.data} onDone={setDone} />
      )}
    </Page>
  );
}

type Done = (message: string) => void;

function ProjectPlan({ project, onDone }: { project: ProjectView; onDone: Done }) {
  const { t } = useTranslation();
  const items = project.workPackages.flatMap((wp) => wp.items);
  return (
    <>
      <dl className="row">
        <dt className="col-sm-3">{t('project.fields.code')}</dt>
        <dd className="col-sm-9">{project.code}</dd>
        <dt className="col-sm-3">{t('project.fields.programme')}</dt>
        <dd className="col-sm-9">{PROGRAMMES[project.programme]}</dd>
        <dt className="col-sm-3">{t('project.fields.objective')}</dt>
        <dd className="col-sm-9">{project.objective}</dd>
        <dt className="col-sm-3">{t('project.fields.cup')}</dt>
        <dd className="col-sm-9">{project.cup ?? t('project.noCup')}</dd>
        <dt className="col-sm-3">{t('project.period')}</dt>
        <dd className="col-sm-9">
          {t('project.from', { from: formatDate(project.startsOn), to: formatDate(project.endsOn) })}
        </dd>
      </dl>
      <Partners project={project} onDone={onDone} />
      <section className="mt-5" aria-labelledby="cronoprogramma">
        <h2 id="cronoprogramma" className="h4">
          {t('project.timeline')}
        </h2>
        {items.length === 0 ? (
          <p>{t('project.timelineEmpty')}</p>
        ) : (
          <figure className="lovit-timeline">
            <img
              src={projects.timelineUrl(project.id)}
              alt={t('project.timelineAlt', {
                acronym: project.acronym,
                count: items.length,
                late: project.lateItems,
              })}
              className="img-fluid border"
            />
            <figcaption className="small mt-2">
              {t('project.timelineLegend')}{' '}
              <a href={projects.timelineUrl(project.id)} download={`cronoprogramma-${project.code}.svg`}>
                {t('project.timelineDownload')}
              </a>
            </figcaption>
          </figure>
        )}
      </section>
      {project.workPackages.map((wp) => (
        <WorkPackage key={wp.id} project={project} wp={wp} onDone={onDone} />
      ))}
      {project.workPackages.length === 0 && <p className="mt-4">{t('project.noWorkPackages')}</p>}
      {project.can.plan && <NewWorkPackage project={project} onDone={onDone} />}
    </>
  );
}

function Partners({ project, onDone }: { project: ProjectView; onDone: Done }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const all = useQuery({
    queryKey: identityKeys.allOrganisations,
    queryFn: organisations.all,
    enabled: project.can.manage,
    staleTime: 300_000,
  });
  const form = useForm<{ organisationId: string; role: 'LEAD' | 'PARTNER'; tasks: string }>({
    defaultValues: {
      organisationId: '',
      role: project.partners.length === 0 ? 'LEAD' : 'PARTNER',
      tasks: '',
    },
  });
  const save = useMutation({
    mutationFn: (values: { organisationId: string; role: 'LEAD' | 'PARTNER'; tasks: string }) =>
      projects.setPartner(project.id, { ...values, tasks: values.tasks.trim() || null }),
    onSuccess: (view) => {
      queryClient.setQueryData(keys.project(project.id), view);
      void queryClient.invalidateQueries({ queryKey: keys.projects });
      form.reset({ organisationId: '', role: 'PARTNER', tasks: '' });
      setProblem(null);
      onDone(t('project.done.partner'));
    },
    onError: (error) => setProblem(reportProblem(error, form.setError, ['organisationId', 'role', 'tasks'])),
  });
  const [removing, setRemoving] = useState<{ organisationId: string; name: string } | null>(null);
  const remove = useMutation({
    mutationFn: (organisationId: string) => projects.removePartner(project.id, organisationId),
    onSuccess: (view) => {
      queryClient.setQueryData(keys.project(project.id), view);
      setRemoving(null);
      onDone(t('project.done.partnerRemoved'));
    },
    onError: (error) => {
      setRemoving(null);
      setProblem(reportProblem(error, form.setError, []));
    },
  });
  const { errors } = form.formState;
  return (
    <section className="mt-4" aria-labelledby="partenariato">
      <h2 id="partenariato" className="h4">
        {t('project.partners')}
      </h2>
      {project.partners.length === 0 ? (
        <p>{t('project.noPartners')}</p>
      ) : (
        <ul className="list-unstyled">
          {project.partners.map((partner) => (
            <li key={partner.organisationId} className="mb-2">
              <strong>{partner.name}</strong> – {PARTNER_ROLES[partner.role]}
              {partner.tasks && <div className="small">{partner.tasks}</div>}
              {project.can.manage && (
                <button
                  type="button"
                  className="btn btn-link btn-sm p-0"
                  onClick={() => setRemoving({ organisationId: partner.organisationId, name: partner.name })}
                >
                  {t('project.removePartner', { name: partner.name })}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        isOpen={removing !== null}
        title={t('project.confirmRemovePartner.title')}
        message={t('project.confirmRemovePartner.message', { name: removing?.name ?? '' })}
        confirmLabel={t('project.confirmRemovePartner.confirm')}
        isPending={remove.isPending}
        onConfirm={() => removing && remove.mutate(removing.organisationId)}
        onCancel={() => setRemoving(null)}
      />
      {project.can.manage && (
        <form noValidate onSubmit={form.handleSubmit((values) => save.mutate(values))} className="mt-3">
          <h3 className="h6">{t('project.addPartner')}</h3>
          <FormProblem message={problem} />
          <div className="row">
            <div className="col-md-6">
              <SelectField
                label={t('project.fields.organisation')}
                registration={form.register('organisationId', { required: t('validation.required') })}
                error={errors.organisationId}
              >
                <option value="">{t('project.choose')}</option>
                {(all.data ?? []).map((organisation) => (
                  <option key={organisation.id} value={organisation.id}>
                    {organisation.name}
                  </option>
                ))}
              </SelectField>
            </div>
            <div className="col-md-6">
              <SelectField
                label={t('project.fields.role')}
                registration={form.register('role')}
                error={errors.role}
              >
                {Object.entries(PARTNER_ROLES).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </SelectField>
            </div>
          </div>
          <TextAreaField label={t('project.fields.tasks')} error={errors.tasks} {...form.register('tasks')} />
          <button type="submit" className="btn btn-outline-primary" disabled={save.isPending}>
            {t('project.savePartner')}
          </button>
        </form>
      )}
    </section>
  );
}

function WorkPackage({ project, wp, onDone }: { project: ProjectView; wp: WorkPackageView; onDone: Done }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<ItemView | 'new' | null>(null);
  const headingId = `wp-${wp.id}`;
  return (
    <section className="mt-5" aria-labelledby={headingId}>
      <h2 id={headingId} className="h4">
        {wp.code} – {wp.title}
      </h2>
      {wp.lead && <p className="small">{t('project.wpLead', { name: wp.lead })}</p>}
      {wp.description && <p>{wp.description}</p>}
      {wp.items.length === 0 ? (
        <p>{t('project.noItems')}</p>
      ) : (
        <TableScroll label={t('project.itemsOf', { code: wp.code })}>
          <table className="table table-sm">
            <caption className="visually-hidden">{t('project.itemsOf', { code: wp.code })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('project.fields.item')}</th>
                <th scope="col">{t('project.planned')}</th>
                <th scope="col">{t('project.actual')}</th>
                <th scope="col">{t('project.fields.status')}</th>
                <th scope="col">{t('project.progress')}</th>
                {project.can.plan && <th scope="col">{t('project.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {wp.items.map((item) => (
                <tr key={item.id}>
                  <th scope="row">
                    {item.code} {item.title}
                    <div className="small text-secondary">
                      {ITEM_KINDS[item.kind]}
                      {item.owner && ` · ${item.owner}`}
                    </div>
                    {item.risks && (
                      <div className="small">
                        {t('project.risk', {
                          risk: item.risks,
                          mitigation: item.mitigation ?? t('project.noMitigation'),
                        })}
                      </div>
                    )}
                  </th>
                  <td>{span(item.plannedStart, item.plannedEnd)}</td>
                  <td>{item.actualStart ? span(item.actualStart, item.actualEnd) : '—'}</td>
                  <td>{ITEM_STATUSES[item.status]}</td>
                  <td className={item.progress === 'LATE' ? 'text-danger fw-semibold' : undefined}>
                    {PROGRESS_STATES[item.progress]}
                    {item.lateDays > 0 && ` ${t('project.lateDays', { count: item.lateDays })}`}
                  </td>
                  {project.can.plan && (
                    <td>
                      <button
                        type="button"
                        className="btn btn-link btn-sm p-0"
                        onClick={() => setEditing(item)}
                      >
                        {t('project.update', { code: item.code })}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {project.can.plan &&
        (editing ? (
          <ItemForm
            key={editing === 'new' ? 'new' : editing.id}
            project={project}
            wp={wp}
            item={editing === 'new' ? null : editing}
            onClose={(message) => {
              setEditing(null);
              if (message) onDone(message);
            }}
          />
        ) : (
          <button type="button" className="btn btn-outline-primary btn-sm" onClick={() => setEditing('new')}>
            {t('project.addItem', { code: wp.code })}
          </button>
        ))}
      <Notes project={project} wp={wp} onDone={onDone} />
    </section>
  );
}

const span = (from: string, to: string | null) =>
  to === null
    ? `dal ${formatDate(from)}`
    : from === to
      ? formatDate(from)
      : `${formatDate(from)} – ${formatDate(to)}`;

type ItemFields = {
  kind: ItemInput['kind'];
  code: string;
  title: string;
  owner: string;
  plannedStart: string;
  plannedEnd: string;
  actualStart: string;
  actualEnd: string;
  status: ItemInput['status'];
  risks: string;
  mitigation: string;
};

const ITEM_FIELDS = [
  'kind',
  'code',
  'title',
  'owner',
  'plannedStart',
  'plannedEnd',
  'actualStart',
  'actualEnd',
  'status',
  'risks',
  'mitigation',
];

const blankAsNull = (value: string) => value.trim() || null;

function ItemForm({
  project,
  wp,
  item,
  onClose,
}: {
  project: ProjectView;
  wp: WorkPackageView;
  item: ItemView | null;
  onClose: (message: string | null) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<ItemFields>({
    defaultValues: {
      kind: item?.kind ?? 'ACTIVITY',
      code: item?.code ?? '',
      title: item?.title ?? '',
      owner: item?.owner ?? '',
      plannedStart: item?.plannedStart ?? '',
      plannedEnd: item?.plannedEnd ?? '',
      actualStart: item?.actualStart ?? '',
      actualEnd: item?.actualEnd ?? '',
      status: item?.status ?? 'PLANNED',
      risks: item?.risks ?? '',
      mitigation: item?.mitigation ?? '',
    },
  });
  const { errors } = form.formState;
  const save = useMutation({
    mutationFn: (values: ItemFields) => {
      const input: ItemInput = {
        ...values,
        owner: blankAsNull(values.owner),
        actualStart: blankAsNull(values.actualStart),
        actualEnd: blankAsNull(values.actualEnd),
        risks: blankAsNull(values.risks),
        mitigation: blankAsNull(values.mitigation),
      };
      return item ? projects.updateItem(item.id, input) : projects.addItem(wp.id, input);
    },
    onSuccess: (view) => {
      queryClient.setQueryData(keys.project(project.id), view);
      void queryClient.invalidateQueries({ queryKey: keys.projects });
      onClose(t(item ? 'project.done.itemUpdated' : 'project.done.itemAdded'));
    },
    onError: (error) => setProblem(reportProblem(error, form.setError, ITEM_FIELDS)),
  });
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation({
    mutationFn: () => projects.deleteItem(item?.id ?? ''),
    onSuccess: (view) => {
      queryClient.setQueryData(keys.project(project.id), view);
      onClose(t('project.done.itemRemoved'));
    },
    onError: (error) => {
      setConfirming(false);
      setProblem(reportProblem(error, form.setError, []));
    },
  });
  return (
    <form
      noValidate
      className="border rounded p-3 mb-3"
      onSubmit={form.handleSubmit((values) => save.mutate(values))}
    >
      <h3 className="h6">
        {item ? t('project.editItem', { code: item.code }) : t('project.newItem', { code: wp.code })}
      </h3>
      <FormProblem message={problem} />
      <div className="row">
        <div className="col-md-4">
          <SelectField
            label={t('project.fields.kind')}
            registration={form.register('kind')}
            error={errors.kind}
          >
            {Object.entries(ITEM_KINDS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="col-md-4">
          <TextField
            label={t('project.fields.itemCode')}
            hint={t('project.hints.itemCode')}
            registration={form.register('code')}
            error={errors.code}
          />
        </div>
        <div className="col-md-4">
          <SelectField
            label={t('project.fields.status')}
            registration={form.register('status')}
            error={errors.status}
          >
            {Object.entries(ITEM_STATUSES).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </SelectField>
        </div>
      </div>
      <TextField
        label={t('project.fields.itemTitle')}
        registration={form.register('title')}
        error={errors.title}
      />
      <TextField
        label={t('project.fields.owner')}
        registration={form.register('owner')}
        error={errors.owner}
      />
      <div className="row">
        <div className="col-md-3">
          <TextField
            type="date"
            label={t('project.fields.plannedStart')}
            registration={form.register('plannedStart')}
            error={errors.plannedStart}
          />
        </div>
        <div className="col-md-3">
          <TextField
            type="date"
            label={t('project.fields.plannedEnd')}
            registration={form.register('plannedEnd')}
            error={errors.plannedEnd}
          />
        </div>
        <div className="col-md-3">
          <TextField
            type="date"
            label={t('project.fields.actualStart')}
            registration={form.register('actualStart')}
            error={errors.actualStart}
          />
        </div>
        <div className="col-md-3">
          <TextField
            type="date"
            label={t('project.fields.actualEnd')}
            registration={form.register('actualEnd')}
            error={errors.actualEnd}
          />
        </div>
      </div>
      <TextAreaField label={t('project.fields.risks')} error={errors.risks} {...form.register('risks')} />
      <TextAreaField
        label={t('project.fields.mitigation')}
        error={errors.mitigation}
        {...form.register('mitigation')}
      />
      <div className="d-flex gap-2 flex-wrap">
        <button type="submit" className="btn btn-primary btn-sm" disabled={save.isPending}>
          {t('project.saveItem')}
        </button>
        <button type="button" className="btn btn-outline-secondary btn-sm" onClick={() => onClose(null)}>
          {t('project.cancel')}
        </button>
        {item?.status === 'PLANNED' && (
          <button type="button" className="btn btn-outline-danger btn-sm" onClick={() => setConfirming(true)}>
            {t('project.removeItem', { code: item.code })}
          </button>
        )}
      </div>
      {item && (
        <ConfirmDialog
          isOpen={confirming}
          title={t('project.confirmRemoveItem.title')}
          message={t('project.confirmRemoveItem.message', { code: item.code, title: item.title })}
          confirmLabel={t('project.confirmRemoveItem.confirm')}
          isPending={remove.isPending}
          onConfirm={() => remove.mutate()}
          onCancel={() => setConfirming(false)}
        />
      )}
    </form>
  );
}

function Notes({ project, wp, onDone }: { project: ProjectView; wp: WorkPackageView; onDone: Done }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const thisMonth = currentMonth();
  const form = useForm<{ month: string; text: string }>({
    defaultValues: { month: thisMonth, text: wp.notes.find((n) => n.month === thisMonth)?.text ?? '' },
  });
  const { errors } = form.formState;
  const save = useMutation({
    mutationFn: (values: { month: string; text: string }) => projects.writeNote(wp.id, values),
    onSuccess: (view) => {
      queryClient.setQueryData(keys.project(project.id), view);
      setProblem(null);
      onDone(t('project.done.note', { code: wp.code }));
    },
    onError: (error) => setProblem(reportProblem(error, form.setError, ['month', 'text'])),
  });
  return (
    <div className="mt-4">
      <h3 className="h5">{t('project.notes')}</h3>
      {wp.notes.length === 0 ? (
        <p>{t('project.noNotes')}</p>
      ) : (
        wp.notes.map((note) => (
          <article key={note.id} className="mb-3">
            <h4 className="h6 mb-1">{monthName(note.month)}</h4>
            <p className="mb-1" style={{ whiteSpace: 'pre-line' }}>
              {note.text}
            </p>
            <p className="small text-secondary">
              {t('project.noteBy', { name: note.authorName, when: formatDateTime(note.updatedAt) })}
            </p>
            <NoteFiles projectId={project.id} note={note} canEdit={project.can.note} />
          </article>
        ))
      )}
      {project.can.note && (
        <form noValidate onSubmit={form.handleSubmit((values) => save.mutate(values))}>
          <FormProblem message={problem} />
          <TextField
            type="month"
            label={t('project.fields.month')}
            registration={form.register('month')}
            error={errors.month}
          />
          <TextAreaField
            label={t('project.fields.note')}
            rows={5}
            error={errors.text}
            {...form.register('text')}
          />
          <button type="submit" className="btn btn-outline-primary btn-sm" disabled={save.isPending}>
            {t('project.saveNote')}
          </button>
        </form>
      )}
    </div>
  );
}

// The month as the Prefettura's calendar has it: in the first hours of a month, UTC is still in the last one.
const romeMonth = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Rome',
  year: 'numeric',
  month: '2-digit',
});
const currentMonth = () => romeMonth.format(new Date()).slice(0, 7);

const monthFormat = new Intl.DateTimeFormat('it-IT', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const monthName = (month: string) => monthFormat.format(new Date(`${month}-01T00:00:00Z`));

function NewWorkPackage({ project, onDone }: { project: ProjectView; onDone: Done }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<{ code: string; title: string; description: string }>({
    defaultValues: { code: `WP${project.workPackages.length + 1}`, title: '', description: '' },
  });
  const { errors } = form.formState;
  const save = useMutation({
    mutationFn: (values: { code: string; title: string; description: string }) =>
      projects.addWorkPackage(project.id, { ...values, description: values.description.trim() || null }),
    onSuccess: (view) => {
      queryClient.setQueryData(keys.project(project.id), view);
      void queryClient.invalidateQueries({ queryKey: keys.projects });
      form.reset({ code: `WP${view.workPackages.length + 1}`, title: '', description: '' });
      setProblem(null);
      onDone(t('project.done.workPackage'));
    },
    onError: (error) => setProblem(reportProblem(error, form.setError, ['code', 'title', 'description'])),
  });
  return (
    <section className="mt-5" aria-labelledby="nuovo-wp">
      <h2 id="nuovo-wp" className="h4">
        {t('project.newWorkPackage')}
      </h2>
      <form noValidate onSubmit={form.handleSubmit((values) => save.mutate(values))}>
        <FormProblem message={problem} />
        <div className="row">
          <div className="col-md-3">
            <TextField
              label={t('project.fields.wpCode')}
              registration={form.register('code')}
              error={errors.code}
            />
          </div>
          <div className="col-md-9">
            <TextField
              label={t('project.fields.wpTitle')}
              registration={form.register('title')}
              error={errors.title}
            />
          </div>
        </div>
        <TextAreaField
          label={t('project.fields.description')}
          error={errors.description}
          {...form.register('description')}
        />
        <button type="submit" className="btn btn-outline-primary" disabled={save.isPending}>
          {t('project.saveWorkPackage')}
        </button>
      </form>
    </section>
  );
}
