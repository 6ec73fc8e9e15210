import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { quotaInput } from '../../../src/modules/cases/contract.ts';
import { usePermission } from '../../app/session.ts';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem, resolverWithBlanksAsNull } from '../../ui/forms.tsx';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { Page } from '../../ui/Page.tsx';
import { TableScroll } from '../../ui/TableScroll.tsx';
import { RiskCountryLists } from './RiskCountryLists.tsx';
import { caseTypes, keys, type QuotaView, quotas } from './requests.ts';
import { quotaSectors, sectorLabel } from './vocabulary.ts';

const resolver = resolverWithBlanksAsNull(quotaInput, []);
const numbers = new Intl.NumberFormat('it-IT');

function yearFrom(params: URLSearchParams): number {
  const year = Number(params.get('anno'));
  return Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : new Date().getFullYear();
}

/** The province's quotas of the decreto flussi, per year and sector: what is granted and what is left. */
export function QuotasPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const canManage = usePermission('cases.quota.manage');
  const year = yearFrom(params);
  const [notice, setNotice] = useState<string | null>(null);
  const list = useQuery({ queryKey: keys.quotas(year), queryFn: () => quotas.list(year) });
  const yearId = useId();
  const [yearValue, setYearValue] = useState(String(year));

  const chooseYear = (event: FormEvent) => {
    event.preventDefault();
    setParams({ anno: yearValue });
  };

  return (
    <Page title={t('cases.quotas.title')} trail={[{ label: t('modules.cases.title'), to: '/pratiche' }]}>
      <Notice message={notice} />
      <p>{t('cases.quotas.intro')}</p>
      <search aria-label={t('cases.quotas.yearLabel')} className="d-block mb-4">
        <form onSubmit={chooseYear} className="lovit-form d-flex flex-wrap align-items-start gap-3">
          <div className="form-group mb-0">
            <label htmlFor={yearId} className="active">
              {t('cases.quotas.year')}
            </label>
            <input
              id={yearId}
              type="number"
              min={2000}
              max={2100}
              className="form-control"
              value={yearValue}
              onChange={(event) => setYearValue(event.target.value)}
            />
          </div>
          <button type="submit" className="btn btn-outline-primary">
            {t('cases.quotas.show')}
          </button>
        </form>
      </search>
      <h2 className="h4">{t('cases.quotas.heading', { year })}</h2>
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <LoadError error={list.error} />
      ) : list.data.length === 0 ? (
        <p className="alert alert-info">{t('cases.quotas.empty', { year })}</p>
      ) : (
        <QuotaTable items={list.data} />
      )}
      {canManage && list.data && (
        <QuotaForm key={year} year={year} existing={list.data} onSaved={setNotice} />
      )}
      <RiskCountryLists onSaved={setNotice} />
    </Page>
  );
}

function QuotaTable({ items }: { items: QuotaView[] }) {
  const { t } = useTranslation();
  return (
    <TableScroll label={t('cases.quotas.caption')}>
      <table className="table">
        <caption className="visually-hidden">{t('cases.quotas.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('cases.quotas.sector')}</th>
            <th scope="col">{t('cases.quotas.total')}</th>
            <th scope="col">{t('cases.quotas.used')}</th>
            <th scope="col">{t('cases.quotas.left')}</th>
            <th scope="col">{t('cases.quotas.legalBasis')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((quota) => (
            <tr key={quota.sector}>
              <th scope="row" className="fw-normal">
                {sectorLabel(quota.sector)}
              </th>
              <td>{numbers.format(quota.total)}</td>
              <td>{numbers.format(quota.used)}</td>
              <td>{numbers.format(Math.max(0, quota.total - quota.used))}</td>
              <td>{quota.legalBasis}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

type QuotaFormProps = { year: number; existing: QuotaView[]; onSaved: (notice: string) => void };

/** The manager sets a sector's quota for the year: a new one, or a new total for one already set. */
function QuotaForm({ year, existing, onSaved }: QuotaFormProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const canReadTypes = usePermission('cases.types.read');
  const types = useQuery({
    queryKey: keys.types,
    queryFn: caseTypes.list,
    enabled: canReadTypes,
    staleTime: 300_000,
  });
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm({ resolver, defaultValues: { year, sector: '', total: 0, legalBasis: '' } });
  const { errors } = form.formState;
  const save = useMutation({
    mutationFn: quotas.set,
    onSuccess: (quota) => {
      setProblem(null);
      void queryClient.invalidateQueries({ queryKey: keys.quotas(quota.year) });
      onSaved(t('cases.quotas.saved', { sector: sectorLabel(quota.sector), total: quota.total }));
    },
    onError: (error) => setProblem(reportProblem(error, form.setError, ['sector', 'total', 'legalBasis'])),
  });
  const sectors = types.data ? quotaSectors(types.data) : existing.map((quota) => quota.sector);

  const chooseSector = (sector: string) => {
    const known = existing.find((quota) => quota.sector === sector);
    if (known) {
      form.setValue('total', known.total);
      form.setValue('legalBasis', known.legalBasis);
    }
  };

  return (
    <section aria-labelledby="quota-imposta" className="mt-5">
      <h2 id="quota-imposta" className="h4">
        {t('cases.quotas.formTitle', { year })}
      </h2>
      <form onSubmit={form.handleSubmit((values) => save.mutate(values))} noValidate className="lovit-form">
        <div className="row">
          <div className="col-12 col-md-6">
            <SelectField
              label={t('cases.quotas.sector')}
              registration={form.register('sector', {
                onChange: (event) => chooseSector(event.target.value),
              })}
              error={errors.sector}
            >
              <option value="">{t('filters.choose')}</option>
              {sectors.map((sector) => (
                <option key={sector} value={sector}>
                  {sectorLabel(sector)}
                </option>
              ))}
            </SelectField>
          </div>
          <div className="col-12 col-md-6">
            <TextField
              label={t('cases.quotas.total')}
              type="number"
              registration={form.register('total', { valueAsNumber: true })}
              error={errors.total}
            />
          </div>
          <div className="col-12">
            <TextField
              label={t('cases.quotas.legalBasis')}
              hint={t('cases.quotas.legalBasisHint')}
              registration={form.register('legalBasis')}
              error={errors.legalBasis}
            />
          </div>
        </div>
        <FormProblem message={problem} />
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {t('cases.quotas.save')}
        </button>
      </form>
    </section>
  );
}
