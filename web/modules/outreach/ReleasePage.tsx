import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Checkbox } from '../../ui/Checkbox.tsx';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { formatDateTime } from '../../ui/dates.ts';
import { FormProblem, reportProblem } from '../../ui/forms.tsx';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { Page } from '../../ui/Page.tsx';
import { TableScroll } from '../../ui/TableScroll.tsx';
import { problemText } from './changes.ts';
import { ReleaseFields } from './PressOfficePage.tsx';
import { type PressRelease, type PressReleaseInput, press, pressKeys } from './press.ts';

/** A press release: written, reviewed by another person, sent to chosen contacts, each delivery followed. */
export function ReleasePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const release = useQuery({ queryKey: pressKeys.release(id), queryFn: () => press.release(id) });
  const [notice, setNotice] = useState<string | null>(null);
  const title = release.data?.title ?? t('outreach.pressOffice.release');
  return (
    <Page
      title={title}
      trail={[
        { label: t('modules.outreach.title'), to: '/comunicazione' },
        { label: t('outreach.pressOffice.title'), to: '/comunicazione/ufficio-stampa' },
      ]}
    >
      <Notice message={notice} />
      {release.isPending ? (
        <Loading />
      ) : release.isError ? (
        <LoadError error={release.error} />
      ) : (
        <ReleaseBody release={release.data} onDone={setNotice} />
      )}
    </Page>
  );
}

