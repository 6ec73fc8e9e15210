import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { SelectField, sentence, TextField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem } from '../../ui/forms.tsx';
import { TableScroll } from '../../ui/TableScroll.tsx';
import { TextAreaField } from '../cases/TextAreaField.tsx';
import { type Done, problemText, useKeepEvent } from './changes.ts';
import type { EventText, OutreachEvent } from './requests.ts';
import { outreach } from './requests.ts';
import { languageName, TRANSLATION_LANGUAGES } from './words.ts';

type TextFields = EventText & { language: string };
const BLANK: EventText = { title: '', summary: '', description: '' };

/**
 * The event's public page in the portal's other languages: visitors read it in theirs, or in Italian where
 * nobody wrote it.
 */
export function TranslationsPanel({ event, onDone }: { event: OutreachEvent; onDone: Done }) {
  const { t } = useTranslation();
  const keep = useKeepEvent();
  const [problem, setProblem] = useState<string | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const form = useForm<TextFields>({ defaultValues: { language: '', ...BLANK } });
  const { errors } = form.formState;
  const language = form.watch('language');
  /** The fields are in the language being written, right to left where it is. */
  const written = language ? { lang: language, dir: 'auto' } : {};
  /** Opens a language's text in the form: what was written, or blanks. */
  const choose = (code: string) => {
    const written = event.translations.find((text) => text.language === code);
    form.reset({
      language: code,
      ...(written
        ? { title: written.title, summary: written.summary, description: written.description }
        : BLANK),
    });
    setProblem(null);
  };
  const save = useMutation({
    mutationFn: ({ language: code, ...text }: TextFields) => outreach.keepText(event.id, code, text),
    onSuccess: (changed, { language: code }) => {
      setProblem(null);
      keep(changed);
      onDone(t('outreach.translations.saved', { language: languageName(code) }));
    },
    onError: (error) => setProblem(reportProblem(error, form.setError, ['title', 'summary', 'description'])),
  });
  const remove = useMutation({
    mutationFn: (code: string) => outreach.dropText(event.id, code),
    onSuccess: (changed, code) => {
      setRemoving(null);
      setProblem(null);
      keep(changed);
      if (form.getValues('language') === code) form.reset({ language: '', ...BLANK });
      onDone(t('outreach.translations.removed', { language: languageName(code) }));
    },
    onError: (error) => {
      setRemoving(null);
      setProblem(problemText(error, t('errors.generic')));
    },
  });
  const title = t('outreach.translations.title');
  return (
    <section aria-labelledby="traduzioni" className="mt-5">
      <h2 id="traduzioni" className="h4">
        {title}
      </h2>
      <p>{t('outreach.translations.intro')}</p>
      {event.translations.length === 0 ? (
        <p className="alert alert-info">{t('outreach.translations.empty')}</p>
      ) : (
        <TableScroll label={title}>
          <table className="table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('outreach.translations.language')}</th>
                <th scope="col">{t('outreach.events.name')}</th>
                <th scope="col">{t('outreach.registrations.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {event.translations.map((text) => (
                <tr key={text.language}>
                  <th scope="row">{sentence(languageName(text.language))}</th>
                  <td lang={text.language} dir="auto">
                    {text.title}
                  </td>
                  <td className="text-nowrap">
                    <button
                      type="button"
                      className="btn btn-sm btn-outline-primary me-2"
                      aria-label={t('outreach.translations.editIn', {
                        language: languageName(text.language),
                      })}
                      onClick={() => choose(text.language)}
                    >
                      {t('outreach.translations.edit')}
                    </button>
                    <button
                      type="button"
                      className="btn btn-sm btn-outline-danger"
                      aria-label={t('outreach.translations.removeIn', {
                        language: languageName(text.language),
                      })}
                      onClick={() => setRemoving(text.language)}
                    >
                      {t('outreach.translations.remove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <form
        onSubmit={form.handleSubmit((values) => {
          setProblem(null);
          save.mutate(values);
        })}
        noValidate
        className="lovit-form mt-4"
      >
        <SelectField
          label={t('outreach.translations.language')}
          registration={form.register('language', {
            required: t('outreach.translations.chooseLanguage'),
            onChange: (change: { target: { value: string } }) => choose(change.target.value),
          })}
          error={errors.language}
        >
          <option value="">{t('filters.choose')}</option>
          {TRANSLATION_LANGUAGES.map((code) => (
            <option key={code} value={code}>
              {sentence(languageName(code))}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('outreach.events.name')}
          registration={form.register('title')}
          error={errors.title}
          {...written}
        />
        <TextAreaField
          label={t('outreach.events.summary')}
          rows={2}
          error={errors.summary}
          {...written}
          {...form.register('summary')}
        />
        <TextAreaField
          label={t('outreach.events.description')}
          rows={6}
          error={errors.description}
          {...written}
          {...form.register('description')}
        />
        <FormProblem message={problem} />
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {t('outreach.translations.save')}
        </button>
      </form>
      <ConfirmDialog
        isOpen={removing !== null}
        title={t('outreach.translations.removeIn', { language: removing ? languageName(removing) : '' })}
        message={t('outreach.translations.removeConfirm')}
        confirmLabel={t('outreach.translations.remove')}
        isPending={remove.isPending}
        onConfirm={() => removing && remove.mutate(removing)}
        onCancel={() => setRemoving(null)}
      />
    </section>
  );
}
