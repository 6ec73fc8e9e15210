import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { FormProvider, useFieldArray, useForm, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { newIdempotencyKey } from '../../app/api.ts';
import { useFormDraft } from '../../app/drafts.ts';
import { DraftRestored } from '../../ui/DraftRestored.tsx';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem } from '../../ui/forms.tsx';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import {
  EMPTY_INTAKE,
  formFields,
  type IntakeForm,
  intakeRequest,
  intakeResolverFor,
  partiesFor,
  problemOnForm,
} from './intakeForm.ts';
import { PartyFields, TextAreaField } from './PartyFields.tsx';
import { type CaseTypeDefinition, type CaseTypeView, cases, caseTypes, keys } from './requests.ts';
import { latestTypes, sectorLabel } from './vocabulary.ts';

const CONTRACT_TYPES = ['PERMANENT', 'FIXED_TERM', 'SEASONAL'] as const;
const HALF = 'col-12 col-md-6';

/** Registers an application at the desk: the type decides the parties, the quota sector and the details asked. */
export function NewCasePage() {
  const { t } = useTranslation();
  const types = useQuery({ queryKey: keys.types, queryFn: caseTypes.list, staleTime: 300_000 });
  return (
    <Page title={t('cases.newCase.title')} trail={[{ label: t('modules.cases.title'), to: '/pratiche' }]}>
      <p>{t('cases.newCase.intro')}</p>
      {types.isPending ? (
        <Loading />
      ) : types.error ? (
        <LoadError error={types.error} />
      ) : (
        <IntakeFormView types={types.data} />
      )}
    </Page>
  );
}

function IntakeFormView({ types }: { types: CaseTypeView[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  // One key for this form, whatever the answers: a retry after a 503 finds the case if it was written.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const definitions = useMemo(() => latestTypes(types), [types]);
  const resolver = useMemo(() => intakeResolverFor(definitions), [definitions]);
  const form = useForm<IntakeForm>({ resolver, defaultValues: EMPTY_INTAKE });
  const { errors } = form.formState;
  const isRestored = useFormDraft(form, 'nuova-pratica');
  const { fields, replace } = useFieldArray({ control: form.control, name: 'parties' });
  const typeCode = form.watch('type');
  const definition = definitions.find((candidate) => candidate.code === typeCode);

  useEffect(() => {
    // another type asks for other parties; a restored draft already has the right ones
    const roles = form.getValues('parties').map((party) => party.role);
    const wanted = definition?.parties.map((party) => party.role) ?? [];
    if (roles.join() !== wanted.join()) replace(definition ? partiesFor(definition) : []);
    if (!definition?.quota) form.setValue('quotaSector', '');
  }, [definition, form, replace]);

  const submit = useMutation({
    mutationFn: (values: IntakeForm) => cases.submit(intakeRequest(values), idempotencyKey),
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: ['cases', 'worklist'] });
      const notice = result.admitted
        ? t('cases.newCase.created', { number: result.number })
        : t('cases.newCase.createdQuotaExhausted', { number: result.number });
      navigate(`/pratiche/${result.id}`, { state: { notice } });
    },
    onError: (error, values) =>
      setProblem(reportProblem(problemOnForm(error, values), form.setError, formFields(values))),
  });

  const onSubmit = form.handleSubmit((values) => {
    setProblem(null);
    submit.mutate(values);
  });
  const hasEmployer = definition?.parties.some((party) => party.kind === 'EMPLOYER') ?? false;

  return (
    <>
      <DraftRestored isRestored={isRestored} />
      <FormProvider {...form}>
        <form onSubmit={onSubmit} noValidate className="lovit-form">
          <fieldset className="mb-5">
            <legend className="h4 mb-5">{t('cases.newCase.application')}</legend>
            <div className="row">
              <div className={HALF}>
                <SelectField
                  label={t('cases.newCase.type')}
                  registration={form.register('type')}
                  error={errors.type}
                >
                  <option value="">{t('filters.choose')}</option>
                  {definitions.map((type) => (
                    <option key={type.code} value={type.code}>
                      {type.name}
                    </option>
                  ))}
                </SelectField>
              </div>
              {definition?.quota && (
                <div className={HALF}>
                  <SelectField
                    label={t('cases.newCase.quotaSector')}
                    hint={t('cases.newCase.quotaSectorHint')}
                    registration={form.register('quotaSector')}
                    error={errors.quotaSector}
                  >
                    <option value="">{t('filters.choose')}</option>
                    {definition.quota.sectors.map((sector) => (
                      <option key={sector} value={sector}>
                        {sectorLabel(sector)}
                      </option>
                    ))}
                  </SelectField>
                </div>
              )}
              <div className={HALF}>
                <TextField
                  label={t('cases.newCase.externalReference')}
                  hint={t('cases.newCase.externalReferenceHint')}
                  registration={form.register('externalReference')}
                  error={errors.externalReference}
                />
              </div>
            </div>
            {definition && (
              <p className="small">
                {t('cases.newCase.typeTerm', {
                  reference: definition.legalReference,
                  count: definition.term.termDays,
                })}
              </p>
            )}
          </fieldset>
          {definition &&
            fields.map((field, index) => {
              const role = definition.parties.find((party) => party.role === field.role);
              return (
                <PartyFields
                  key={field.id}
                  index={index}
                  label={role?.label ?? field.role}
                  isRequired={role?.required ?? true}
                />
              );
            })}
          {definition && <DetailsFields definition={definition} hasEmployer={hasEmployer} />}
          <FormProblem message={problem} />
          <button type="submit" className="btn btn-primary" disabled={submit.isPending}>
            {t('cases.newCase.submit')}
          </button>
        </form>
      </FormProvider>
    </>
  );
}

