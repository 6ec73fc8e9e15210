import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem } from '../../ui/forms.tsx';
import { TextAreaField } from '../cases/TextAreaField.tsx';
import { type Done, problemText, useKeepEvent } from './changes.ts';
import { type EventQuestion, type OutreachEvent, outreach, type QuestionKind } from './requests.ts';

const KINDS: QuestionKind[] = ['TEXT', 'CHOICE', 'YES_NO'];
type QuestionFields = { label: string; kind: QuestionKind; options: string; required: boolean };
const NEW_QUESTION: QuestionFields = { label: '', kind: 'TEXT', options: '', required: false };

/**
 * The organisers' own questions on the public registration form (the school of a class, a dietary need…): in
 * the form's order, each with how many answered it; a question nobody answered may be removed.
 */
export function QuestionsPanel({ event, onDone }: { event: OutreachEvent; onDone: Done }) {
  const { t } = useTranslation();
  const keep = useKeepEvent();
  const [removing, setRemoving] = useState<EventQuestion | null>(null);
  const [editing, setEditing] = useState<EventQuestion | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const remove = useMutation({
    mutationFn: (question: EventQuestion) => outreach.removeQuestion(question.id),
    onSuccess: (changed, question) => {
      setRemoving(null);
      setProblem(null);
      keep(changed);
      onDone(t('outreach.questions.removed', { label: question.label }));
    },
    onError: (error) => {
      setRemoving(null);
      setProblem(problemText(error, t('errors.generic')));
    },
  });
  return (
    <section aria-labelledby="domande" className="mt-5">
      <h2 id="domande" className="h4">
        {t('outreach.questions.title')}
      </h2>
      <p>{t('outreach.questions.intro')}</p>
      {event.questions.length === 0 ? (
        <p className="alert alert-info">{t('outreach.questions.empty')}</p>
      ) : (
        <ol>
          {event.questions.map((question) => (
            <li key={question.id} className="mb-2">
              <strong>{question.label}</strong>{' '}
              <span>
                ({t(`outreach.questions.kinds.${question.kind}`)}
                {question.required ? `, ${t('outreach.questions.requiredShort')}` : ''})
              </span>
              {question.options.length > 0 && <span className="d-block">{question.options.join(' · ')}</span>}
              <span className="d-block">
                {t('outreach.questions.answered', { count: question.answered })}
              </span>
              <button
                type="button"
                className="btn btn-sm btn-outline-primary mt-1 me-2"
                aria-label={t('outreach.questions.editOne', { label: question.label })}
                onClick={() => setEditing(question)}
              >
                {t('outreach.questions.edit')}
              </button>
              {question.answered === 0 && (
                <button
                  type="button"
                  className="btn btn-sm btn-outline-danger mt-1"
                  aria-label={t('outreach.questions.removeOne', { label: question.label })}
                  onClick={() => setRemoving(question)}
                >
                  {t('outreach.questions.remove')}
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
      <FormProblem message={problem} />
      <QuestionForm
        key={editing?.id ?? 'nuova'}
        eventId={event.id}
        question={editing}
        onDone={(notice) => {
          setEditing(null);
          onDone(notice);
        }}
        onCancel={() => setEditing(null)}
      />
      <ConfirmDialog
        isOpen={removing !== null}
        title={t('outreach.questions.removeOne', { label: removing?.label ?? '' })}
        message={t('outreach.questions.removeConfirm')}
        confirmLabel={t('outreach.questions.remove')}
        isPending={remove.isPending}
        onConfirm={() => removing && remove.mutate(removing)}
        onCancel={() => setRemoving(null)}
      />
    </section>
  );
}

/** A new question, or one corrected: once answered, only its wording and whether it is required. */
function QuestionForm({
  eventId,
  question,
  onDone,
  onCancel,
}: {
  eventId: string;
  question: EventQuestion | null;
  onDone: Done;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const keep = useKeepEvent();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<QuestionFields>({
    defaultValues: question
      ? {
          label: question.label,
          kind: question.kind,
          options: question.options.join('\n'),
          required: question.required,
        }
      : NEW_QUESTION,
  });
  const { errors } = form.formState;
  const kind = form.watch('kind');
  const answered = (question?.answered ?? 0) > 0;
  const add = useMutation({
    mutationFn: ({ options, ...values }: QuestionFields) => {
      const input = {
        ...values,
        // one choice per line; the choices count only for a question answered from a list
        options:
          values.kind === 'CHOICE'
            ? options
                .split('\n')
                .map((line) => line.trim())
                .filter(Boolean)
            : [],
      };
      if (!question) return outreach.addQuestion(eventId, input);
      // answered, the kind and choices stay as they were answered (the list cannot be changed on screen)
      return outreach.changeQuestion(
        question.id,
        answered ? { ...input, kind: question.kind, options: question.options } : input,
      );
    },
    onSuccess: (changed, values) => {
      setProblem(null);
      keep(changed);
      form.reset(NEW_QUESTION);
      onDone(
        t(question ? 'outreach.questions.changed' : 'outreach.questions.added', {
          label: values.label.trim(),
        }),
      );
    },
    onError: (error) => setProblem(reportProblem(error, form.setError, Object.keys(NEW_QUESTION))),
  });
  return (
    <form
      className="mt-3"
      aria-labelledby="domanda-nuova"
      onSubmit={form.handleSubmit((values) => {
        setProblem(null);
        add.mutate(values);
      })}
      noValidate
    >
      <h3 id="domanda-nuova" className="h5">
        {question ? t('outreach.questions.editOne', { label: question.label }) : t('outreach.questions.new')}
      </h3>
      {answered && <p>{t('outreach.questions.answeredKeeps')}</p>}
      <TextField
        label={t('outreach.questions.label')}
        hint={t('outreach.questions.labelHint')}
        registration={form.register('label')}
        error={errors.label}
      />
      <SelectField
        label={t('outreach.questions.kind')}
        registration={form.register('kind', { disabled: answered })}
        error={errors.kind}
      >
        {KINDS.map((code) => (
          <option key={code} value={code}>
            {t(`outreach.questions.kinds.${code}`)}
          </option>
        ))}
      </SelectField>
      {kind === 'CHOICE' && (
        <TextAreaField
          label={t('outreach.questions.options')}
          hint={t('outreach.questions.optionsHint')}
          error={errors.options}
          rows={4}
          readOnly={answered}
          {...form.register('options')}
        />
      )}
      <div className="form-check mb-4">
        <input id="domanda-obbligatoria" type="checkbox" {...form.register('required')} />
        <label htmlFor="domanda-obbligatoria">{t('outreach.questions.required')}</label>
      </div>
      <FormProblem message={problem} />
      <button type="submit" className="btn btn-primary me-2" disabled={add.isPending}>
        {t(question ? 'outreach.questions.save' : 'outreach.questions.add')}
      </button>
      {question && (
        <button type="button" className="btn btn-outline-secondary" onClick={onCancel}>
          {t('outreach.questions.cancelEdit')}
        </button>
      )}
    </form>
  );
}
