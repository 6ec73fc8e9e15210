import { type FormEvent, type ReactNode, useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';

type FilterFormProps = {
  label: string;
  /**
   * For a list that shares its page with another list: the parameter of its page. The form then changes only
   * its own fields and that page in the address, and the other list keeps its filters and page.
   */
  pageParam?: string;
  children: ReactNode;
};

/** The names of a form's fields. */
const fieldNames = (form: HTMLFormElement) =>
  Array.from(form.elements).flatMap((element) =>
    (element instanceof HTMLInputElement || element instanceof HTMLSelectElement) && element.name
      ? [element.name]
      : [],
  );

/**
 * The filters of a list, kept in the address (`?q=lodi&type=MUNICIPALITY`) so that a filtered list can be
 * bookmarked and the Back button restores it. Searching starts again from the first page.
 */
export function FilterForm({ label, pageParam, children }: FilterFormProps) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    const form = formRef.current;
    if (!form) return;
    for (const element of Array.from(form.elements)) {
      if (element instanceof HTMLInputElement || element instanceof HTMLSelectElement) {
        if (element.name) element.value = params.get(element.name) ?? '';
      }
    }
  }, [params]);

  /** What the address keeps besides this form's filters: nothing, or the other lists' filters and pages. */
  const othersOf = (form: HTMLFormElement | null): URLSearchParams => {
    if (!pageParam || !form) return new URLSearchParams();
    const kept = new URLSearchParams(params);
    for (const name of [...fieldNames(form), pageParam]) kept.delete(name);
    return kept;
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next = othersOf(event.currentTarget);
    for (const [name, value] of new FormData(event.currentTarget)) {
      if (typeof value === 'string' && value.trim() !== '') next.set(name, value.trim());
    }
    setParams(next);
  };

  return (
    <search aria-label={label} className="lovit-filters d-block mb-4">
      <form ref={formRef} onSubmit={submit}>
        <div className="row">{children}</div>
        <div className="d-flex flex-wrap gap-3">
          <button type="submit" className="btn btn-primary">
            {t('filters.search')}
          </button>
          <button
            type="button"
            className="btn btn-outline-primary"
            onClick={() => setParams(othersOf(formRef.current))}
          >
            {t('filters.clear')}
          </button>
        </div>
      </form>
    </search>
  );
}

type FilterProps = { name: string; label: string; className?: string };

export function FilterText({
  name,
  label,
  type = 'text',
  className = 'col-12 col-md-6 col-lg-4',
}: FilterProps & { type?: 'text' | 'search' | 'date' }) {
  const id = useId();
  const [params] = useSearchParams();
  return (
    <div className={className}>
      <div className="form-group">
        <label htmlFor={id} className="active">
          {label}
        </label>
        <input
          id={id}
          name={name}
          type={type}
          className="form-control"
          defaultValue={params.get(name) ?? ''}
        />
      </div>
    </div>
  );
}

export function FilterSelect({
  name,
  label,
  children,
  className = 'col-12 col-md-6 col-lg-4',
}: FilterProps & { children: ReactNode }) {
  const id = useId();
  const [params] = useSearchParams();
  return (
    <div className={className}>
      <div className="select-wrapper lovit-field">
        <label htmlFor={id}>{label}</label>
        <select id={id} name={name} defaultValue={params.get(name) ?? ''}>
          {children}
        </select>
      </div>
    </div>
  );
}