function ReleaseBody({ release, onDone }: { release: PressRelease; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  return (
    <>
      <p>
        <strong>{t(`outreach.pressOffice.states.${release.status}`)}</strong>
        {' · '}
        {t('outreach.pressOffice.writtenBy', { name: release.editedBy })}
        {release.reviewedBy && ` · ${t('outreach.pressOffice.reviewedBy', { name: release.reviewedBy })}`}
      </p>
      {release.status === 'SENT' ? (
        <Sent release={release} />
      ) : (
        <>
          <p>
            {t(
              release.status === 'DRAFT'
                ? 'outreach.pressOffice.nextReview'
                : 'outreach.pressOffice.nextSend',
            )}
          </p>
          <Review release={release} onDone={onDone} />
          {release.status === 'REVIEWED' && <SendForm release={release} onDone={onDone} />}
          <EditForm release={release} onDone={onDone} />
        </>
      )}
    </>
  );
}

function useKeep() {
  const queryClient = useQueryClient();
  return (changed: PressRelease) => {
    queryClient.setQueryData(pressKeys.release(changed.id), changed);
    void queryClient.invalidateQueries({ queryKey: pressKeys.releases });
  };
}

function Review({ release, onDone }: { release: PressRelease; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const keep = useKeep();
  const [problem, setProblem] = useState<string | null>(null);
  const review = useMutation({
    mutationFn: () => press.review(release.id),
    onSuccess: (changed) => {
      keep(changed);
      onDone(t('outreach.pressOffice.reviewed'));
    },
    onError: (error) => setProblem(problemText(error, t('errors.generic'))),
  });
  if (!release.mayReview) return null;
  return (
    <div className="mb-4">
      <FormProblem message={problem} />
      <button
        type="button"
        className="btn btn-primary"
        onClick={() => review.mutate()}
        disabled={review.isPending}
      >
        {t('outreach.pressOffice.review')}
      </button>
    </div>
  );
}

function EditForm({ release, onDone }: { release: PressRelease; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const keep = useKeep();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<PressReleaseInput>({
    defaultValues: { title: release.title, summary: release.summary, body: release.body },
  });
  const save = useMutation({
    mutationFn: (input: PressReleaseInput) => press.edit(release.id, input),
    onSuccess: (changed) => {
      keep(changed);
      onDone(t('outreach.pressOffice.saved'));
    },
    onError: (error) => setProblem(reportProblem(error, form.setError, ['title', 'summary', 'body'])),
  });
  return (
    <section aria-labelledby="testo-comunicato" className="mt-4">
      <h2 id="testo-comunicato" className="h4">
        {t('outreach.pressOffice.text')}
      </h2>
      <p className="small">{t('outreach.pressOffice.editAgain')}</p>
      <form
        className="lovit-form"
        noValidate
        onSubmit={form.handleSubmit((values) => {
          setProblem(null);
          save.mutate(values);
        })}
      >
        <ReleaseFields form={form} errors={form.formState.errors} />
        <FormProblem message={problem} />
        <button type="submit" className="btn btn-outline-primary" disabled={save.isPending}>
          {t('outreach.pressOffice.saveDraft')}
        </button>
      </form>
    </section>
  );
}

function SendForm({ release, onDone }: { release: PressRelease; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const keep = useKeep();
  const contacts = useQuery({
    queryKey: pressKeys.contacts('', true),
    queryFn: () => press.contacts('', true),
  });
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [asking, setAsking] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: () => press.send(release.id, [...chosen]),
    onSuccess: (changed) => {
      setAsking(false);
      keep(changed);
      onDone(t('outreach.pressOffice.sentNotice', { count: changed.recipients }));
    },
    onError: (error) => {
      setAsking(false);
      setProblem(problemText(error, t('errors.generic')));
    },
  });
  if (contacts.isPending) return <Loading />;
  if (contacts.isError) return <LoadError error={contacts.error} />;
  const all = contacts.data.items;
  const toggle = (id: string) =>
    setChosen((before) => {
      const next = new Set(before);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <section aria-labelledby="destinatari" className="mt-4">
      <h2 id="destinatari" className="h4">
        {t('outreach.pressOffice.chooseRecipients')}
      </h2>
      {all.length === 0 ? (
        <p>{t('outreach.pressOffice.noReachable')}</p>
      ) : (
        <>
          <button
            type="button"
            className="btn btn-link p-0 mb-2"
            onClick={() => setChosen(chosen.size === all.length ? new Set() : new Set(all.map((c) => c.id)))}
          >
            {chosen.size === all.length
              ? t('outreach.pressOffice.chooseNone')
              : t('outreach.pressOffice.chooseAll')}
          </button>
          <TableScroll label={t('outreach.pressOffice.chooseRecipients')}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">
                    <span className="visually-hidden">{t('outreach.pressOffice.chosen')}</span>
                  </th>
                  <th scope="col">{t('outreach.pressOffice.outlet')}</th>
                  <th scope="col">{t('outreach.pressOffice.name')}</th>
                  <th scope="col">{t('outreach.pressOffice.email')}</th>
                </tr>
              </thead>
              <tbody>
                {all.map((contact) => (
                  <tr key={contact.id}>
                    <td>
                      <Checkbox
                        label={t('outreach.pressOffice.chooseNamed', {
                          name: contact.name,
                          outlet: contact.outlet,
                        })}
                        checked={chosen.has(contact.id)}
                        onChange={() => toggle(contact.id)}
                      />
                    </td>
                    <td>{contact.outlet}</td>
                    <td>{contact.name}</td>
                    <td>{contact.email}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <FormProblem message={problem} />
          <button
            type="button"
            className="btn btn-primary"
            disabled={chosen.size === 0 || send.isPending}
            onClick={() => setAsking(true)}
          >
            {t('outreach.pressOffice.send', { count: chosen.size })}
          </button>
          <ConfirmDialog
            isOpen={asking}
            title={t('outreach.pressOffice.sendTitle')}
            message={t('outreach.pressOffice.sendQuestion', { count: chosen.size })}
            confirmLabel={t('outreach.pressOffice.sendConfirm')}
            isPending={send.isPending}
            onConfirm={() => send.mutate()}
            onCancel={() => setAsking(false)}
          />
        </>
      )}
    </section>
  );
}

function Sent({ release }: { release: PressRelease }) {
  const { t } = useTranslation();
  return (
    <>
      <p>
        {t('outreach.pressOffice.sentAt', {
          when: formatDateTime(release.sentAt),
          count: release.recipients,
        })}
        {release.publicUrl && (
          <>
            {' '}
            <a href={release.publicUrl}>{t('outreach.pressOffice.publicPage')}</a>
          </>
        )}
      </p>
      <h2 className="h4">{t('outreach.pressOffice.deliveries')}</h2>
      <TableScroll label={t('outreach.pressOffice.deliveries')}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('outreach.pressOffice.outlet')}</th>
              <th scope="col">{t('outreach.pressOffice.name')}</th>
              <th scope="col">{t('outreach.pressOffice.email')}</th>
              <th scope="col">{t('outreach.pressOffice.delivery')}</th>
            </tr>
          </thead>
          <tbody>
            {release.sends.map((send) => (
              <tr key={send.contactId}>
                <td>{send.outlet}</td>
                <td>{send.name}</td>
                <td>{send.email}</td>
                <td>
                  {t(`outreach.pressOffice.deliveryStates.${send.status}`)}
                  {send.sentAt && ` (${formatDateTime(send.sentAt)})`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <h2 className="h4 mt-4">{t('outreach.pressOffice.text')}</h2>
      <p>
        <strong>{release.summary}</strong>
      </p>
      <p className="lovit-prose">{release.body}</p>
    </>
  );
}