function DetailsFields({
  definition,
  hasEmployer,
}: {
  definition: CaseTypeDefinition;
  hasEmployer: boolean;
}) {
  const { t } = useTranslation();
  const { register, formState } = useFormContext<IntakeForm>();
  const errors = formState.errors.details;
  return (
    <fieldset className="mb-5">
      <legend className="h4 mb-5">{t('cases.details.heading')}</legend>
      <div className="row">
        <div className={HALF}>
          <SelectField
            label={t('cases.details.formCode')}
            registration={register('details.formCode')}
            error={errors?.formCode}
          >
            <option value="">{t('common.none')}</option>
            {definition.formCodes.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </SelectField>
        </div>
        {hasEmployer && (
          <>
            <div className={HALF}>
              <TextField
                label={t('cases.details.jobTitle')}
                registration={register('details.jobTitle')}
                error={errors?.jobTitle}
              />
            </div>
            <div className={HALF}>
              <SelectField
                label={t('cases.details.contractType')}
                registration={register('details.contractType')}
                error={errors?.contractType}
              >
                <option value="">{t('common.none')}</option>
                {CONTRACT_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {t(`cases.details.contractTypes.${type}`)}
                  </option>
                ))}
              </SelectField>
            </div>
            <div className="col-6 col-md-3">
              <TextField
                label={t('cases.details.weeklyHours')}
                type="number"
                registration={register('details.weeklyHours')}
                error={errors?.weeklyHours}
              />
            </div>
            <div className="col-6 col-md-3">
              <TextField
                label={t('cases.details.monthlyGrossSalary')}
                type="number"
                step="0.01"
                registration={register('details.monthlyGrossSalary')}
                error={errors?.monthlyGrossSalary}
              />
            </div>
            <div className={HALF}>
              <TextField
                label={t('cases.details.collectiveAgreement')}
                registration={register('details.collectiveAgreement')}
                error={errors?.collectiveAgreement}
              />
            </div>
            <div className={HALF}>
              <TextField
                label={t('cases.details.workplace')}
                registration={register('details.workplace')}
                error={errors?.workplace}
              />
            </div>
          </>
        )}
        <div className="col-12">
          <TextField
            label={t('cases.details.accommodation')}
            registration={register('details.accommodation')}
            error={errors?.accommodation}
          />
        </div>
        <div className="col-12">
          <TextAreaField
            label={t('cases.details.notes')}
            rows={4}
            registration={register('details.notes')}
            error={errors?.notes}
          />
        </div>
      </div>
    </fieldset>
  );
}
