import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem } from '../../ui/forms.tsx';
import { TableScroll } from '../../ui/TableScroll.tsx';
import { TextAreaField } from '../cases/TextAreaField.tsx';
import type { Done } from './changes.ts';
import { copiesLeft, useKeepPublication } from './publications.ts';
import { type Publication, publications } from './requests.ts';
import { countOrNull, dayOf, numberOf } from './words.ts';

/** Where the printed copies went, how many are left, and the form that records a delivery. */
export function Distributions({ publication, onDone }: { publication: Publication; onDone: Done }) {
  const { t } = useTranslation();
  const left = copiesLeft(publication);
  const title = t('outreach.publications.distributions');
  const labels = {
    copies: t('outreach.publications.copies'),
    deliveredOn: t('outreach.publications.deliveredOn'),
    notes: t('outreach.publications.notes'),
  };
  return (
    <section aria-labelledby="distribuzione" className="mt-5">
      <h2 id="distribuzione" className="h4">
        {title}
      </h2>
      <p className="fw-semibold">
        {t('outreach.publications.copiesSummary', {
          printed: numberOf(publication.copiesPrinted),
          distributed: numberOf(publication.copiesDistributed),
          left: numberOf(left),
        })}
      </p>
      {publication.distributions.length === 0 ? (
        <p>{t('outreach.publications.noDistributions')}</p>
      ) : (
        <TableScroll label={title}>
          <table className="table lovit-cards">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('outreach.publications.point')}</th>
                <th scope="col">{labels.copies}</th>
                <th scope="col">{labels.deliveredOn}</th>
                <th scope="col">{labels.notes}</th>
              </tr>
            </thead>
            <tbody>
              {publication.distributions.map((delivery) => (
                <tr key={delivery.id}>
                  <th scope="row" className="lovit-card-title">
                    {delivery.point}
                  </th>
                  <td data-label={labels.copies}>{numberOf(delivery.copies)}</td>
                  <td data-label={labels.deliveredOn} className="text-nowrap">
                    {dayOf(delivery.deliveredOn)}
                  </td>
                  <td data-label={labels.notes}>{delivery.notes}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {publication.mayManage &&
        (left > 0 ? (
          <DeliveryForm publication={publication} left={left} onDone={onDone} />
        ) : (
          <p className="alert alert-info">{t('outreach.publications.allDistributed')}</p>
        ))}
    </section>
  );
}

type DeliveryFields = { point: string; copies: number | null; deliveredOn: string; notes: string };
/** The copies start empty: the officer types how many, never a number the form chose. */
const BLANK: DeliveryFields = { point: '', copies: null, deliveredOn: '', notes: '' };

type DeliveryFormProps = { publication: Publication; left: number; onDone: Done };

function DeliveryForm({ publication, left, onDone }: DeliveryFormProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const keep = useKeepPublication();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<DeliveryFields>({ defaultValues: BLANK });
  const { errors } = form.formState;
  const record = useMutation({
    mutationFn: ({ notes, ...delivery }: DeliveryFields) =>
      publications.distribute(publication.id, { ...delivery, notes: notes || null }),
    onSuccess: (changed, { point }) => {
      setProblem(null);
      form.reset(BLANK);
      keep(changed);
      onDone(t('outreach.publications.done.distributed', { point }));
    },
    onError: (error) => setProblem(reportProblem(error, form.setError, Object.keys(BLANK))),
  });
  return (
    <>
      <h3 id={headingId} className="h5 mt-4">
        {t('outreach.publications.deliveryTitle')}
      </h3>
      <form
        onSubmit={form.handleSubmit((values) => {
          setProblem(null);
          record.mutate(values);
        })}
        noValidate
        className="lovit-form"
        aria-labelledby={headingId}
      >
        <TextField
          label={t('outreach.publications.point')}
          hint={t('outreach.publications.pointHint')}
          registration={form.register('point')}
          error={errors.point}
        />
        <div className="row">
          <div className="col-12 col-sm-6">
            <TextField
              type="number"
              inputMode="numeric"
              label={t('outreach.publications.copies')}
              hint={t('outreach.publications.copiesHint', { left: numberOf(left) })}
              registration={form.register('copies', { setValueAs: countOrNull })}
              error={errors.copies}
            />
          </div>
          <div className="col-12 col-sm-6">
            <TextField
              type="date"
              label={t('outreach.publications.deliveredOn')}
              registration={form.register('deliveredOn')}
              error={errors.deliveredOn}
            />
          </div>
        </div>
        <TextAreaField
          label={t('outreach.publications.notes')}
          hint={t('outreach.publications.notesHint')}
          rows={2}
          error={errors.notes}
          {...form.register('notes')}
        />
        <FormProblem message={problem} />
        <button type="submit" className="btn btn-primary" disabled={record.isPending}>
          {t('outreach.publications.deliver')}
        </button>
      </form>
    </>
  );
}
