import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { ProjectInput } from '../../../src/modules/project/contract.ts';
import { useSignedInSession } from '../../app/session.ts';
import { formatDate } from '../../ui/dates.ts';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem } from '../../ui/forms.tsx';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { TableScroll } from '../../ui/TableScroll.tsx';
import { keys, PROGRAMMES, type ProjectSummary, projects } from './requests.ts';

/** The funded projects: their programme, period and lead, how many work packages and late items each has. */
export function ProjectPage() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const list = useQuery({ queryKey: keys.projects, queryFn: projects.list });
  const canManage = session.permissions.includes('project.manage');
  return (
    <Page title={t('modules.project.title')}>
      <p className="lead">{t('project.intro')}</p>
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <LoadError error={list.error} />
      ) : list.data.length === 0 ? (
        <p>{canManage ? t('project.emptyManager') : t('project.empty')}</p>
      ) : (
        <ProjectTable items={list.data} />
      )}
      {canManage && <NewProject />}
    </Page>
  );
}

function ProjectTable({ items }: { items: ProjectSummary[] }) {
  const { t } = useTranslation();
  return (
    <TableScroll label={t('project.listCaption')}>
      <table className="table">
        <caption className="visually-hidden">{t('project.listCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('project.fields.acronym')}</th>
            <th scope="col">{t('project.fields.programme')}</th>
            <th scope="col">{t('project.period')}</th>
            <th scope="col">{t('project.lead')}</th>
            <th scope="col">{t('project.workPackages')}</th>
            <th scope="col">{t('project.lateItems')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((project) => (
            <tr key={project.id}>
              <th scope="row">
                <Link to={`/progetto/${project.id}`}>{project.acronym}</Link>
                <div className="small text-secondary">{project.title}</div>
              </th>
              <td>{PROGRAMMES[project.programme]}</td>
              <td>
                {t('project.from', { from: formatDate(project.startsOn), to: formatDate(project.endsOn) })}
              </td>
              <td>{project.lead ?? t('project.noLead')}</td>
              <td>{project.workPackages}</td>
              <td className={project.lateItems > 0 ? 'text-danger fw-semibold' : undefined}>
                {project.lateItems}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

const PROJECT_FIELDS = ['code', 'acronym', 'title', 'programme', 'objective', 'cup', 'startsOn', 'endsOn'];

type ProjectFields = Omit<ProjectInput, 'cup'> & { cup: string };

function NewProject() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<ProjectFields>({
    defaultValues: {
      code: '',
      acronym: '',
      title: '',
      programme: 'FAMI_2021_2027',
      objective: '',
      cup: '',
      startsOn: '',
      endsOn: '',
    },
  });
  const { errors } = form.formState;
  const create = useMutation({
    mutationFn: (values: ProjectFields) => projects.create({ ...values, cup: values.cup.trim() || null }),
    onSuccess: (project) => {
      void queryClient.invalidateQueries({ queryKey: keys.all });
      void navigate(`/progetto/${project.id}`);
    },
    onError: (error) => setProblem(reportProblem(error, form.setError, PROJECT_FIELDS)),
  });
  return (
    <section className="mt-5" aria-labelledby="nuovo-progetto">
      <h2 id="nuovo-progetto" className="h4">
        {t('project.new')}
      </h2>
      <form noValidate onSubmit={form.handleSubmit((values) => create.mutate(values))}>
        <FormProblem message={problem} />
        <div className="row">
          <div className="col-md-4">
            <TextField
              label={t('project.fields.code')}
              hint={t('project.hints.code')}
              registration={form.register('code')}
              error={errors.code}
            />
          </div>
          <div className="col-md-4">
            <TextField
              label={t('project.fields.acronym')}
              registration={form.register('acronym')}
              error={errors.acronym}
            />
          </div>
          <div className="col-md-4">
            <TextField
              label={t('project.fields.cup')}
              hint={t('project.hints.cup')}
              registration={form.register('cup')}
              error={errors.cup}
            />
          </div>
        </div>
        <TextField
          label={t('project.fields.title')}
          registration={form.register('title')}
          error={errors.title}
        />
        <div className="row">
          <div className="col-md-6">
            <SelectField
              label={t('project.fields.programme')}
              registration={form.register('programme')}
              error={errors.programme}
            >
              {Object.entries(PROGRAMMES).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </SelectField>
          </div>
          <div className="col-md-6">
            <TextField
              label={t('project.fields.objective')}
              registration={form.register('objective')}
              error={errors.objective}
            />
          </div>
        </div>
        <div className="row">
          <div className="col-md-6">
            <TextField
              type="date"
              label={t('project.fields.startsOn')}
              registration={form.register('startsOn')}
              error={errors.startsOn}
            />
          </div>
          <div className="col-md-6">
            <TextField
              type="date"
              label={t('project.fields.endsOn')}
              registration={form.register('endsOn')}
              error={errors.endsOn}
            />
          </div>
        </div>
        <button type="submit" className="btn btn-primary" disabled={create.isPending}>
          {t('project.create')}
        </button>
      </form>
    </section>
  );
}
