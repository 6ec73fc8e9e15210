import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { z } from 'zod';
import { text } from '../../../src/kernel/contract.ts';
import { UPDATE_KINDS, updateInput } from '../../../src/modules/updates/contract.ts';
import { ApiError } from '../../app/api.ts';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem, resolverWithBlanksAsNull } from '../../ui/forms.tsx';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { TextAreaField } from '../cases/TextAreaField.tsx';
import { keys, type UpdateInput, type UpdateView, updates } from './requests.ts';

/** The form flattens the optional case-type change into two fields; an empty paragraph means none. */
const updateForm = updateInput
  .omit({ caseTypeChange: true, articles: true, caseTypes: true })
  .extend({
    articles: z
      .array(
        z.object({
          act: text(100),
          article: text(20),
          paragraph: z
            .string()
            .max(20, 'al massimo 20 caratteri')
            .transform((value) => value.trim() || null),
        }),
      )
      .min(1, 'indicare almeno un articolo'),
    caseTypes: z.array(z.string()),
    changeCaseType: z.string(),
    changeNote: z.string().max(2000, 'al massimo 2000 caratteri'),
  })
  .refine((form) => !form.changeCaseType || form.changeNote.trim() !== '', {
    path: ['changeNote'],
    message: 'Campo obbligatorio',
  });
type UpdateForm = z.input<typeof updateForm>;
type UpdateFormOutput = z.output<typeof updateForm>;

const EMPTY: UpdateForm = {
  kind: 'LEGISLATION',
  authority: '',
  number: '',
  issuedOn: '',
  title: '',
  summary: '',
  fullText: '',
  articles: [{ act: 'D.Lgs. 286/1998', article: '', paragraph: '' }],
  caseTypes: [],
  validFrom: '',
  changeCaseType: '',
  changeNote: '',
};

function formOf(update: UpdateView): UpdateForm {
  return {
    kind: update.kind,
    authority: update.authority,
    number: update.number,
    issuedOn: update.issuedOn,
    title: update.title,
    summary: update.summary,
    fullText: update.fullText ?? '',
    articles: update.articles.map(({ act, article, paragraph }) => ({
      act,
      article,
      paragraph: paragraph ?? '',
    })),
    caseTypes: update.caseTypes.map((type) => type.code),
    validFrom: update.validFrom,
    changeCaseType: update.caseTypeChange?.caseType.code ?? '',
    changeNote: update.caseTypeChange?.note ?? '',
  };
}

function inputOf({ changeCaseType, changeNote, ...values }: UpdateFormOutput): UpdateInput {
  return {
    ...values,
    caseTypeChange: changeCaseType ? { caseType: changeCaseType, note: changeNote } : null,
  };
}

/** The server names the change's fields inside `caseTypeChange`; the form shows them at its two fields. */
function asFormFields(error: unknown): unknown {
  if (!(error instanceof ApiError)) return error;
  const errors = error.problem.errors?.map((item) => ({
    ...item,
    path: item.path
      .replace('body.caseTypeChange.caseType', 'body.changeCaseType')
      .replace('body.caseTypeChange.note', 'body.changeNote'),
  }));
  return new ApiError({ ...error.problem, ...(errors ? { errors } : {}) });
}

/** The legal expert writes a new update as a draft. */
export function NewUpdatePage() {
  const { t } = useTranslation();
  return (
    <Page title={t('updates.new')} trail={[{ label: t('modules.updates.title'), to: '/novita-normative' }]}>
      <UpdateFormFields initial={EMPTY} />
    </Page>
  );
}

/** The legal expert changes a draft. */
export function EditUpdatePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const update = useQuery({ queryKey: keys.update(id), queryFn: () => updates.get(id) });
  return (
    <Page title={t('updates.edit')} trail={[{ label: t('modules.updates.title'), to: '/novita-normative' }]}>
      {update.isPending ? (
        <Loading />
      ) : update.error ? (
        <LoadError error={update.error} />
      ) : (
        <UpdateFormFields initial={formOf(update.data)} id={id} />
      )}
    </Page>
  );
}

