import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { SIGNATORY_SOURCES, signatoryInput } from '../../../src/modules/training/certificates/contract.ts';
import { ApiError } from '../../app/api.ts';
import { usePermission } from '../../app/session.ts';
import { formatDate } from '../../ui/dates.ts';
import { TextField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem, resolverWithBlanksAsNull } from '../../ui/forms.tsx';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { TableScroll } from '../../ui/TableScroll.tsx';
import {
  type EditionCertificates as Certificates,
  type CertificateView,
  certificateKeys,
  certificates,
} from './certificateRequests.ts';
import type { EditionView } from './requests.ts';

const problemText = (error: unknown, fallback: string) =>
  error instanceof ApiError ? error.userMessage : fallback;

/** The certificates of an edition, for those who run its course: signatory, generation with progress, revocation. */
export function EditionCertificates({ edition }: { edition: EditionView }) {
  const oversees = usePermission('training.oversee');
  if (!edition.isTrainer && !oversees) return null;
  return <CertificatesSection editionId={edition.id} />;
}

function CertificatesSection({ editionId }: { editionId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const view = useQuery({
    queryKey: certificateKeys.edition(editionId),
    queryFn: () => certificates.ofEdition(editionId),
    // while the job works, the page asks for its progress every second
    refetchInterval: (query) => (query.state.data?.generation?.isRunning ? 1000 : false),
  });
  const generate = useMutation({
    mutationFn: () => certificates.generate(editionId),
    onSuccess: () => {
      setProblem(null);
      void queryClient.invalidateQueries({ queryKey: certificateKeys.edition(editionId) });
    },
    onError: (error) => setProblem(problemText(error, t('errors.generic'))),
  });
  return (
    <section aria-labelledby="attestati" className="mt-4">
      <h2 id="attestati" className="h4">
        {t('training.certificates.title')}
      </h2>
      {view.isPending ? (
        <Loading />
      ) : view.error ? (
        <LoadError error={view.error} />
      ) : (
        <>
          <Notice message={notice} />
          <SignatoryForm editionId={editionId} data={view.data} onDone={setNotice} />
          <Generation data={view.data} />
          <p>
            {t('training.certificates.summary', {
              completed: view.data.completed,
              issued: view.data.certificates.length,
              missing: view.data.missing,
            })}
          </p>
          {!view.data.isFinished && <p className="text-muted">{t('training.certificates.notFinished')}</p>}
          <FormProblem message={problem} />
          <button
            type="button"
            className="btn btn-primary"
            disabled={
              generate.isPending ||
              !view.data.isFinished ||
              view.data.missing === 0 ||
              view.data.generation?.isRunning === true
            }
            onClick={() => generate.mutate()}
          >
            {t('training.certificates.generate')}
          </button>
          {view.data.certificates.length > 0 && (
            <CertificatesTable editionId={editionId} items={view.data.certificates} onDone={setNotice} />
          )}
        </>
      )}
    </section>
  );
}

function Generation({ data }: { data: Certificates }) {
  const { t } = useTranslation();
  const run = data.generation;
  if (!run) return null;
  const label = t('training.certificates.progress', { done: run.done, total: run.total });
  return (
    <div className="mb-3">
      {run.isRunning ? (
        <>
          <p role="status">{label}</p>
          <progress className="w-100" value={run.done} max={Math.max(run.total, 1)} aria-label={label} />
        </>
      ) : run.failure ? (
        <p className="alert alert-warning">{run.failure}</p>
      ) : (
        <p role="status">{t('training.certificates.finished', { count: run.total })}</p>
      )}
    </div>
  );
}

function SignatoryForm({
  editionId,
  data,
  onDone,
}: {
  editionId: string;
  data: Certificates;
  onDone: (notice: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm({
    resolver: resolverWithBlanksAsNull(signatoryInput, []),
    defaultValues: { name: data.signatory?.name ?? '', role: data.signatory?.role ?? '', forCourse: false },
  });
  const save = useMutation({
    mutationFn: (input: { name: string; role: string; forCourse: boolean }) =>
      certificates.setSignatory(editionId, input),
    onSuccess: (next) => {
      setProblem(null);
      queryClient.setQueryData(certificateKeys.edition(editionId), next);
      onDone(t('training.certificates.signatorySaved'));
    },
    onError: (error) => setProblem(reportProblem(error, form.setError, ['name', 'role'])),
  });
  return (
    <form
      className="lovit-form mb-3"
      noValidate
      onSubmit={form.handleSubmit((values) => save.mutate(values))}
      aria-labelledby="firmatario"
    >
      <h3 id="firmatario" className="h5">
        {t('training.certificates.signatory')}
      </h3>
      {data.signatory && <p className="text-muted">{SIGNATORY_SOURCES[data.signatory.source]}</p>}
      <TextField
        label={t('training.certificates.signatoryName')}
        registration={form.register('name')}
        error={form.formState.errors.name}
      />
      <TextField
        label={t('training.certificates.signatoryRole')}
        registration={form.register('role')}
        error={form.formState.errors.role}
        hint={t('training.certificates.signatoryHint')}
      />
      <div className="form-check">
        <input id="firmatario-corso" type="checkbox" {...form.register('forCourse')} />
        <label htmlFor="firmatario-corso">{t('training.certificates.forCourse')}</label>
      </div>
      <FormProblem message={problem} />
      <button type="submit" className="btn btn-outline-primary" disabled={save.isPending}>
        {t('training.certificates.saveSignatory')}
      </button>
    </form>
  );
}

function CertificatesTable({
  editionId,
  items,
  onDone,
}: {
  editionId: string;
  items: CertificateView[];
  onDone: (notice: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <TableScroll label={t('training.certificates.title')}>
      <table className="table mt-3">
        <caption className="visually-hidden">{t('training.certificates.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('training.certificates.holder')}</th>
            <th scope="col">{t('training.certificates.number')}</th>
            <th scope="col">{t('training.certificates.hours')}</th>
            <th scope="col">{t('training.certificates.state')}</th>
            <th scope="col">{t('training.certificates.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id}>
              <th scope="row">
                {item.holderName}
                <span className="d-block text-muted small">{item.organisationName}</span>
              </th>
              <td className="text-nowrap">
                <a href={item.pdfUrl} download>
                  {item.number}
                </a>
              </td>
              <td>{item.hours}</td>
              <td>
                {item.isRevoked
                  ? t('training.certificates.revokedBecause', { reason: item.revocationReason })
                  : t('training.certificates.valid', { day: formatDate(item.issuedOn) })}
              </td>
              <td>{!item.isRevoked && <RevokeForm editionId={editionId} item={item} onDone={onDone} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function RevokeForm({
  editionId,
  item,
  onDone,
}: {
  editionId: string;
  item: CertificateView;
  onDone: (notice: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [isOpen, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const revoke = useMutation({
    mutationFn: () => certificates.revoke(item.id, reason),
    onSuccess: () => {
      setOpen(false);
      onDone(t('training.certificates.revoked', { number: item.number }));
      void queryClient.invalidateQueries({ queryKey: certificateKeys.edition(editionId) });
    },
    onError: (error) => setProblem(problemText(error, t('errors.generic'))),
  });
  if (!isOpen)
    return (
      <button type="button" className="btn btn-sm btn-outline-danger" onClick={() => setOpen(true)}>
        {t('training.certificates.revoke')}
      </button>
    );
  const fieldId = `motivo-${item.id}`;
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!reason.trim()) setProblem(t('training.certificates.reasonRequired'));
        else revoke.mutate();
      }}
    >
      <label htmlFor={fieldId}>{t('training.certificates.reason')}</label>
      <input
        id={fieldId}
        className="form-control"
        value={reason}
        maxLength={1000}
        onChange={(event) => setReason(event.target.value)}
      />
      <FormProblem message={problem} />
      <div className="d-flex gap-2 mt-2">
        <button type="submit" className="btn btn-sm btn-danger" disabled={revoke.isPending}>
          {t('training.certificates.confirmRevoke')}
        </button>
        <button type="button" className="btn btn-sm btn-outline-primary" onClick={() => setOpen(false)}>
          {t('actions.cancel')}
        </button>
      </div>
    </form>
  );
}

/** The trainee's own certificates, with their downloads. */
export function MyCertificates() {
  const { t } = useTranslation();
  const mine = useQuery({ queryKey: certificateKeys.mine, queryFn: certificates.mine });
  return (
    <section aria-labelledby="miei-attestati" className="mt-4">
      <h2 id="miei-attestati" className="h4">
        {t('training.certificates.mine')}
      </h2>
      {mine.isPending ? (
        <Loading />
      ) : mine.error ? (
        <LoadError error={mine.error} />
      ) : mine.data.length === 0 ? (
        <p className="alert alert-info">{t('training.certificates.mineEmpty')}</p>
      ) : (
        <ul className="list-unstyled">
          {mine.data.map((item) => (
            <li key={item.id} className="mb-2">
              {item.isRevoked ? (
                `${item.courseTitle} – ${item.editionName}`
              ) : (
                <a href={item.pdfUrl} download>
                  {t('training.certificates.download', {
                    course: item.courseTitle,
                    edition: item.editionName,
                  })}
                </a>
              )}
              {' · '}
              {item.isRevoked
                ? t('training.certificates.revokedShort')
                : t('training.certificates.mineItem', {
                    number: item.number,
                    hours: item.hours,
                    day: formatDate(item.issuedOn),
                  })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
