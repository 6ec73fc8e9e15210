import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'react-router';
import {
  ORGANISATION_TYPES,
  type Organisation,
  organisationPatch,
} from '../../../src/modules/identity/contract.ts';
import { ApiError } from '../../app/api.ts';
import { useFormDraft } from '../../app/drafts.ts';
import { usePermission, useSignedInSession } from '../../app/session.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { DraftRestored } from '../../ui/DraftRestored.tsx';
import { FormProblem, reportProblem, resolverWithBlanksAsNull } from '../../ui/forms.tsx';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { Page } from '../../ui/Page.tsx';
import { administrationTrail } from './administration.ts';
import {
  NULLABLE_ORGANISATION_FIELDS,
  ORGANISATION_FIELDS,
  OrganisationFields,
} from './OrganisationFields.tsx';
import { keys, type OrganisationInput, organisations } from './requests.ts';

const resolver = resolverWithBlanksAsNull(organisationPatch, NULLABLE_ORGANISATION_FIELDS);

/** One organisation: its data, editable by those who manage organisations, and its activation. */
export function OrganisationPage() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const { id = '' } = useParams();
  const canManage = usePermission('identity.organisations.manage');
  const arrivalNotice = (useLocation().state as { notice?: string } | null)?.notice;
  const [notice, setNotice] = useState<string | null>(arrivalNotice ?? null);
  const organisation = useQuery({ queryKey: keys.organisation(id), queryFn: () => organisations.get(id) });
  const trail = administrationTrail(session, t('modules.administration.title'), [
    { label: t('administration.organisations.title'), to: '/amministrazione/enti' },
  ]);

  if (organisation.isPending || organisation.error) {
    return (
      <Page title={t('administration.organisations.title')} trail={trail}>
        {organisation.isPending ? <Loading /> : <LoadError error={organisation.error} />}
      </Page>
    );
  }

  const data = organisation.data;
  return (
    <Page title={data.name} trail={trail}>
      <Notice message={notice} />
      <p>
        <span className="fw-semibold">{t('organisations.code')}:</span> {data.code} ·{' '}
        <span className="fw-semibold">{t('organisations.status')}:</span>{' '}
        {data.isActive ? t('organisations.active') : t('organisations.inactive')}
      </p>
      {canManage ? (
        <>
          <OrganisationEditForm organisation={data} onSaved={setNotice} />
          <OrganisationActivation organisation={data} onChanged={setNotice} />
        </>
      ) : (
        <OrganisationDetails organisation={data} />
      )}
    </Page>
  );
}

function OrganisationDetails({ organisation }: { organisation: Organisation }) {
  const { t } = useTranslation();
  const rows: [string, string | null][] = [
    [t('organisations.type'), ORGANISATION_TYPES[organisation.type]],
    [t('organisations.fiscalCode'), organisation.fiscalCode],
    [t('organisations.istatCode'), organisation.municipalityIstatCode],
    [t('organisations.email'), organisation.email],
  ];
  return (
    <dl className="row">
      {rows.map(([label, value]) => (
        <div className="col-12 col-md-6 mb-3" key={label}>
          <dt>{label}</dt>
          <dd>{value ?? t('common.none')}</dd>
        </div>
      ))}
    </dl>
  );
}

function OrganisationEditForm({
  organisation,
  onSaved,
}: {
  organisation: Organisation;
  onSaved: (notice: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm({
    resolver,
    defaultValues: {
      name: organisation.name,
      type: organisation.type,
      fiscalCode: organisation.fiscalCode ?? '',
      municipalityIstatCode: organisation.municipalityIstatCode ?? '',
      email: organisation.email ?? '',
    },
  });
  const isRestored = useFormDraft(form, 'ente');
  const save = useMutation({
    mutationFn: (values: OrganisationInput) => organisations.update(organisation.id, values),
    onSuccess: (saved) => {
      queryClient.setQueryData(keys.organisation(organisation.id), saved);
      void queryClient.invalidateQueries({ queryKey: ['organisations'] });
      onSaved(t('common.saved'));
    },
    onError: (error) => setProblem(reportProblem(error, form.setError, ORGANISATION_FIELDS)),
  });

  const submit = form.handleSubmit((values) => {
    setProblem(null);
    save.mutate(values);
  });

  return (
    <section aria-labelledby="ente-dati" className="mb-5">
      <h2 id="ente-dati" className="h4">
        {t('organisations.data')}
      </h2>
      <DraftRestored isRestored={isRestored} />
      <FormProvider {...form}>
        <form onSubmit={submit} noValidate className="lovit-form">
          <OrganisationFields withCode={false} />
          <FormProblem message={problem} />
          <button type="submit" className="btn btn-primary" disabled={save.isPending}>
            {t('common.save')}
          </button>
        </form>
      </FormProvider>
    </section>
  );
}

function OrganisationActivation({
  organisation,
  onChanged,
}: {
  organisation: Organisation;
  onChanged: (notice: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [isConfirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const setActive = useMutation({
    mutationFn: (isActive: boolean) => organisations.setActive(organisation.id, isActive),
    onSuccess: (_, isActive) => {
      setConfirming(false);
      void queryClient.invalidateQueries({ queryKey: keys.organisation(organisation.id) });
      void queryClient.invalidateQueries({ queryKey: ['organisations'] });
      onChanged(isActive ? t('organisations.activated') : t('organisations.deactivated'));
    },
    onError: (error) => {
      setConfirming(false);
      setProblem(error instanceof ApiError ? error.userMessage : t('errors.generic'));
    },
  });

  return (
    <section aria-labelledby="ente-stato">
      <h2 id="ente-stato" className="h4">
        {t('organisations.activation')}
      </h2>
      <FormProblem message={problem} />
      {organisation.isActive ? (
        <>
          <p>{t('organisations.deactivateExplanation')}</p>
          <button type="button" className="btn btn-outline-danger" onClick={() => setConfirming(true)}>
            {t('organisations.deactivate')}
          </button>
        </>
      ) : (
        <>
          <p>{t('organisations.inactiveExplanation')}</p>
          <button
            type="button"
            className="btn btn-outline-primary"
            onClick={() => setActive.mutate(true)}
            disabled={setActive.isPending}
          >
            {t('organisations.activate')}
          </button>
        </>
      )}
      <ConfirmDialog
        isOpen={isConfirming}
        title={t('organisations.confirmTitle', { name: organisation.name })}
        message={t('organisations.confirmMessage')}
        confirmLabel={t('organisations.deactivate')}
        isPending={setActive.isPending}
        onConfirm={() => setActive.mutate(false)}
        onCancel={() => setConfirming(false)}
      />
    </section>
  );
}
