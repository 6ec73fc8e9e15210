import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { UPDATE_KINDS, UPDATE_STATUSES } from '../../../src/modules/updates/contract.ts';
import { ApiError, fieldPath } from '../../app/api.ts';
import { usePermission } from '../../app/session.ts';
import { formatDate, formatDateTime } from '../../ui/dates.ts';
import { FileField } from '../../ui/FileField.tsx';
import { SelectField, sentence } from '../../ui/fields.tsx';
import { FormProblem, reportProblem } from '../../ui/forms.tsx';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { Page } from '../../ui/Page.tsx';
import { Item } from '../cases/DetailItem.tsx';
import { keys, type UpdateView, updates } from './requests.ts';

/** One legal update: the act, what it says, what it concerns; read it, and for its writer publish it. */
export function UpdatePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [notice, setNotice] = useState<string | null>(
    (useLocation().state as { notice?: string } | null)?.notice ?? null,
  );
  const writes = usePermission('updates.write');
  const oversees = usePermission('updates.oversee');
  const update = useQuery({ queryKey: keys.update(id), queryFn: () => updates.get(id) });
  const trail = [{ label: t('modules.updates.title'), to: '/novita-normative' }];
  if (update.isPending || update.error)
    return (
      <Page title={t('updates.loading')} trail={trail}>
        {update.isPending ? <Loading /> : <LoadError error={update.error} />}
      </Page>
    );
  const data = update.data;
  const isDraft = data.status === 'DRAFT';
  return (
    <Page title={data.title} trail={trail}>
      <Notice message={notice} />
      {isDraft && writes && <DraftActions update={data} onDone={setNotice} />}
      {!isDraft && <ReadMark update={data} />}
      <dl className="row">
        <Item label={t('updates.fields.kind')}>{UPDATE_KINDS[data.kind]}</Item>
        <Item label={t('updates.fields.act')}>
          {data.authority}, {data.number} {t('updates.of')} {formatDate(data.issuedOn)}
        </Item>
        <Item label={t('updates.fields.validFrom')}>{formatDate(data.validFrom)}</Item>
        <Item label={t('updates.fields.status')}>
          {UPDATE_STATUSES[data.status]}
          {data.publishedAt && ` ${t('updates.publishedOn', { date: formatDate(data.publishedAt) })}`}
        </Item>
        <Item label={t('updates.fields.writtenBy')}>{data.writtenBy}</Item>
        <Item label={t('updates.fields.articles')}>
          {data.articles.map((article) => article.label).join('; ')}
        </Item>
        <Item label={t('updates.fields.caseTypes')}>
          {data.caseTypes.map((type) => type.name).join(', ') || t('common.none')}
        </Item>
      </dl>
      <h2 className="h4">{t('updates.fields.summary')}</h2>
      <p className="lovit-prose">{data.summary}</p>
      {data.fullText && (
        <>
          <h2 className="h4">{t('updates.fields.fullText')}</h2>
          <p className="lovit-prose">{data.fullText}</p>
        </>
      )}
      {data.attachment && (
        <p>
          <a href={updates.actUrl(data.id)} download>
            {t('updates.download', { name: data.attachment.fileName })}
          </a>
        </p>
      )}
      {data.caseTypeChange && <CaseTypeChange update={data} canApply={oversees && !isDraft} />}
      {!isDraft && <TrainingTopic update={data} canPropose={writes} onDone={setNotice} />}
      {oversees && !isDraft && <Readers id={data.id} />}
    </Page>
  );
}

function ReadMark({ update }: { update: UpdateView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const mark = useMutation({
    mutationFn: () => updates.markRead(update.id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.all }),
  });
  if (update.readAt)
    return (
      <p className="alert alert-success">{t('updates.readOn', { date: formatDateTime(update.readAt) })}</p>
    );
  return (
    <p>
      <button
        type="button"
        className="btn btn-primary"
        onClick={() => mark.mutate()}
        disabled={mark.isPending}
      >
        {t('updates.markRead')}
      </button>
    </p>
  );
}

