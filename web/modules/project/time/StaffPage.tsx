import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { formatDate } from '../../../ui/dates.ts';
import { SelectField, TextField } from '../../../ui/fields.tsx';
import { FormProblem, reportProblem } from '../../../ui/forms.tsx';
import { LoadError, Loading } from '../../../ui/Loading.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { Page } from '../../../ui/Page.tsx';
import { TableScroll } from '../../../ui/TableScroll.tsx';
import { TextAreaField } from '../../cases/TextAreaField.tsx';
import { ProjectSections } from '../ProjectSections.tsx';
import { keys as projectKeys, projects } from '../requests.ts';
import {
  centsOf,
  euro,
  hoursOfText,
  hoursText,
  STAFF_KINDS,
  type StaffInput,
  type StaffView,
  time,
  timeKeys,
} from './requests.ts';

type StaffKind = keyof typeof STAFF_KINDS;

/** The project manager's register of the project's staff and assignments, with their contracts. */
export function StaffPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const project = useQuery({ queryKey: projectKeys.project(id), queryFn: () => projects.get(id) });
  const register = useQuery({ queryKey: timeKeys.staff(id), queryFn: () => time.register(id) });
  const [done, setDone] = useState<string | null>(null);
  const [editing, setEditing] = useState<StaffView | null>(null);
  const acronym = project.data?.acronym;
  return (
    <Page
      title={acronym ? t('projectTime.staff.title', { acronym }) : t('projectTime.staff.heading')}
      trail={[
        { label: t('modules.project.title'), to: '/progetto' },
        { label: acronym ?? t('projectTime.project'), to: `/progetto/${id}` },
      ]}
    >
      <ProjectSections projectId={id} />
      <p>{t('projectTime.staff.intro')}</p>
      <Notice message={done} />
      {register.isPending ? (
        <Loading />
      ) : register.error ? (
        <LoadError error={register.error} />
      ) : (
        <>
          <StaffTable
            staff={register.data.staff}
            canManage={register.data.can.manage}
            onEdit={(row) => {
              setEditing(row);
              setDone(null);
            }}
          />
          {register.data.can.manage && (
            <StaffForm
              key={editing?.id ?? 'new'}
              projectId={id}
              partners={register.data.partners}
              editing={editing}
              onDone={(message) => {
                setEditing(null);
                setDone(message);
              }}
              onCancel={() => setEditing(null)}
            />
          )}
        </>
      )}
    </Page>
  );
}

