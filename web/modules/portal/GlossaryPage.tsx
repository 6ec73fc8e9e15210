import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type GlossaryView, SHEET_STATUSES } from '../../../src/modules/portal/sheets/contract.ts';
import { ApiError, api } from '../../app/api.ts';
import { usePermission } from '../../app/session.ts';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { Page } from '../../ui/Page.tsx';
import { type Column, EditTable } from './EditTable.tsx';

const KEY = ['portal', 'glossary'] as const;
const languageNames = new Intl.DisplayNames(['it'], { type: 'language' });
const EMPTY: GlossaryView = {
  termKey: '',
  language: 'it',
  term: '',
  definition: '',
  status: 'DRAFT',
  publishedTerm: null,
  publishedDefinition: null,
};

/**
 * The glossary of the portal: the legal terms the procedure sheets use, explained in plain words in each
 * language. A sheet shows the explanation of every term of its language that appears in its text.
 */
export function GlossaryPage() {
  const { t } = useTranslation();
  const [selected, setSelected] = useState<GlossaryView>(EMPTY);
  const [notice, setNotice] = useState<string | null>(null);
  const list = useQuery({ queryKey: KEY, queryFn: () => api.get<GlossaryView[]>('/api/portal/glossary') });
  return (
    <Page
      title={t('portal.glossary.title')}
      trail={[{ label: t('modules.outreach.title'), to: '/comunicazione' }]}
    >
      <Notice message={notice} />
      <p>{t('portal.glossary.intro')}</p>
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <LoadError error={list.error} />
      ) : list.data.length === 0 ? (
        <p>{t('portal.glossary.empty')}</p>
      ) : (
        <TermTable terms={list.data} onEdit={setSelected} />
      )}
      <TermEditor key={`${selected.termKey}/${selected.language}`} selected={selected} onDone={setNotice} />
    </Page>
  );
}

function TermTable({ terms, onEdit }: { terms: GlossaryView[]; onEdit: (term: GlossaryView) => void }) {
  const { t } = useTranslation();
  const columns: Column<GlossaryView>[] = [
    { header: t('portal.glossary.termKey'), cell: (term) => term.termKey },
    { header: t('portal.sheets.language'), cell: (term) => languageNames.of(term.language) },
    { header: t('portal.glossary.term'), cell: (term) => term.term, lang: (term) => term.language },
    {
      header: t('portal.glossary.definition'),
      cell: (term) => term.definition,
      lang: (term) => term.language,
    },
    { header: t('portal.sheets.status'), cell: (term) => SHEET_STATUSES[term.status] },
  ];
  return (
    <EditTable
      label={t('portal.glossary.title')}
      columns={columns}
      rows={terms}
      rowKey={(term) => `${term.termKey}/${term.language}`}
      editLabel={(term) => t('portal.sheets.edit', { sheet: term.termKey, language: term.language })}
      onEdit={onEdit}
    />
  );
}

function TermEditor({ selected, onDone }: { selected: GlossaryView; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [term, setTerm] = useState<GlossaryView>(selected);
  const [problem, setProblem] = useState<string | null>(null);
  const ids = { termKey: useId(), language: useId(), term: useId(), definition: useId() };
  const canReview = usePermission('portal.sheets.review');
  const canPublish = usePermission('portal.sheets.publish');
  const url = `/api/portal/glossary/${term.language}/${term.termKey}`;
  const save = useMutation({
    mutationFn: (step: 'save' | 'review' | 'publish') =>
      step === 'save'
        ? api.put<GlossaryView>(url, { term: term.term, definition: term.definition })
        : api.post<GlossaryView>(`${url}/${step}`),
    onSuccess: (saved) => {
      setProblem(null);
      setTerm(saved);
      onDone(
        t('portal.glossary.saved', {
          term: saved.term,
          language: languageNames.of(saved.language),
          status: SHEET_STATUSES[saved.status].toLowerCase(),
        }),
      );
      return client.invalidateQueries({ queryKey: KEY });
    },
    onError: (error) => setProblem(error instanceof ApiError ? error.userMessage : String(error)),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate('save');
  };
  const field = (name: keyof typeof ids) => ({
    id: ids[name],
    className: 'form-control',
    required: true,
    value: term[name],
    onChange: (event: { target: { value: string } }) => setTerm({ ...term, [name]: event.target.value }),
  });
  return (
    <section aria-labelledby="glossary-editor" className="mt-5">
      <h2 id="glossary-editor" className="h4">
        {selected.termKey ? t('portal.glossary.editing', { term: selected.term }) : t('portal.glossary.new')}
      </h2>
      {problem && (
        <div className="alert alert-danger" role="alert">
          {problem}
        </div>
      )}
      <form onSubmit={submit} className="lovit-form">
        <div className="d-flex flex-wrap gap-3">
          <div className="form-group">
            <label htmlFor={ids.termKey} className="active">
              {t('portal.glossary.termKeyHint')}
            </label>
            <input {...field('termKey')} pattern="[a-z0-9\-]{2,60}" readOnly={!!selected.termKey} />
          </div>
          <div className="form-group">
            <label htmlFor={ids.language} className="active">
              {t('portal.sheets.languageCode')}
            </label>
            <input {...field('language')} pattern="[a-z]{2,3}" readOnly={!!selected.termKey} />
          </div>
        </div>
        <div className="form-group">
          <label htmlFor={ids.term} className="active">
            {t('portal.glossary.term')}
          </label>
          <input {...field('term')} maxLength={120} lang={term.language} />
        </div>
        <div className="form-group">
          <label htmlFor={ids.definition} className="active">
            {t('portal.glossary.definition')}
          </label>
          <textarea {...field('definition')} rows={3} maxLength={1000} lang={term.language} />
        </div>
        <div className="d-flex flex-wrap gap-2">
          <button type="submit" className="btn btn-primary" disabled={save.isPending}>
            {t('portal.glossary.save')}
          </button>
          {canReview && selected.termKey && term.status === 'DRAFT' && (
            <button type="button" className="btn btn-outline-primary" onClick={() => save.mutate('review')}>
              {t('portal.glossary.review')}
            </button>
          )}
          {canPublish && selected.termKey && term.status === 'REVIEWED' && (
            <button type="button" className="btn btn-outline-primary" onClick={() => save.mutate('publish')}>
              {t('portal.glossary.publish')}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
