import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  RECTIFIABLE_FIELDS,
  type RectifiableField,
  type RectificationHistory,
  type RectificationInput,
} from '../../../src/modules/cases/privacy/contract.ts';
import { ApiError, api, fieldPath } from '../../app/api.ts';
import { usePermission } from '../../app/session.ts';
import { formatDate, formatDateTime } from '../../ui/dates.ts';
import { sentence } from '../../ui/fields.tsx';
import { FormProblem } from '../../ui/forms.tsx';
import { LoadError } from '../../ui/Loading.tsx';
import { type CaseDetail, keys, type Person } from './requests.ts';
import { countryChoices, countryName } from './vocabulary.ts';

const historyUrl = (personId: string) => `/api/cases/persons/${encodeURIComponent(personId)}/rectifications`;
const historyKey = (personId: string) => ['cases', 'persons', personId, 'rectifications'] as const;

/** The value a field has now, as the form shows it (empty for none). */
function currentValue(person: Person, field: RectifiableField): string {
  if (field === 'passportNumber') return person.passport?.number ?? '';
  return (person[field] as string | null | undefined) ?? '';
}

const OPTIONAL: readonly RectifiableField[] = ['passportNumber', 'fiscalCode', 'address', 'email', 'phone'];
const FIELDS = Object.keys(RECTIFIABLE_FIELDS) as RectifiableField[];

/** A value of the history as the clerk reads it: a day in words, a country by its name. */
function shownValue(t: TFunction, field: string, value: string | null): string {
  if (value === null || value === '') return t('privacyPages.noValue');
  if (field === 'birthDate') return formatDate(value);
  if (field === 'citizenship') return countryName(value);
  return value;
}

const fullName = (person: Person) => `${person.surname} ${person.givenName}`;

/**
 * Rectification of a person's data (GDPR art. 16), beside the parties: for each person of the case, its
 * history and, for the SUI manager, the dialog to correct it.
 */
export function PersonRectifications({
  detail,
  onDone,
}: {
  detail: CaseDetail;
  onDone: (notice: string) => void;
}) {
  const { t } = useTranslation();
  const canRectify = usePermission('cases.persons.rectify');
  const canRead = usePermission('cases.act');
  const [editing, setEditing] = useState<Person | null>(null);
  const persons = detail.parties.flatMap((party) =>
    party.person ? [{ label: party.label, person: party.person }] : [],
  );
  if (persons.length === 0 || !(canRead || canRectify)) return null;
  return (
    <section aria-labelledby="pratica-rettifiche" className="mb-5">
      <h2 id="pratica-rettifiche" className="h5">
        {t('privacyPages.rectification.heading')}
      </h2>
      {persons.map(({ label, person }) => (
        <article key={person.id} className="mb-3">
          <h3 className="h6">
            {t('privacyPages.rectification.person', { role: label, name: fullName(person) })}
          </h3>
          {canRead && <History personId={person.id} />}
          {canRectify && (
            <button
              type="button"
              className="btn btn-outline-primary btn-sm"
              onClick={() => setEditing(person)}
            >
              {t('privacyPages.rectification.rectify', { name: fullName(person) })}
            </button>
          )}
        </article>
      ))}
      <RectificationDialog
        caseId={detail.id}
        person={editing}
        onClose={() => setEditing(null)}
        onDone={(notice) => {
          setEditing(null);
          onDone(notice);
        }}
      />
    </section>
  );
}