function StaffTable({
  staff,
  canManage,
  onEdit,
}: {
  staff: StaffView[];
  canManage: boolean;
  onEdit: (row: StaffView) => void;
}) {
  const { t } = useTranslation();
  if (staff.length === 0) return <p>{t('projectTime.staff.empty')}</p>;
  return (
    <TableScroll label={t('projectTime.staff.tableLabel')}>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('projectTime.staff.person')}</th>
            <th scope="col">{t('projectTime.staff.contract')}</th>
            <th scope="col">{t('projectTime.staff.caps')}</th>
            <th scope="col">{t('projectTime.staff.money')}</th>
            <th scope="col">{t('projectTime.staff.counted')}</th>
            {canManage && <td />}
          </tr>
        </thead>
        <tbody>
          {staff.map((row) => (
            <tr key={row.id}>
              <th scope="row">
                {row.personName}
                <div className="small fw-normal">{STAFF_KINDS[row.kind]}</div>
                <div className="small fw-normal">{row.organisation}</div>
                <div className="small fw-normal">
                  {row.userEmail
                    ? t('projectTime.staff.account', { email: row.userEmail })
                    : t('projectTime.staff.noAccount')}
                </div>
              </th>
              <td>
                {row.contractReference}
                <div className="small">
                  {t('projectTime.staff.period', {
                    from: formatDate(row.contractStartsOn),
                    to: formatDate(row.contractEndsOn),
                  })}
                </div>
                {row.deliverables && <div className="small">{row.deliverables}</div>}
              </td>
              <td>
                {row.monthlyHoursCap !== null && (
                  <div>{t('projectTime.staff.monthly', { hours: hoursText(row.monthlyHoursCap) })}</div>
                )}
                {row.totalHoursCap !== null && (
                  <div>{t('projectTime.staff.total', { hours: hoursText(row.totalHoursCap) })}</div>
                )}
                {row.monthlyHoursCap === null && row.totalHoursCap === null && t('projectTime.none')}
              </td>
              <td>
                {row.hourlyCostCents !== null && (
                  <>
                    <div>{t('projectTime.staff.hourly', { amount: euro(row.hourlyCostCents) })}</div>
                    <div className="small">
                      {t('projectTime.staff.hourlyFrom', {
                        cost: euro(row.annualGrossCostCents ?? 0),
                        hours: hoursText(row.annualHours ?? 0),
                      })}
                    </div>
                  </>
                )}
                {row.feeCents !== null && (
                  <div>{t('projectTime.staff.fee', { amount: euro(row.feeCents) })}</div>
                )}
              </td>
              <td>{t('projectTime.hours', { hours: hoursText(row.hoursCounted) })}</td>
              {canManage && (
                <td>
                  <button
                    type="button"
                    className="btn btn-outline-primary btn-sm position-relative"
                    onClick={() => onEdit(row)}
                  >
                    {t('projectTime.staff.edit')}
                    <span className="visually-hidden"> {row.personName}</span>
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

type StaffForm = {
  organisationId: string;
  personName: string;
  userEmail: string;
  kind: StaffKind | '';
  contractReference: string;
  contractStartsOn: string;
  contractEndsOn: string;
  monthlyHoursCap: string;
  totalHoursCap: string;
  fee: string;
  deliverables: string;
  annualGrossCost: string;
  annualHours: string;
};

const typedEuro = (cents: number | null) =>
  cents === null ? '' : (cents / 100).toLocaleString('it-IT', { minimumFractionDigits: 2 });
const typedHours = (hours: number | null) => (hours === null ? '' : hoursText(hours));

function formOf(row: StaffView | null): StaffForm {
  return {
    organisationId: row?.organisationId ?? '',
    personName: row?.personName ?? '',
    userEmail: row?.userEmail ?? '',
    kind: row?.kind ?? '',
    contractReference: row?.contractReference ?? '',
    contractStartsOn: row?.contractStartsOn ?? '',
    contractEndsOn: row?.contractEndsOn ?? '',
    monthlyHoursCap: typedHours(row?.monthlyHoursCap ?? null),
    totalHoursCap: typedHours(row?.totalHoursCap ?? null),
    fee: typedEuro(row?.feeCents ?? null),
    deliverables: row?.deliverables ?? '',
    annualGrossCost: typedEuro(row?.annualGrossCostCents ?? null),
    annualHours: row?.annualHours === null || row?.annualHours === undefined ? '' : String(row.annualHours),
  };
}

/** The typed values as the API takes them, or the fields that are not numbers. */
function inputOf(values: StaffForm): { input: StaffInput } | { wrong: (keyof StaffForm)[] } {
  const wrong: (keyof StaffForm)[] = [];
  const number = <T,>(field: keyof StaffForm, parse: (typed: string) => T | null): T | null => {
    const typed = values[field].trim();
    if (typed === '') return null;
    const parsed = parse(typed);
    if (parsed === null) wrong.push(field);
    return parsed;
  };
  const input = {
    organisationId: values.organisationId,
    personName: values.personName,
    userEmail: values.userEmail.trim() || null,
    kind: values.kind as StaffKind,
    contractReference: values.contractReference,
    contractStartsOn: values.contractStartsOn,
    contractEndsOn: values.contractEndsOn,
    monthlyHoursCap: number('monthlyHoursCap', hoursOfText),
    totalHoursCap: number('totalHoursCap', hoursOfText),
    deliverables: values.deliverables.trim() || null,
    // only the fields shown for the kind chosen are sent
    ...(values.kind === 'INTERNAL'
      ? {
          annualGrossCostCents: number('annualGrossCost', centsOf),
          annualHours: number('annualHours', (typed) => {
            const hours = Number(typed.replace(/\./g, ''));
            return Number.isInteger(hours) ? hours : null;
          }),
        }
      : { feeCents: number('fee', centsOf) }),
  };
  return wrong.length > 0 ? { wrong } : { input };
}

/** Where the server's field names are on this form. */
const FORM_FIELDS: Record<string, keyof StaffForm> = {
  feeCents: 'fee',
  annualGrossCostCents: 'annualGrossCost',
};
const PLAIN_FIELDS: (keyof StaffForm)[] = [
  'organisationId',
  'personName',
  'userEmail',
  'kind',
  'contractReference',
  'contractStartsOn',
  'contractEndsOn',
  'monthlyHoursCap',
  'totalHoursCap',
  'deliverables',
  'annualHours',
];

function StaffForm({
  projectId,
  partners,
  editing,
  onDone,
  onCancel,
}: {
  projectId: string;
  partners: { organisationId: string; name: string }[];
  editing: StaffView | null;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<StaffForm>({ defaultValues: formOf(editing) });
  const { errors } = form.formState;
  const kind = form.watch('kind');
  const save = useMutation({
    mutationFn: (input: StaffInput) =>
      editing ? time.updateStaff(editing.id, input) : time.addStaff(projectId, input),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: timeKeys.staff(projectId) });
      setProblem(null);
      form.reset(formOf(null));
      onDone(editing ? t('projectTime.staff.updated') : t('projectTime.staff.created'));
    },
    onError: (error) => {
      const renamed = Object.entries(FORM_FIELDS);
      setProblem(
        reportProblem(
          error,
          (field, value, options) => {
            const name = renamed.find(([from]) => from === field)?.[1] ?? (field as keyof StaffForm);
            form.setError(name, value, options);
          },
          [...PLAIN_FIELDS, ...Object.keys(FORM_FIELDS)],
        ),
      );
    },
  });
  const onSubmit = form.handleSubmit((values) => {
    const typed = inputOf(values);
    if ('wrong' in typed) {
      for (const field of typed.wrong)
        form.setError(field, {
          type: 'format',
          message:
            field === 'fee' || field === 'annualGrossCost'
              ? t('projectTime.staff.euroFormat')
              : t('projectTime.staff.hoursFormat'),
        });
      return;
    }
    save.mutate(typed.input);
  });
  const f = (name: string) => t(`projectTime.staff.fields.${name}` as 'projectTime.staff.fields.kind');
  return (
    <section className="mt-5" aria-labelledby="staff-form">
      <h2 id="staff-form" className="h4">
        {editing ? t('projectTime.staff.editOf', { name: editing.personName }) : t('projectTime.staff.new')}
      </h2>
      <FormProblem message={problem} />
      <form onSubmit={onSubmit} noValidate>
        <div className="row">
          <div className="col-md-6">
            <SelectField
              label={f('organisationId')}
              registration={form.register('organisationId')}
              error={errors.organisationId}
            >
              <option value="">{f('choose')}</option>
              {partners.map((p) => (
                <option key={p.organisationId} value={p.organisationId}>
                  {p.name}
                </option>
              ))}
            </SelectField>
          </div>
          <div className="col-md-6">
            <SelectField label={f('kind')} registration={form.register('kind')} error={errors.kind}>
              <option value="">{f('choose')}</option>
              {Object.entries(STAFF_KINDS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </SelectField>
          </div>
          <div className="col-md-6">
            <TextField
              label={f('personName')}
              registration={form.register('personName')}
              error={errors.personName}
            />
          </div>
          <div className="col-md-6">
            <TextField
              label={f('userEmail')}
              hint={f('userEmailHint')}
              type="email"
              registration={form.register('userEmail')}
              error={errors.userEmail}
            />
          </div>
          <div className="col-12">
            <TextField
              label={f('contractReference')}
              registration={form.register('contractReference')}
              error={errors.contractReference}
            />
          </div>
          <div className="col-md-6">
            <TextField
              label={f('contractStartsOn')}
              type="date"
              registration={form.register('contractStartsOn')}
              error={errors.contractStartsOn}
            />
          </div>
          <div className="col-md-6">
            <TextField
              label={f('contractEndsOn')}
              type="date"
              registration={form.register('contractEndsOn')}
              error={errors.contractEndsOn}
            />
          </div>
          <div className="col-md-6">
            <TextField
              label={f('monthlyHoursCap')}
              hint={f('hoursHint')}
              inputMode="decimal"
              registration={form.register('monthlyHoursCap')}
              error={errors.monthlyHoursCap}
            />
          </div>
          <div className="col-md-6">
            <TextField
              label={f('totalHoursCap')}
              hint={f('hoursHint')}
              inputMode="decimal"
              registration={form.register('totalHoursCap')}
              error={errors.totalHoursCap}
            />
          </div>
          {kind === 'INTERNAL' ? (
            <>
              <div className="col-md-6">
                <TextField
                  label={f('annualGrossCost')}
                  hint={f('euroHint')}
                  inputMode="decimal"
                  registration={form.register('annualGrossCost')}
                  error={errors.annualGrossCost}
                />
              </div>
              <div className="col-md-6">
                <TextField
                  label={f('annualHours')}
                  hint={f('annualHoursHint')}
                  inputMode="numeric"
                  registration={form.register('annualHours')}
                  error={errors.annualHours}
                />
              </div>
            </>
          ) : (
            <div className="col-md-6">
              <TextField
                label={f('fee')}
                hint={f('euroHint')}
                inputMode="decimal"
                registration={form.register('fee')}
                error={errors.fee}
              />
            </div>
          )}
          <div className="col-12">
            <TextAreaField
              label={f('deliverables')}
              error={errors.deliverables}
              {...form.register('deliverables')}
            />
          </div>
        </div>
        <button type="submit" className="btn btn-primary me-2" disabled={save.isPending}>
          {t('projectTime.staff.save')}
        </button>
        {editing && (
          <button type="button" className="btn btn-outline-secondary" onClick={onCancel}>
            {t('projectTime.staff.cancel')}
          </button>
        )}
      </form>
    </section>
  );
}
