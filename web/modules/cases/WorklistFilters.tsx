import { type FormEvent, type ReactNode, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { User } from '../../../src/modules/identity/contract.ts';
import { usePermission } from '../../app/session.ts';
import type { CaseTypeView } from './requests.ts';
import { languageChoices, latestTypes, statesOf } from './vocabulary.ts';

/** The worklist's filters as the address holds them (`?deadline=DUE_SOON&type=WORK_CLEARANCE`). */
export const WORKLIST_FILTERS = [
  'q',
  'type',
  'state',
  'assignee',
  'deadline',
  'awaitingOpinions',
  'language',
  'closed',
  'sort',
] as const;
export type WorklistFilter = (typeof WORKLIST_FILTERS)[number];
export type WorklistFilters = Partial<Record<WorklistFilter, string>>;

export function filtersFrom(params: URLSearchParams): WorklistFilters {
  const filters: WorklistFilters = {};
  for (const name of WORKLIST_FILTERS) {
    const value = params.get(name);
    if (value) filters[name] = value;
  }
  return filters;
}

export function searchOf(filters: WorklistFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const name of WORKLIST_FILTERS) {
    const value = filters[name]?.trim();
    if (value) params.set(name, value);
  }
  return params;
}

type WorklistFiltersProps = {
  /** The case types, when the user may read them: without them there is no choice of type or state. */
  types: readonly CaseTypeView[] | undefined;
  staff: readonly User[] | undefined;
};

/**
 * The worklist's filters, kept in the address so that a filtered list can be bookmarked and saved as a view.
 * The choice of state follows the type chosen in the form, before it is applied.
 */
export function WorklistFiltersForm({ types, staff }: WorklistFiltersProps) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [values, setValues] = useState<WorklistFilters>(() => filtersFrom(params));
  const search = params.toString();
  // decision 049: a mediator sees no due date, assignee or opinions, so does not filter or sort by them
  const canAct = usePermission('cases.act');
  const canAnswer = usePermission('cases.legal.answer');
  const readsWholeCases = canAct || canAnswer;

  useEffect(() => {
    setValues(filtersFrom(new URLSearchParams(search)));
  }, [search]);

  const change = (name: WorklistFilter) => (value: string) =>
    setValues((current) => ({
      ...current,
      [name]: value,
      // a state belongs to a type: another type makes the chosen state meaningless
      ...(name === 'type' ? { state: '' } : {}),
    }));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setParams(searchOf(values));
  };

  const states = types ? statesOf(types, values.type || undefined) : [];

  return (
    <search aria-label={t('cases.filters.label')} className="lovit-filters d-block mb-4">
      <form onSubmit={submit}>
        <div className="row">
          <TextFilter label={t('cases.filters.q')} value={values.q} onChange={change('q')} />
          {types && (
            <>
              <SelectFilter label={t('cases.filters.type')} value={values.type} onChange={change('type')}>
                <option value="">{t('filters.all')}</option>
                {latestTypes(types).map((type) => (
                  <option key={type.code} value={type.code}>
                    {type.name}
                  </option>
                ))}
              </SelectFilter>
              <SelectFilter label={t('cases.filters.state')} value={values.state} onChange={change('state')}>
                <option value="">{t('filters.all')}</option>
                {states.map((state) => (
                  <option key={state.code} value={state.code}>
                    {state.label}
                  </option>
                ))}
              </SelectFilter>
            </>
          )}
          {readsWholeCases && (
            <>
              <SelectFilter
                label={t('cases.filters.assignee')}
                value={values.assignee}
                onChange={change('assignee')}
              >
                <option value="">{t('filters.allFeminine')}</option>
                <option value="me">{t('cases.filters.mine')}</option>
                <option value="none">{t('cases.filters.unassigned')}</option>
                {staff?.map((user) => (
                  <option key={user.id} value={user.id}>
                    {user.givenName} {user.familyName}
                  </option>
                ))}
              </SelectFilter>
              <SelectFilter
                label={t('cases.filters.deadline')}
                value={values.deadline}
                onChange={change('deadline')}
              >
                <option value="">{t('filters.allFeminine')}</option>
                <option value="DUE_SOON">{t('cases.filters.dueSoon')}</option>
                <option value="OVERDUE">{t('cases.filters.overdue')}</option>
              </SelectFilter>
              <SelectFilter
                label={t('cases.filters.opinions')}
                value={values.awaitingOpinions}
                onChange={change('awaitingOpinions')}
              >
                <option value="">{t('filters.allFeminine')}</option>
                <option value="true">{t('cases.filters.awaitingOpinions')}</option>
                <option value="false">{t('cases.filters.notAwaitingOpinions')}</option>
              </SelectFilter>
            </>
          )}
          <SelectFilter
            label={t('cases.filters.language')}
            value={values.language}
            onChange={change('language')}
          >
            <option value="">{t('filters.allFeminine')}</option>
            {languageChoices().map(({ code, name }) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </SelectFilter>
          <SelectFilter label={t('cases.filters.closed')} value={values.closed} onChange={change('closed')}>
            <option value="">{t('cases.filters.openOnly')}</option>
            <option value="true">{t('cases.filters.closedOnly')}</option>
            <option value="all">{t('cases.filters.openAndClosed')}</option>
          </SelectFilter>
          <SelectFilter label={t('cases.filters.sort')} value={values.sort} onChange={change('sort')}>
            {readsWholeCases ? (
              <>
                <option value="">{t('cases.filters.sortDueOn')}</option>
                <option value="receivedAt">{t('cases.filters.sortReceivedAt')}</option>
              </>
            ) : (
              <option value="">{t('cases.filters.sortReceivedAt')}</option>
            )}
            <option value="-receivedAt">{t('cases.filters.sortReceivedAtDescending')}</option>
          </SelectFilter>
        </div>
        <div className="d-flex flex-wrap gap-3">
          <button type="submit" className="btn btn-primary">
            {t('filters.search')}
          </button>
          <button
            type="button"
            className="btn btn-outline-primary"
            onClick={() => setParams(new URLSearchParams())}
          >
            {t('filters.clear')}
          </button>
        </div>
      </form>
    </search>
  );
}

type FilterProps = { label: string; value: string | undefined; onChange: (value: string) => void };
const COLUMN = 'col-12 col-md-6 col-lg-4';

function TextFilter({ label, value, onChange }: FilterProps) {
  const id = useId();
  return (
    <div className={COLUMN}>
      <div className="form-group">
        <label htmlFor={id} className="active">
          {label}
        </label>
        <input
          id={id}
          type="search"
          className="form-control"
          value={value ?? ''}
          onChange={(event) => onChange(event.target.value)}
        />
      </div>
    </div>
  );
}

function SelectFilter({ label, value, onChange, children }: FilterProps & { children: ReactNode }) {
  const id = useId();
  return (
    <div className={COLUMN}>
      <div className="select-wrapper lovit-field">
        <label htmlFor={id}>{label}</label>
        <select id={id} value={value ?? ''} onChange={(event) => onChange(event.target.value)}>
          {children}
        </select>
      </div>
    </div>
  );
}