/** Whether the update became a training topic; its writer proposes it to the trainers with one click. */
function TrainingTopic({
  update,
  canPropose,
  onDone,
}: {
  update: UpdateView;
  canPropose: boolean;
  onDone: (notice: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const change = useMutation({
    mutationFn: () =>
      update.trainingTopic ? updates.withdrawTopic(update.id) : updates.proposeTopic(update.id),
    onSuccess: (changed) => {
      setProblem(null);
      queryClient.setQueryData(keys.update(update.id), changed);
      onDone(t(changed.trainingTopic ? 'updates.training.proposed' : 'updates.training.withdrawn'));
      heading.current?.focus();
    },
    onError: (error) => setProblem(error instanceof ApiError ? error.userMessage : t('errors.generic')),
  });
  const heading = useRef<HTMLHeadingElement>(null);
  const topic = update.trainingTopic;
  if (!topic && !canPropose) return null;
  return (
    <section aria-labelledby="formazione" className="mt-4">
      <h2 id="formazione" className="h4" ref={heading} tabIndex={-1}>
        {t('updates.training.title')}
      </h2>
      {topic ? (
        <p>
          {t('updates.training.since', { date: formatDate(topic.proposedAt) })}{' '}
          {topic.course
            ? t('updates.training.inCourse', { course: topic.course.title })
            : t('updates.training.waiting')}
        </p>
      ) : (
        <p>{t('updates.training.intro')}</p>
      )}
      <FormProblem message={problem} />
      {canPropose && !topic?.course && (
        <button
          type="button"
          className="btn btn-outline-primary"
          onClick={() => change.mutate()}
          disabled={change.isPending}
        >
          {t(topic ? 'updates.training.withdraw' : 'updates.training.propose')}
        </button>
      )}
    </section>
  );
}

function DraftActions({ update, onDone }: { update: UpdateView; onDone: (notice: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const publish = useMutation({
    mutationFn: () => updates.publish(update.id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: keys.all });
      onDone(t('updates.published'));
    },
    onError: (error) =>
      setProblem(
        error instanceof ApiError
          ? [error.userMessage, ...(error.problem.errors ?? []).map((item) => sentence(item.message))].join(
              ' ',
            )
          : t('errors.generic'),
      ),
  });
  return (
    <section aria-labelledby="bozza" className="mb-4 p-3 border rounded">
      <h2 id="bozza" className="h5">
        {t('updates.draft.title')}
      </h2>
      <p>{t('updates.draft.intro')}</p>
      <p>
        <Link to={`/novita-normative/${update.id}/modifica`}>{t('updates.edit')}</Link>
      </p>
      <AttachActForm id={update.id} />
      <FormProblem message={problem} />
      <button
        type="button"
        className="btn btn-primary"
        onClick={() => publish.mutate()}
        disabled={publish.isPending}
      >
        {t('updates.publish')}
      </button>
    </section>
  );
}

function AttachActForm({ id }: { id: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const fieldId = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const attach = useMutation({
    mutationFn: (file: File) => updates.attach(id, file),
    onSuccess: () => {
      if (fileRef.current) fileRef.current.value = '';
      setFileError(undefined);
      void queryClient.invalidateQueries({ queryKey: keys.update(id) });
    },
    onError: (error) => {
      const onFile =
        error instanceof ApiError
          ? error.problem.errors?.find((item) => fieldPath(item.path) === 'file')
          : undefined;
      setFileError(
        sentence(onFile?.message) ?? (error instanceof ApiError ? error.userMessage : t('errors.generic')),
      );
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const file = fileRef.current?.files?.[0];
    const found = !file
      ? t('updates.act.missing')
      : file.type === 'application/pdf'
        ? undefined
        : t('updates.act.type');
    setFileError(found);
    if (found || !file) return fileRef.current?.focus();
    attach.mutate(file);
  };
  return (
    <form onSubmit={submit} noValidate className="lovit-form mb-3">
      <FileField
        id={`${fieldId}-atto`}
        label={t('updates.act.label')}
        hint={t('updates.act.hint')}
        error={fileError}
        inputRef={fileRef}
      />
      <button type="submit" className="btn btn-outline-primary" disabled={attach.isPending}>
        {t('updates.act.attach')}
      </button>
    </form>
  );
}

function CaseTypeChange({ update, canApply }: { update: UpdateView; canApply: boolean }) {
  const { t } = useTranslation();
  const change = update.caseTypeChange;
  if (!change) return null;
  return (
    <section aria-labelledby="modifica-tipo" className="mt-4">
      <h2 id="modifica-tipo" className="h4">
        {t('updates.change.title')}
      </h2>
      <p>
        {t('updates.change.caseType', { name: change.caseType.name })}
        <br />
        <span className="lovit-prose">{change.note}</span>
      </p>
      {change.appliedFrom ? (
        <p className="alert alert-success">
          {t('updates.change.applied', {
            date: formatDate(change.appliedFrom),
            by: change.appliedBy ?? '',
            on: formatDate(change.appliedAt),
          })}
        </p>
      ) : (
        <>
          <p className="alert alert-warning">{t('updates.change.pending')}</p>
          {canApply && <ApplyChangeForm update={update} />}
        </>
      )}
    </section>
  );
}

function ApplyChangeForm({ update }: { update: UpdateView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm({ defaultValues: { validFrom: '' } });
  const caseTypes = useQuery({ queryKey: keys.caseTypes, queryFn: updates.caseTypes, staleTime: 300_000 });
  const code = update.caseTypeChange?.caseType.code;
  const versions = caseTypes.data?.find((type) => type.code === code)?.versions ?? [];
  const apply = useMutation({
    mutationFn: (validFrom: string) => updates.markApplied(update.id, validFrom),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.all }),
    onError: (error) => setProblem(reportProblem(error, form.setError, ['validFrom'])),
  });
  return (
    <form
      className="lovit-form"
      noValidate
      onSubmit={form.handleSubmit(({ validFrom }) => apply.mutate(validFrom))}
    >
      <p>{t('updates.change.intro')}</p>
      <SelectField
        label={t('updates.change.version')}
        registration={form.register('validFrom', { required: t('updates.change.chooseVersion') })}
        error={form.formState.errors.validFrom}
      >
        <option value="">{t('updates.change.chooseVersion')}</option>
        {versions.map((version) => (
          <option key={version} value={version}>
            {t('updates.change.versionFrom', { date: formatDate(version) })}
          </option>
        ))}
      </SelectField>
      <FormProblem message={problem} />
      <button type="submit" className="btn btn-primary" disabled={apply.isPending}>
        {t('updates.change.markApplied')}
      </button>
    </form>
  );
}

function Readers({ id }: { id: string }) {
  const { t } = useTranslation();
  const readers = useQuery({ queryKey: keys.readers(id), queryFn: () => updates.readers(id) });
  return (
    <section aria-labelledby="letture" className="mt-4">
      <h2 id="letture" className="h4">
        {t('updates.readers.title')}
      </h2>
      {readers.isPending ? (
        <Loading />
      ) : readers.error ? (
        <LoadError error={readers.error} />
      ) : (
        <div className="row">
          <div className="col-12 col-md-6">
            <h3 className="h6">{t('updates.readers.read', { count: readers.data.read.length })}</h3>
            <ul>
              {readers.data.read.map((person) => (
                <li key={person.id}>
                  {person.name} – {formatDateTime(person.readAt)}
                </li>
              ))}
            </ul>
          </div>
          <div className="col-12 col-md-6">
            <h3 className="h6">{t('updates.readers.notRead', { count: readers.data.notRead.length })}</h3>
            <ul>
              {readers.data.notRead.map((person) => (
                <li key={person.id}>{person.name}</li>
              ))}
            </ul>
          </div>
        </div>
      )}
    </section>
  );
}
