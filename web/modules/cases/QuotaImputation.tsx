import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { legalDay } from '../../../src/kernel/contract.ts';
import { quotaImputationInput } from '../../../src/modules/cases/intake/contract.ts';
import { usePermission } from '../../app/session.ts';
import { formatDate } from '../../ui/dates.ts';
import { TextField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem, resolverWithBlanksAsNull } from '../../ui/forms.tsx';
import { type CaseDetail, cases, keys } from './requests.ts';
import { TextAreaField } from './TextAreaField.tsx';

// an empty date is a missing one ("Campo obbligatorio"), not a malformed one
const resolver = resolverWithBlanksAsNull(
  quotaImputationInput.omit({ version: true }).extend({ imputedOn: z.string().min(1).pipe(legalDay) }),
  ['reason'],
);

/**
 * The imputation to the quota a work or seasonal term runs from (DL 146/2025): while an imported application
 * has none the due date is provisional; the office records it, or corrects it giving the reason.
 */
export function QuotaImputation({
  detail,
  onDone,
}: {
  detail: CaseDetail;
  onDone: (notice: string) => void;
}) {
  const { t } = useTranslation();
  const canAct = usePermission('cases.act');
  const [editing, setEditing] = useState(false);
  const start = detail.deadline?.explanation.start;
  if (start?.event !== 'QUOTA_IMPUTATION') return null;
  const done = (notice: string) => {
    setEditing(false);
    onDone(notice);
  };
  return (
    <section aria-labelledby="pratica-imputazione" className="mb-4">
      <h3 id="pratica-imputazione" className="h6">
        {t('cases.imputation.heading')}
      </h3>
      {start.recorded ? (
        <p className="mb-2">{t('cases.imputation.recordedOn', { date: formatDate(start.on) })}</p>
      ) : (
        <p className="alert alert-warning mb-2">{t('cases.imputation.missing')}</p>
      )}
      {canAct &&
        (start.recorded && !editing ? (
          <button type="button" className="btn btn-outline-primary btn-sm" onClick={() => setEditing(true)}>
            {t('cases.imputation.correct')}
          </button>
        ) : (
          <ImputationForm
            detail={detail}
            correction={start.recorded}
            onDone={done}
            onCancel={start.recorded ? () => setEditing(false) : null}
          />
        ))}
    </section>
  );
}

type FormProps = {
  detail: CaseDetail;
  correction: boolean;
  onDone: (notice: string) => void;
  onCancel: (() => void) | null;
};

function ImputationForm({ detail, correction, onDone, onCancel }: FormProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm({ resolver, defaultValues: { imputedOn: '', reason: '' } });
  const { errors } = form.formState;
  const save = useMutation({
    mutationFn: (values: { imputedOn: string; reason?: string | null }) =>
      cases.recordQuotaImputation(detail.id, { ...values, version: detail.version }),
    onSuccess: (updated) => {
      queryClient.setQueryData(keys.case(detail.id), updated);
      void queryClient.invalidateQueries({ queryKey: ['cases', 'worklist'] });
      onDone(t(correction ? 'cases.imputation.corrected' : 'cases.imputation.recorded'));
    },
    onError: (error) => setProblem(reportProblem(error, form.setError, ['imputedOn', 'reason'])),
  });
  return (
    <form
      onSubmit={form.handleSubmit((values) => {
        setProblem(null);
        save.mutate(values);
      })}
      noValidate
      className="lovit-form mt-3"
      aria-label={t(correction ? 'cases.imputation.correctTitle' : 'cases.imputation.recordTitle')}
    >
      <div className="row">
        <div className="col-12 col-md-4">
          <TextField
            label={t('cases.imputation.dateLabel')}
            hint={t('cases.imputation.dateHint')}
            type="date"
            registration={form.register('imputedOn')}
            error={errors.imputedOn}
          />
        </div>
        {correction && (
          <div className="col-12 col-md-8">
            <TextAreaField
              label={t('cases.imputation.reasonLabel')}
              hint={t('cases.imputation.reasonHint')}
              error={errors.reason}
              rows={2}
              {...form.register('reason')}
            />
          </div>
        )}
      </div>
      <FormProblem message={problem} />
      <button type="submit" className="btn btn-primary btn-sm me-2" disabled={save.isPending}>
        {t(correction ? 'cases.imputation.saveCorrection' : 'cases.imputation.record')}
      </button>
      {onCancel && (
        <button type="button" className="btn btn-outline-secondary btn-sm" onClick={onCancel}>
          {t('actions.cancel')}
        </button>
      )}
    </form>
  );
}
