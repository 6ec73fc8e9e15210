import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../ui/dates.ts';
import { TextField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem } from '../../ui/forms.tsx';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { TextAreaField } from '../cases/TextAreaField.tsx';
import { council, keys, type PublicSummaryView } from './requests.ts';

type Warning = PublicSummaryView['warnings'][number];

/**
 * The public summary of a meeting with approved minutes: the minutes beside what the public will read, the
 * possible personal data found in it, and publication once each is resolved. The minutes are never published.
 */
export function PublicSummaryPanel({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const summary = useQuery({ queryKey: keys.summary(meetingId), queryFn: () => council.summary(meetingId) });
  return (
    <section aria-labelledby="sintesi" className="mt-5">
      <h2 id="sintesi" className="h4">
        {t('council.summary.title')}
      </h2>
      <p>{t('council.summary.intro')}</p>
      {summary.isPending ? (
        <Loading />
      ) : summary.error ? (
        <LoadError error={summary.error} />
      ) : (
        <SummaryWork view={summary.data} />
      )}
    </section>
  );
}

function useSummaryUpdate(meetingId: string) {
  const queryClient = useQueryClient();
  return (view: PublicSummaryView) => queryClient.setQueryData(keys.summary(meetingId), view);
}

function SummaryWork({ view }: { view: PublicSummaryView }) {
  const { t } = useTranslation();
  const update = useSummaryUpdate(view.meetingId);
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm({ values: { text: view.text } });
  const onError = (error: unknown) => setProblem(reportProblem(error, form.setError, ['text']));
  const onSuccess = (next: PublicSummaryView) => {
    setProblem(null);
    update(next);
  };
  const save = useMutation({
    mutationFn: (text: string) => council.saveSummary(view.meetingId, text),
    onSuccess,
    onError,
  });
  const publish = useMutation({
    mutationFn: () => council.publishSummary(view.meetingId),
    onSuccess,
    onError,
  });
  const open = view.warnings.filter((warning) => warning.clearedReason === null).length;
  return (
    <>
      {view.publishedAt && (
        <p className="alert alert-success">
          {t(
            view.publishedText === view.text ? 'council.summary.published' : 'council.summary.changedSince',
            {
              at: formatDateTime(view.publishedAt),
            },
          )}
        </p>
      )}
      <div className="row g-4">
        <div className="col-lg-6">
          <h3 className="h6">{t('council.summary.minutes')}</h3>
          <div className="lovit-prose border rounded p-3">{view.minutes}</div>
        </div>
        <div className="col-lg-6">
          <h3 className="h6">
            {t(view.isSaved ? 'council.summary.preview' : 'council.summary.draftPreview')}
          </h3>
          <div className="lovit-prose border rounded p-3">
            <Highlighted text={view.text} warnings={view.warnings} />
          </div>
        </div>
      </div>
      <form
        onSubmit={form.handleSubmit((values) => save.mutate(values.text))}
        noValidate
        className="lovit-form mt-4"
      >
        <TextAreaField
          label={t('council.summary.editor')}
          hint={t('council.summary.editorHint')}
          rows={8}
          error={form.formState.errors.text}
          {...form.register('text')}
        />
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {t('council.summary.save')}
        </button>
      </form>
      <Warnings view={view} />
      <FormProblem message={problem} />
      {!view.canPublish && view.isSaved && open > 0 && (
        <p className="text-secondary">{t('council.summary.blocked', { count: open })}</p>
      )}
      <button
        type="button"
        className="btn btn-success"
        disabled={!view.canPublish || publish.isPending}
        onClick={() => publish.mutate()}
      >
        {t('council.summary.publish')}
      </button>
    </>
  );
}

/** The text with each possible personal data marked, as the secretariat checks it before publishing. */
function Highlighted({ text, warnings }: { text: string; warnings: Warning[] }) {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const warning of warnings) {
    parts.push(text.slice(at, warning.start));
    parts.push(
      <mark key={warning.start} className={warning.clearedReason === null ? undefined : 'bg-light'}>
        {text.slice(warning.start, warning.end)}
      </mark>,
    );
    at = warning.end;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}

function Warnings({ view }: { view: PublicSummaryView }) {
  const { t } = useTranslation();
  if (view.warnings.length === 0) return <p className="mt-4">{t('council.summary.noWarnings')}</p>;
  return (
    <>
      <h3 className="h6 mt-4">{t('council.summary.warnings')}</h3>
      <ul className="list-unstyled">
        {view.warnings.map((warning) => (
          <li key={`${warning.start}-${warning.key}`} className="border-start ps-3 mb-3">
            <p className="mb-1">
              {t('council.summary.warning', {
                excerpt: warning.excerpt,
                kind: t(`council.summary.kinds.${warning.kind}`),
              })}
            </p>
            {warning.clearedReason !== null ? (
              <p className="small text-secondary mb-0">
                {t('council.summary.cleared', { reason: warning.clearedReason, name: warning.clearedBy })}
              </p>
            ) : view.isSaved ? (
              <ClearForm meetingId={view.meetingId} warning={warning} />
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}

function ClearForm({ meetingId, warning }: { meetingId: string; warning: Warning }) {
  const { t } = useTranslation();
  const update = useSummaryUpdate(meetingId);
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm({ defaultValues: { reason: '' } });
  const clear = useMutation({
    mutationFn: (reason: string) => council.clearWarning(meetingId, { key: warning.key, reason }),
    onSuccess: update,
    onError: (error) => setProblem(reportProblem(error, form.setError, ['reason'])),
  });
  return (
    <form
      onSubmit={form.handleSubmit((values) => clear.mutate(values.reason))}
      noValidate
      className="d-flex flex-wrap align-items-end gap-2"
    >
      <TextField
        label={t('council.summary.reason', { excerpt: warning.excerpt })}
        registration={form.register('reason')}
        error={form.formState.errors.reason}
      />
      <button type="submit" className="btn btn-outline-primary btn-sm mb-3" disabled={clear.isPending}>
        {t('council.summary.clear')}
      </button>
      <FormProblem message={problem} />
    </form>
  );
}
