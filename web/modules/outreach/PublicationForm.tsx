import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem } from '../../ui/forms.tsx';
import { TextAreaField } from '../cases/TextAreaField.tsx';
import {
  PUBLICATION_KINDS,
  type Publication,
  type PublicationInput,
  type PublicationKind,
} from './requests.ts';
import { countOrNull } from './words.ts';

type PublicationFields = {
  kind: PublicationKind;
  title: string;
  description: string;
  printFormat: string;
  pages: number | null;
  copiesPrinted: number;
  printedOn: string;
};

const FIELDS = ['kind', 'title', 'description', 'printFormat', 'pages', 'copiesPrinted', 'printedOn'];

const fieldsOf = (publication: Publication | undefined): PublicationFields => ({
  kind: publication?.kind ?? 'BROCHURE',
  title: publication?.title ?? '',
  description: publication?.description ?? '',
  printFormat: publication?.printFormat ?? '',
  pages: publication?.pages ?? null,
  copiesPrinted: publication?.copiesPrinted ?? 0,
  printedOn: publication?.printedOn ?? '',
});

/** A blank date is no date; an emptied copy count leaves as `null`, for the server to ask for it. */
const inputOf = (fields: PublicationFields): PublicationInput => ({
  ...fields,
  printedOn: fields.printedOn || null,
});

type PublicationFormProps = {
  /** The publication being corrected; none for a new one. */
  publication?: Publication;
  submitLabel: string;
  save: (input: PublicationInput) => Promise<Publication>;
  onSaved: (publication: Publication) => void;
};

/** The data of a publication and its print run: for a new publication, or to correct one (every field). */
export function PublicationForm({ publication, submitLabel, save, onSaved }: PublicationFormProps) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<PublicationFields>({ defaultValues: fieldsOf(publication) });
  const { errors } = form.formState;
  const send = useMutation({
    mutationFn: (values: PublicationFields) => save(inputOf(values)),
    onSuccess: (saved) => {
      setProblem(null);
      onSaved(saved);
    },
    onError: (error) => setProblem(reportProblem(error, form.setError, FIELDS)),
  });
  return (
    <form
      onSubmit={form.handleSubmit((values) => {
        setProblem(null);
        send.mutate(values);
      })}
      noValidate
      className="lovit-form"
    >
      <div className="row">
        <div className="col-12 col-md-4">
          <SelectField
            label={t('outreach.publications.kind')}
            registration={form.register('kind')}
            error={errors.kind}
          >
            {PUBLICATION_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`outreach.publications.kinds.${kind}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="col-12 col-md-8">
          <TextField
            label={t('outreach.publications.titleField')}
            hint={t('outreach.publications.titleHint')}
            registration={form.register('title')}
            error={errors.title}
          />
        </div>
      </div>
      <TextAreaField
        label={t('outreach.publications.description')}
        hint={t('outreach.publications.descriptionHint')}
        rows={4}
        error={errors.description}
        {...form.register('description')}
      />
      <div className="row">
        <div className="col-12 col-sm-6 col-lg-3">
          <TextField
            label={t('outreach.publications.printFormat')}
            hint={t('outreach.publications.printFormatHint')}
            registration={form.register('printFormat')}
            error={errors.printFormat}
          />
        </div>
        <div className="col-12 col-sm-6 col-lg-3">
          <TextField
            type="number"
            inputMode="numeric"
            label={t('outreach.publications.pages')}
            hint={t('outreach.publications.pagesHint')}
            registration={form.register('pages', { setValueAs: countOrNull })}
            error={errors.pages}
          />
        </div>
        <div className="col-12 col-sm-6 col-lg-3">
          <TextField
            type="number"
            inputMode="numeric"
            label={t('outreach.publications.copiesPrinted')}
            hint={t('outreach.publications.copiesPrintedHint')}
            registration={form.register('copiesPrinted', { valueAsNumber: true })}
            error={errors.copiesPrinted}
          />
        </div>
        <div className="col-12 col-sm-6 col-lg-3">
          <TextField
            type="date"
            label={t('outreach.publications.printedOn')}
            hint={t('outreach.publications.printedOnHint')}
            registration={form.register('printedOn')}
            error={errors.printedOn}
          />
        </div>
      </div>
      <FormProblem message={problem} />
      <button type="submit" className="btn btn-primary" disabled={send.isPending}>
        {submitLabel}
      </button>
    </form>
  );
}