function History({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const history = useQuery({
    queryKey: historyKey(personId),
    queryFn: () => api.get<RectificationHistory>(historyUrl(personId)),
  });
  if (history.isError) return <LoadError error={history.error} />;
  if (!history.data) return null;
  if (history.data.items.length === 0)
    return <p className="small">{t('privacyPages.rectification.noHistory')}</p>;
  return (
    <ul className="small">
      {history.data.items.map((item) => {
        const line = {
          at: formatDateTime(item.rectifiedAt),
          field: FIELDS.includes(item.field as RectifiableField)
            ? t(`privacyPages.rectification.fields.${item.field as RectifiableField}`)
            : item.fieldLabel,
          from: shownValue(t, item.field, item.previousValue),
          to: shownValue(t, item.field, item.newValue),
          reason: item.reason,
        };
        return (
          <li key={item.id}>
            {item.rectifiedBy
              ? t('privacyPages.rectification.historyItemBy', { ...line, by: item.rectifiedBy })
              : t('privacyPages.rectification.historyItem', line)}
          </li>
        );
      })}
    </ul>
  );
}

function RectificationDialog({
  caseId,
  person,
  onClose,
  onDone,
}: {
  caseId: string;
  person: Person | null;
  onClose: () => void;
  onDone: (notice: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const formId = useId();
  const [values, setValues] = useState<Record<RectifiableField, string>>({} as never);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Partial<Record<RectifiableField | 'reason', string>>>({});
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (person && !dialog.open) {
      setValues(
        Object.fromEntries(FIELDS.map((field) => [field, currentValue(person, field)])) as Record<
          RectifiableField,
          string
        >,
      );
      setReason('');
      setErrors({});
      setProblem(null);
      dialog.showModal();
    }
    if (!person && dialog.open) dialog.close();
  }, [person]);

  const changes = (): RectificationInput['changes'] => {
    if (!person) return {};
    const changed: Record<string, string | null> = {};
    for (const field of FIELDS) {
      const value = values[field]?.trim() ?? '';
      if (value === currentValue(person, field)) continue;
      changed[field] = value === '' && OPTIONAL.includes(field) ? null : value;
    }
    return changed;
  };

  const focusFirstError = (found: typeof errors) => {
    const first = [...FIELDS, 'reason' as const].find((name) => found[name]);
    if (first) document.getElementById(`${formId}-${first}`)?.focus();
  };

  const rectify = useMutation({
    mutationFn: () =>
      api.post<RectificationHistory>(historyUrl(person?.id ?? ''), {
        changes: changes(),
        reason: reason.trim(),
      }),
    onSuccess: (history) => {
      if (person) queryClient.setQueryData(historyKey(person.id), history);
      void queryClient.invalidateQueries({ queryKey: keys.case(caseId) });
      onDone(t('privacyPages.rectification.done'));
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) {
        setProblem(t('privacyPages.failed'));
        return;
      }
      const placed: Partial<Record<RectifiableField | 'reason', string>> = {};
      let unplaced = false;
      for (const fault of error.problem.errors ?? []) {
        const field = fieldPath(fault.path).replace(/^changes\./, '');
        if (field in RECTIFIABLE_FIELDS || field === 'reason')
          placed[field as RectifiableField | 'reason'] = sentence(fault.message) ?? fault.message;
        else unplaced = true;
      }
      setErrors(placed);
      setProblem(Object.keys(placed).length === 0 || unplaced ? error.userMessage : null);
      focusFirstError(placed);
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const missing: typeof errors = {};
    if (!reason.trim()) missing.reason = t('privacyPages.rectification.dialog.reasonMissing');
    setErrors(missing);
    if (Object.keys(changes()).length === 0) {
      setProblem(t('privacyPages.rectification.dialog.nothingChanged'));
      document.getElementById(`${formId}-${FIELDS[0]}`)?.focus();
      return;
    }
    setProblem(null);
    if (missing.reason) focusFirstError(missing);
    else rectify.mutate();
  };

  const field = (name: RectifiableField, type = 'text') => {
    const id = `${formId}-${name}`;
    const error = errors[name];
    const invalid = {
      'aria-invalid': error ? true : undefined,
      'aria-describedby': error ? `${id}-errore` : undefined,
    };
    return (
      <div className="form-group" key={name}>
        <label htmlFor={id} className="active">
          {t(`privacyPages.rectification.fields.${name}`)}
        </label>
        {name === 'citizenship' ? (
          <select
            id={id}
            className={`form-select${error ? ' is-invalid' : ''}`}
            {...invalid}
            value={values[name] ?? ''}
            onChange={(event) => setValues({ ...values, [name]: event.target.value })}
          >
            {values[name] && !countryChoices().some((choice) => choice.code === values[name]) && (
              <option value={values[name]}>{countryName(values[name])}</option>
            )}
            {countryChoices().map((choice) => (
              <option key={choice.code} value={choice.code}>
                {choice.name}
              </option>
            ))}
          </select>
        ) : (
          <input
            id={id}
            type={type}
            className={`form-control${error ? ' is-invalid' : ''}`}
            {...invalid}
            value={values[name] ?? ''}
            onChange={(event) => setValues({ ...values, [name]: event.target.value })}
          />
        )}
        {error && (
          <div id={`${id}-errore`} className="invalid-feedback d-block">
            {error}
          </div>
        )}
      </div>
    );
  };

  return (
    <dialog
      ref={dialogRef}
      className="lovit-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      {person && (
        <form onSubmit={submit} noValidate>
          <h2 id={titleId} className="h4">
            {t('privacyPages.rectification.dialog.title', { name: fullName(person) })}
          </h2>
          <p>{t('privacyPages.rectification.dialog.intro')}</p>
          {field('surname')}
          {field('givenName')}
          {field('birthDate', 'date')}
          {field('birthPlace')}
          {field('citizenship')}
          {field('passportNumber')}
          {field('fiscalCode')}
          {field('address')}
          {field('email', 'email')}
          {field('phone', 'tel')}
          <div className="form-group mt-4">
            <label htmlFor={`${formId}-reason`} className="active">
              {t('privacyPages.rectification.dialog.reason')}
            </label>
            <textarea
              id={`${formId}-reason`}
              className={`form-control${errors.reason ? ' is-invalid' : ''}`}
              rows={3}
              maxLength={500}
              value={reason}
              aria-invalid={errors.reason ? true : undefined}
              aria-describedby={
                errors.reason ? `${formId}-reason-aiuto ${formId}-reason-errore` : `${formId}-reason-aiuto`
              }
              onChange={(event) => setReason(event.target.value)}
            />
            <small id={`${formId}-reason-aiuto`} className="form-text">
              {t('privacyPages.rectification.dialog.reasonHint')}
            </small>
            {errors.reason && (
              <div id={`${formId}-reason-errore`} className="invalid-feedback d-block">
                {errors.reason}
              </div>
            )}
          </div>
          <FormProblem message={problem} />
          <div className="d-flex flex-wrap gap-2 justify-content-end">
            <button type="button" className="btn btn-outline-primary" onClick={onClose}>
              {t('actions.cancel')}
            </button>
            <button type="submit" className="btn btn-primary" disabled={rectify.isPending}>
              {t('privacyPages.rectification.dialog.submit')}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
