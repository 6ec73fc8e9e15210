import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { SelectField, sentence, TextField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem } from '../../ui/forms.tsx';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { problemText } from './changes.ts';
import {
  type Assignment,
  choosableMediators,
  type Interpreters,
  interpreterKeys,
  interpreters,
  type OfficeMediator,
} from './interpreters.ts';
import { type InterpretationNeed, keys, outreach } from './requests.ts';
import { languageName, languagesText, momentOf } from './words.ts';

/** One date of one language: who asked, and the mediator assigned if any. */
type Row = {
  language: string;
  sessionId: string;
  sessionLabel: string;
  startsAt: string;
  people: number;
  accessibilityNeeds: string[];
  assignment: Assignment | undefined;
};

/**
 * The rows of each language in the order the server sends the needs (by language, then by date), with the
 * assignments of dates nobody asks for any more after them, so that they can still be removed.
 */
function byLanguage(needs: InterpretationNeed[], assignments: Assignment[]): [string, Row[]][] {
  const groups = new Map<string, Row[]>();
  const add = (row: Row) => groups.set(row.language, [...(groups.get(row.language) ?? []), row]);
  const assignmentOf = (language: string, sessionId: string) =>
    assignments.find((a) => a.language === language && a.sessionId === sessionId);
  for (const need of needs) add({ ...need, assignment: assignmentOf(need.language, need.sessionId) });
  for (const assignment of assignments)
    if (!needs.some((n) => n.language === assignment.language && n.sessionId === assignment.sessionId))
      add({ ...assignment, people: 0, accessibilityNeeds: [], assignment });
  return [...groups];
}

/**
 * Who asked for an interpreter or a mediator, per language and date, and the SUI's mediator assigned to each:
 * assigned, changed or removed here, the mediator is told by e-mail.
 */
export function InterpretationPanel({ eventId }: { eventId: string }) {
  const { t } = useTranslation();
  const [notice, setNotice] = useState<string | null>(null);
  const needs = useQuery({
    queryKey: keys.interpretation(eventId),
    queryFn: () => outreach.interpretation(eventId),
  });
  const assigned = useQuery({
    queryKey: interpreterKeys.event(eventId),
    queryFn: () => interpreters.ofEvent(eventId),
  });
  const rows = needs.data && assigned.data ? byLanguage(needs.data, assigned.data.assignments) : [];
  return (
    <section aria-labelledby="interpreti" className="mt-5">
      <h2 id="interpreti" className="h4">
        {t('outreach.interpretation.title')}
      </h2>
      <p>{t('outreach.interpretation.intro')}</p>
      <p>{t('outreach.interpreters.intro')}</p>
      <Notice message={notice} />
      {needs.error || assigned.error ? (
        <LoadError error={needs.error ?? assigned.error} />
      ) : !needs.data || !assigned.data ? (
        <Loading />
      ) : rows.length === 0 ? (
        <p className="alert alert-info">{t('outreach.interpretation.empty')}</p>
      ) : (
        rows.map(([language, sessions]) => (
          <div key={language} className="mb-3">
            <h3 className="h5">{sentence(languageName(language))}</h3>
            <ul>
              {sessions.map((row) => (
                <li key={row.sessionId} className="mb-3">
                  {row.people > 0
                    ? t('outreach.interpretation.session', {
                        label: row.sessionLabel,
                        when: momentOf(row.startsAt),
                        count: row.people,
                      })
                    : t('outreach.interpreters.noLongerAsked', {
                        label: row.sessionLabel,
                        when: momentOf(row.startsAt),
                      })}
                  {row.accessibilityNeeds.length > 0 && (
                    <ul>
                      {row.accessibilityNeeds.map((text, index) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: two people may write the same need
                        <li key={index} className="lovit-prose">
                          {text}
                        </li>
                      ))}
                    </ul>
                  )}
                  <AssignmentControl
                    eventId={eventId}
                    row={row}
                    mediators={assigned.data.mediators}
                    onDone={setNotice}
                  />
                </li>
              ))}
            </ul>
          </div>
        ))
      )}
    </section>
  );
}

