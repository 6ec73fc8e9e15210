import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { opinionInput } from '../../../src/modules/cases/contract.ts';
import { usePermission } from '../../app/session.ts';
import { formatDate, formatDateTime } from '../../ui/dates.ts';
import { sentence } from '../../ui/fields.tsx';
import { FormProblem, reportProblem, resolverWithBlanksAsNull } from '../../ui/forms.tsx';
import { TableScroll } from '../../ui/TableScroll.tsx';
import { type CaseDetail, cases, keys, type Opinion } from './requests.ts';

const resolver = resolverWithBlanksAsNull(opinionInput, ['notes']);
const OUTCOMES = ['FAVOURABLE', 'UNFAVOURABLE'] as const;

type CaseOpinionsProps = { detail: CaseDetail; onDone: (notice: string) => void };

/** The opinions asked of the Questura and the Ispettorato: their state, and the answers the office records. */
export function CaseOpinions({ detail, onDone }: CaseOpinionsProps) {
  const { t } = useTranslation();
  const canAct = usePermission('cases.act');
  const pending = detail.opinions.filter((opinion) => opinion.outcome === null);
  return (
    <section aria-labelledby="pratica-pareri" className="mb-5">
      <h2 id="pratica-pareri" className="h4">
        {t('cases.opinions.heading')}
      </h2>
      {detail.opinions.length === 0 ? (
        <p>{t('cases.opinions.none')}</p>
      ) : (
        <TableScroll label={t('cases.opinions.caption')}>
          <table className="table">
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
                  <th scope="row" className="fw-normal">
                    {opinion.bodyName}
                  </th>
                  <td className="text-nowrap">{formatDateTime(opinion.requestedAt)}</td>
                  <td className="text-nowrap">{formatDate(opinion.dueOn)}</td>
                  <td>
                    {opinion.outcome
                      ? t('cases.opinions.answered', {
                          outcome: t(`cases.opinions.outcomes.${opinion.outcome}`),
                          at: formatDateTime(opinion.answeredAt),
                        })
                      : t('cases.opinions.pending')}
                  </td>
                  <td>{opinion.notes ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {canAct &&
        pending.map((opinion) => (
          <OpinionForm key={opinion.id} caseId={detail.id} opinion={opinion} onDone={onDone} />
        ))}
    </section>
  );
}

type OpinionFormProps = { caseId: string; opinion: Opinion; onDone: (notice: string) => void };

function OpinionForm({ caseId, opinion, onDone }: OpinionFormProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const id = useId();
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
          outcome: t(`cases.opinions.outcomes.${values.outcome}`),
        }),
      );
    },
    onError: (error) => setProblem(reportProblem(error, form.setError, ['outcome', 'notes'])),
  });
  const submit = form.handleSubmit((values) => {
    setProblem(null);
    record.mutate(values);
  });
  const outcomeError = errors.outcome ? `${id}-esito-errore` : undefined;

  return (
    <form onSubmit={submit} noValidate className="lovit-form mb-4">
      <fieldset>
        <legend className="h5 mb-3">{t('cases.opinions.formTitle', { body: opinion.bodyName })}</legend>
        <fieldset className="mb-3" aria-describedby={outcomeError}>
          <legend className="fs-6 fw-semibold">{t('cases.opinions.outcome')}</legend>
          {OUTCOMES.map((outcome) => (
            <div className="form-check form-check-inline" key={outcome}>
              <input
                id={`${id}-${outcome}`}
                type="radio"
                value={outcome}
                aria-invalid={errors.outcome ? true : undefined}
                {...form.register('outcome')}
              />
              <label htmlFor={`${id}-${outcome}`}>{t(`cases.opinions.outcomes.${outcome}`)}</label>
            </div>
          ))}
          {errors.outcome && (
            <div id={outcomeError} className="invalid-feedback d-block">
              {sentence(errors.outcome.message)}
            </div>
          )}
        </fieldset>
        <div className="form-group">
          <label htmlFor={`${id}-note`} className="active">
            {t('cases.opinions.notes')}
          </label>
          <textarea
            id={`${id}-note`}
            className={`form-control${errors.notes ? ' is-invalid' : ''}`}
            rows={3}
            aria-invalid={errors.notes ? true : undefined}
            aria-describedby={errors.notes ? `${id}-note-errore` : undefined}
            {...form.register('notes')}
          />
          {errors.notes && (
            <div id={`${id}-note-errore`} className="invalid-feedback d-block">
              {sentence(errors.notes.message)}
            </div>
          )}
        </div>
        <FormProblem message={problem} />
        <button type="submit" className="btn btn-primary" disabled={record.isPending}>
          {t('cases.opinions.submit')}
          <span className="visually-hidden"> – {opinion.bodyName}</span>
        </button>
      </fieldset>
    </form>
  );
}
