import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { newOrganisation } from '../../../src/modules/identity/contract.ts';
import { useFormDraft } from '../../app/drafts.ts';
import { useSignedInSession } from '../../app/session.ts';
import { DraftRestored } from '../../ui/DraftRestored.tsx';
import { FormProblem, reportProblem, resolverWithBlanksAsNull } from '../../ui/forms.tsx';
import { Page } from '../../ui/Page.tsx';
import { administrationTrail } from './administration.ts';
import {
  NULLABLE_ORGANISATION_FIELDS,
  ORGANISATION_FIELDS,
  OrganisationFields,
} from './OrganisationFields.tsx';
import { organisations } from './requests.ts';

const resolver = resolverWithBlanksAsNull(newOrganisation, NULLABLE_ORGANISATION_FIELDS);

export function NewOrganisationPage() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm({
    resolver,
    defaultValues: { code: '', name: '', fiscalCode: '', municipalityIstatCode: '', email: '' },
  });
  const isRestored = useFormDraft(form, 'nuovo-ente');
  const create = useMutation({
    mutationFn: organisations.create,
    onSuccess: (organisation) => {
      void queryClient.invalidateQueries({ queryKey: ['organisations'] });
      navigate(`/amministrazione/enti/${organisation.id}`, {
        state: { notice: t('organisations.created', { name: organisation.name }) },
      });
    },
    onError: (error) => setProblem(reportProblem(error, form.setError, ORGANISATION_FIELDS)),
  });

  const submit = form.handleSubmit((values) => {
    setProblem(null);
    create.mutate(values);
  });

  return (
    <Page
      title={t('organisations.newTitle')}
      trail={administrationTrail(session, t('modules.administration.title'), [
        { label: t('administration.organisations.title'), to: '/amministrazione/enti' },
      ])}
    >
      <DraftRestored isRestored={isRestored} />
      <FormProvider {...form}>
        <form onSubmit={submit} noValidate className="lovit-form">
          <OrganisationFields withCode />
          <FormProblem message={problem} />
          <button type="submit" className="btn btn-primary" disabled={create.isPending}>
            {t('organisations.create')}
          </button>
        </form>
      </FormProvider>
    </Page>
  );
}
