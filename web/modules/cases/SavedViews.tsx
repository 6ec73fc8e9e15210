import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import i18next from 'i18next';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError, fieldPath } from '../../app/api.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { sentence } from '../../ui/fields.tsx';
import { FormProblem } from '../../ui/forms.tsx';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { keys, type SavedView, type SavedViewInput, savedViews } from './requests.ts';
import { filtersFrom, searchOf, type WorklistFilters } from './WorklistFilters.tsx';

/** The user's saved views of the worklist: open one, save the current filters under a name, delete one. */
export function SavedViews({ onChange }: { onChange: (notice: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const views = useQuery({ queryKey: keys.views, queryFn: savedViews.list });
  const [toDelete, setToDelete] = useState<SavedView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const remove = useMutation({
    mutationFn: (view: SavedView) => savedViews.remove(view.id),
    onSuccess: (_, view) => {
      setToDelete(null);
      setProblem(null);
      void queryClient.invalidateQueries({ queryKey: keys.views });
      onChange(t('cases.views.deleted', { name: view.name }));
    },
    onError: (error) => {
      setToDelete(null);
      setProblem(error instanceof ApiError ? error.userMessage : t('errors.generic'));
    },
  });
  const current = searchOf(filtersFrom(params)).toString();

  return (
    <section aria-labelledby="viste-salvate" className="mb-4">
      <h2 id="viste-salvate" className="h5">
        {t('cases.views.heading')}
      </h2>
      {views.isPending ? (
        <Loading />
      ) : views.error ? (
        <LoadError error={views.error} />
      ) : views.data.length === 0 ? (
        <p>{t('cases.views.none')}</p>
      ) : (
        <ul className="list-unstyled">
          {views.data.map((view) => {
            const search = searchOf(view.filters as WorklistFilters).toString();
            return (
              <li key={view.id} className="d-flex flex-wrap align-items-center gap-3 mb-2">
                <Link
                  to={`/pratiche${search ? `?${search}` : ''}`}
                  aria-current={search === current || undefined}
                >
                  {view.name}
                </Link>
                <button
                  type="button"
                  className="btn btn-outline-danger btn-xs"
                  onClick={() => setToDelete(view)}
                >
                  {t('cases.views.delete')}
                  <span className="visually-hidden"> {view.name}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <FormProblem message={problem} />
      <SaveViewForm filters={filtersFrom(params)} onSaved={onChange} />
      <ConfirmDialog
        isOpen={toDelete !== null}
        title={t('cases.views.confirmTitle', { name: toDelete?.name ?? '' })}
        message={t('cases.views.confirmMessage')}
        confirmLabel={t('cases.views.delete')}
        isPending={remove.isPending}
        onConfirm={() => toDelete && remove.mutate(toDelete)}
        onCancel={() => setToDelete(null)}
      />
    </section>
  );
}

function SaveViewForm({ filters, onSaved }: { filters: WorklistFilters; onSaved: (notice: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const id = useId();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () => savedViews.create({ name, filters: filters as SavedViewInput['filters'] }),
    onSuccess: (view) => {
      setName('');
      setError(null);
      void queryClient.invalidateQueries({ queryKey: keys.views });
      onSaved(t('cases.views.saved', { name: view.name }));
    },
    onError: (problem) => setError(messageOf(problem)),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setError(t('validation.required'));
      return;
    }
    save.mutate();
  };

  return (
    <form onSubmit={submit} noValidate className="lovit-form d-flex flex-wrap align-items-start gap-3">
      <div className="form-group mb-0 flex-grow-1">
        <label htmlFor={id} className="active">
          {t('cases.views.name')}
        </label>
        <input
          id={id}
          type="text"
          className={`form-control${error ? ' is-invalid' : ''}`}
          value={name}
          maxLength={80}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-errore` : undefined}
          onChange={(event) => setName(event.target.value)}
        />
        {error && (
          <div id={`${id}-errore`} className="invalid-feedback d-block">
            {error}
          </div>
        )}
      </div>
      <button type="submit" className="btn btn-outline-primary" disabled={save.isPending}>
        {t('cases.views.save')}
      </button>
    </form>
  );
}

function messageOf(error: unknown): string {
  if (!(error instanceof ApiError)) return i18next.t('errors.generic');
  const field = error.problem.errors?.find(({ path }) => fieldPath(path) === 'name');
  return sentence(field?.message) ?? error.userMessage;
}
