import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NOTICE_RECEIPT_CHANNELS } from '../../../src/modules/cases/outcomes/contract.ts';
import { ApiError } from '../../app/api.ts';
import { formatDate } from '../../ui/dates.ts';
import { ACCEPTED_FILES, FileField } from '../../ui/FileField.tsx';
import { FormProblem, placedProblem } from '../../ui/forms.tsx';
import { type CaseDetail, cases, keys } from './requests.ts';

type Props = { detail: CaseDetail; canAct: boolean; onDone: (notice: string) => void };
type Errors = { receivedOn?: string; channel?: string; file?: string };

/**
 * The latest preavviso di rigetto (art. 10-bis L. 241/1990): when it was sent, when and how it was received,
 * and until when the applicant may file observations; while its receipt is not recorded, the form to record it.
 */
export function CaseNotice({ detail, canAct, onDone }: Props) {
  const { t } = useTranslation();
  const notice = detail.rejectionNotice;
  if (!notice) return null;
  const { receipt } = notice;
  return (
    <section aria-labelledby="pratica-preavviso" className="mb-5">
      <h2 id="pratica-preavviso" className="h4">
        {t('cases.notice.heading')}
      </h2>
      <p className="mb-1">{t('cases.notice.sentOn', { date: formatDate(notice.sentOn) })}</p>
      {receipt ? (
        <p className="mb-1">
          {t('cases.notice.receivedOn', {
            date: formatDate(receipt.receivedOn),
            channel: receipt.channelLabel,
          })}{' '}
          <a href={receipt.evidence.url} download>
            {t('cases.notice.evidence', { name: receipt.evidence.fileName })}
          </a>
        </p>
      ) : (
        notice.state === 'AWAITING_RECEIPT' && <p className="mb-1">{t('cases.notice.notReceived')}</p>
      )}
      {notice.lastDayForObservations && (
        <p className="mb-1 fw-semibold">
          {t(notice.state === 'OPEN' ? 'cases.notice.windowOpen' : 'cases.notice.windowClosed', {
            date: formatDate(notice.lastDayForObservations),
          })}
        </p>
      )}
      {notice.state === 'OBSERVATIONS_FILED' && <p className="mb-1">{t('cases.notice.observationsFiled')}</p>}
      {canAct && notice.state === 'AWAITING_RECEIPT' && <ReceiptForm detail={detail} onDone={onDone} />}
    </section>
  );
}

function ReceiptForm({ detail, onDone }: Omit<Props, 'canAct'>) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const id = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [receivedOn, setReceivedOn] = useState('');
  const [channel, setChannel] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const record = useMutation({
    mutationFn: (file: File) =>
      cases.recordNoticeReceipt(detail.id, { receivedOn, channel, version: String(detail.version), file }),
    onSuccess: (updated) => {
      queryClient.setQueryData(keys.case(detail.id), updated);
      void queryClient.invalidateQueries({ queryKey: ['cases', 'worklist'] });
      onDone(t('cases.notice.recorded'));
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) {
        setProblem(t('errors.generic'));
        return;
      }
      const { placed, message } = placedProblem(error, (field) =>
        field === 'receivedOn' || field === 'channel' || field === 'file' ? field : null,
      );
      setErrors(placed);
      setProblem(message);
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const file = fileRef.current?.files?.[0];
    const found: Errors = {};
    if (!receivedOn) found.receivedOn = t('cases.notice.receivedOnMissing');
    if (!channel) found.channel = t('validation.choose');
    if (!file) found.file = t('cases.notice.evidenceMissing');
    else if (!ACCEPTED_FILES.includes(file.type)) found.file = t('cases.documents.fileType');
    setErrors(found);
    const first = (['receivedOn', 'channel', 'file'] as const).find((field) => found[field]);
    if (first) document.getElementById(`${id}-${first}`)?.focus();
    if (first || !file) return;
    record.mutate(file);
  };

  const describedBy = (field: keyof Errors) => (errors[field] ? `${id}-${field}-errore` : undefined);
  return (
    <form onSubmit={submit} noValidate className="lovit-form mt-4">
      <fieldset>
        <legend className="h6 mb-5">{t('cases.notice.formTitle')}</legend>
        <div className="row">
          <div className="col-12 col-md-4 lovit-field">
            <label htmlFor={`${id}-receivedOn`} className="active">
              {t('cases.notice.receivedOnLabel')}
            </label>
            <input
              id={`${id}-receivedOn`}
              type="date"
              className="form-control"
              value={receivedOn}
              onChange={(event) => setReceivedOn(event.target.value)}
              aria-invalid={errors.receivedOn ? true : undefined}
              aria-describedby={describedBy('receivedOn')}
            />
            {errors.receivedOn && (
              <div id={`${id}-receivedOn-errore`} className="invalid-feedback d-block">
                {errors.receivedOn}
              </div>
            )}
          </div>
          <div className="col-12 col-md-4 lovit-field">
            <label htmlFor={`${id}-channel`} className="active">
              {t('cases.notice.channelLabel')}
            </label>
            <select
              id={`${id}-channel`}
              className="form-select"
              value={channel}
              onChange={(event) => setChannel(event.target.value)}
              aria-invalid={errors.channel ? true : undefined}
              aria-describedby={describedBy('channel')}
            >
              <option value="">{t('filters.choose')}</option>
              {Object.entries(NOTICE_RECEIPT_CHANNELS).map(([code, label]) => (
                <option key={code} value={code}>
                  {label}
                </option>
              ))}
            </select>
            {errors.channel && (
              <div id={`${id}-channel-errore`} className="invalid-feedback d-block">
                {errors.channel}
              </div>
            )}
          </div>
          <div className="col-12 col-md-4">
            <FileField
              id={`${id}-file`}
              label={t('cases.notice.evidenceLabel')}
              hint={t('cases.notice.evidenceHint')}
              error={errors.file}
              inputRef={fileRef}
            />
          </div>
        </div>
        <FormProblem message={problem} />
        <button type="submit" className="btn btn-primary" disabled={record.isPending}>
          {t('cases.notice.record')}
        </button>
      </fieldset>
    </form>
  );
}