/** The mediator of a row with the buttons to change or remove them, or the button to assign one. */
function AssignmentControl({
  eventId,
  row,
  mediators,
  onDone,
}: {
  eventId: string;
  row: Row;
  mediators: OfficeMediator[];
  onDone: (notice: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [isEditing, setEditing] = useState(false);
  const [isConfirming, setConfirming] = useState(false);
  const { assignment } = row;
  const where = { language: languageName(row.language), label: row.sessionLabel };
  const context = <span className="visually-hidden">{t('outreach.interpreters.context', where)}</span>;
  const remove = useMutation({
    mutationFn: (id: string) => interpreters.remove(id),
    onSuccess: (view) => {
      setConfirming(false);
      queryClient.setQueryData(interpreterKeys.event(eventId), view);
      onDone(t('outreach.interpreters.removed', where));
    },
    onError: () => setConfirming(false),
  });
  if (isEditing)
    return (
      <AssignmentForm
        eventId={eventId}
        row={row}
        mediators={mediators}
        onClose={(notice) => {
          setEditing(false);
          if (notice) onDone(notice);
        }}
      />
    );
  if (!assignment)
    return (
      <p className="mt-2">
        <span className="me-3">{t('outreach.interpreters.none')}</span>
        <button type="button" className="btn btn-sm btn-outline-primary" onClick={() => setEditing(true)}>
          {t('outreach.interpreters.assign')}
          {context}
        </button>
      </p>
    );
  return (
    <div className="mt-2">
      <p className="mb-1">
        <strong>{t('outreach.interpreters.assigned', { name: assignment.mediatorName })}</strong>
        {!assignment.coversLanguage && (
          <span className="badge bg-warning text-dark ms-2">{t('outreach.interpreters.notCovering')}</span>
        )}
      </p>
      {assignment.note && (
        <p className="mb-1 lovit-prose">{t('outreach.interpreters.noteShown', { note: assignment.note })}</p>
      )}
      <button type="button" className="btn btn-sm btn-outline-primary me-2" onClick={() => setEditing(true)}>
        {t('outreach.interpreters.change')}
        {context}
      </button>
      <button type="button" className="btn btn-sm btn-outline-danger" onClick={() => setConfirming(true)}>
        {t('outreach.interpreters.remove')}
        {context}
      </button>
      {remove.error && (
        <p className="text-danger mt-1" role="alert">
          {problemText(remove.error, t('errors.generic'))}
        </p>
      )}
      <ConfirmDialog
        isOpen={isConfirming}
        title={t('outreach.interpreters.confirmTitle')}
        message={t('outreach.interpreters.confirmMessage', { ...where, name: assignment.mediatorName })}
        confirmLabel={t('outreach.interpreters.remove')}
        isPending={remove.isPending}
        onConfirm={() => remove.mutate(assignment.id)}
        onCancel={() => setConfirming(false)}
      />
    </div>
  );
}

type AssignmentFields = { mediatorId: string; note: string };

/**
 * The choice of a mediator for a row: those who cover its language, or every mediator, marked, when nobody
 * does; the one assigned stays among the choices to change only the note.
 */
function AssignmentForm({
  eventId,
  row,
  mediators,
  onClose,
}: {
  eventId: string;
  row: Row;
  mediators: OfficeMediator[];
  onClose: (notice?: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const { assignment } = row;
  // The form opens where the button that asked for it was: the choice takes the focus.
  const form = useForm<AssignmentFields>({
    defaultValues: { mediatorId: assignment?.mediatorId ?? '', note: assignment?.note ?? '' },
  });
  const offered = choosableMediators(mediators, row.language);
  const current = mediators.find((m) => m.id === assignment?.mediatorId);
  const options =
    current && !offered.mediators.includes(current) ? [current, ...offered.mediators] : offered.mediators;
  const where = { language: languageName(row.language), label: row.sessionLabel };
  const save = useMutation({
    mutationFn: ({ mediatorId, note }: AssignmentFields) => {
      const input = { mediatorId, note: note.trim() === '' ? null : note };
      return assignment
        ? interpreters.change(assignment.id, input)
        : interpreters.assign(row.sessionId, { ...input, language: row.language });
    },
    onSuccess: (view: Interpreters, values) => {
      queryClient.setQueryData(interpreterKeys.event(eventId), view);
      const name = mediators.find((m) => m.id === values.mediatorId)?.name ?? '';
      onClose(
        t(assignment ? 'outreach.interpreters.changed' : 'outreach.interpreters.done', { ...where, name }),
      );
    },
    onError: (error) => setProblem(reportProblem(error, form.setError, ['mediatorId', 'note'])),
  });
  if (mediators.length === 0)
    return (
      <div className="mt-2">
        <p className="alert alert-warning">{t('outreach.interpreters.noMediators')}</p>
        <button type="button" className="btn btn-sm btn-outline-primary" onClick={() => onClose()}>
          {t('actions.cancel')}
        </button>
      </div>
    );
  return (
    <form
      onSubmit={form.handleSubmit((values) => {
        setProblem(null);
        save.mutate(values);
      })}
      noValidate
      className="lovit-form mt-3"
      aria-label={t('outreach.interpreters.formLabel', where)}
    >
      <div className="row">
        <div className="col-12 col-md-6">
          <SelectField
            label={t('outreach.interpreters.mediator')}
            hint={offered.isFallback ? t('outreach.interpreters.fallbackHint') : undefined}
            registration={form.register('mediatorId')}
            error={form.formState.errors.mediatorId}
            autoFocus
          >
            <option value="">{t('outreach.interpreters.choose')}</option>
            {options.map((mediator) => (
              <option key={mediator.id} value={mediator.id}>
                {t(
                  mediator.languages.includes(row.language)
                    ? 'outreach.interpreters.option'
                    : 'outreach.interpreters.optionNotCovering',
                  {
                    name: mediator.name,
                    languages: languagesText(mediator.languages) || t('outreach.interpreters.noLanguages'),
                  },
                )}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="col-12 col-md-6">
          <TextField
            label={t('outreach.interpreters.note')}
            hint={t('outreach.interpreters.noteHint')}
            registration={form.register('note')}
            error={form.formState.errors.note}
          />
        </div>
      </div>
      <FormProblem message={problem} />
      <button type="submit" className="btn btn-primary btn-sm me-2" disabled={save.isPending}>
        {t(assignment ? 'outreach.interpreters.saveChange' : 'outreach.interpreters.save')}
      </button>
      <button type="button" className="btn btn-outline-primary btn-sm" onClick={() => onClose()}>
        {t('actions.cancel')}
      </button>
    </form>
  );
}