function UpdateFormFields({ initial, id }: { initial: UpdateForm; id?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const caseTypes = useQuery({ queryKey: keys.caseTypes, queryFn: updates.caseTypes, staleTime: 300_000 });
  const form = useForm<UpdateForm, unknown, UpdateFormOutput>({
    resolver: resolverWithBlanksAsNull(updateForm, ['fullText']),
    defaultValues: initial,
  });
  const articles = useFieldArray({ control: form.control, name: 'articles' });
  const { errors } = form.formState;
  const save = useMutation({
    mutationFn: (values: UpdateFormOutput) =>
      id ? updates.change(id, inputOf(values)) : updates.create(inputOf(values)),
    onSuccess: (update) => {
      void queryClient.invalidateQueries({ queryKey: keys.all });
      void navigate(`/novita-normative/${update.id}`, { state: { notice: t('updates.saved') } });
    },
    onError: (error) => setProblem(reportProblem(asFormFields(error), form.setError, Object.keys(EMPTY))),
  });
  return (
    <form onSubmit={form.handleSubmit((values) => save.mutate(values))} noValidate className="lovit-form">
      <div className="row">
        <div className="col-12 col-md-4">
          <SelectField
            label={t('updates.fields.kind')}
            registration={form.register('kind')}
            error={errors.kind}
          >
            {Object.entries(UPDATE_KINDS).map(([code, label]) => (
              <option key={code} value={code}>
                {label}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="col-12 col-md-8">
          <TextField
            label={t('updates.fields.authority')}
            hint={t('updates.fields.authorityHint')}
            registration={form.register('authority')}
            error={errors.authority}
          />
        </div>
      </div>
      <div className="row">
        <div className="col-12 col-md-4">
          <TextField
            label={t('updates.fields.number')}
            registration={form.register('number')}
            error={errors.number}
          />
        </div>
        <div className="col-6 col-md-4">
          <TextField
            type="date"
            label={t('updates.fields.issuedOn')}
            registration={form.register('issuedOn')}
            error={errors.issuedOn}
          />
        </div>
        <div className="col-6 col-md-4">
          <TextField
            type="date"
            label={t('updates.fields.validFrom')}
            registration={form.register('validFrom')}
            error={errors.validFrom}
          />
        </div>
      </div>
      <TextField
        label={t('updates.fields.title')}
        registration={form.register('title')}
        error={errors.title}
      />
      <TextAreaField
        label={t('updates.fields.summary')}
        hint={t('updates.fields.summaryHint')}
        rows={4}
        error={errors.summary}
        {...form.register('summary')}
      />
      <TextAreaField
        label={t('updates.fields.fullText')}
        hint={t('updates.fields.fullTextHint')}
        rows={6}
        error={errors.fullText}
        {...form.register('fullText')}
      />
      <fieldset className="mb-4">
        <legend className="h6">{t('updates.fields.articles')}</legend>
        {errors.articles?.message && (
          <div className="invalid-feedback d-block">{errors.articles.message}</div>
        )}
        {articles.fields.map((field, index) => (
          <div key={field.id} className="row align-items-end">
            <div className="col-12 col-md-5">
              <TextField
                label={t('updates.fields.articleAct', { n: index + 1 })}
                registration={form.register(`articles.${index}.act`)}
                error={errors.articles?.[index]?.act}
              />
            </div>
            <div className="col-5 col-md-2">
              <TextField
                label={t('updates.fields.articleNumber', { n: index + 1 })}
                registration={form.register(`articles.${index}.article`)}
                error={errors.articles?.[index]?.article}
              />
            </div>
            <div className="col-5 col-md-2">
              <TextField
                label={t('updates.fields.articleParagraph', { n: index + 1 })}
                registration={form.register(`articles.${index}.paragraph`)}
                error={errors.articles?.[index]?.paragraph}
              />
            </div>
            <div className="col-2 col-md-3 mb-4">
              {articles.fields.length > 1 && (
                <button type="button" className="btn btn-link" onClick={() => articles.remove(index)}>
                  {t('updates.fields.removeArticle', { n: index + 1 })}
                </button>
              )}
            </div>
          </div>
        ))}
        <button
          type="button"
          className="btn btn-outline-primary btn-sm"
          onClick={() => articles.append({ act: 'D.Lgs. 286/1998', article: '', paragraph: '' })}
        >
          {t('updates.fields.addArticle')}
        </button>
      </fieldset>
      <fieldset className="mb-4">
        <legend className="h6">{t('updates.fields.caseTypes')}</legend>
        <p className="form-text">{t('updates.fields.caseTypesHint')}</p>
        {caseTypes.data?.map((type) => (
          <div key={type.code} className="form-check">
            <input
              id={`tipo-${type.code}`}
              type="checkbox"
              value={type.code}
              {...form.register('caseTypes')}
            />
            <label htmlFor={`tipo-${type.code}`}>{type.name}</label>
          </div>
        ))}
        {errors.caseTypes && (
          <div className="invalid-feedback d-block">
            {errors.caseTypes.message ?? errors.caseTypes.find?.((item) => item)?.message}
          </div>
        )}
      </fieldset>
      <fieldset className="mb-4">
        <legend className="h6">{t('updates.fields.change')}</legend>
        <p className="form-text">{t('updates.fields.changeHint')}</p>
        <SelectField
          label={t('updates.fields.changeCaseType')}
          registration={form.register('changeCaseType')}
          error={errors.changeCaseType}
        >
          <option value="">{t('updates.fields.noChange')}</option>
          {caseTypes.data?.map((type) => (
            <option key={type.code} value={type.code}>
              {type.name}
            </option>
          ))}
        </SelectField>
        <TextAreaField
          label={t('updates.fields.changeNote')}
          error={errors.changeNote}
          {...form.register('changeNote')}
        />
      </fieldset>
      <FormProblem message={problem} />
      <button type="submit" className="btn btn-primary" disabled={save.isPending}>
        {t(id ? 'common.save' : 'updates.saveDraft')}
      </button>
    </form>
  );
}
