import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type Provenance,
  SHEET_SECTIONS,
  SHEET_STATUSES,
  type SheetContent,
  type SheetTextView,
  TRANSLATION_METHODS,
} from '../../../src/modules/portal/sheets/contract.ts';
import { ApiError, api } from '../../app/api.ts';
import { usePermission } from '../../app/session.ts';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { Page } from '../../ui/Page.tsx';
import { type Column, EditTable } from './EditTable.tsx';
import { FeedbackCounts } from './FeedbackCounts.tsx';

const KEY = ['portal', 'sheets'] as const;
const FIELDS = ['title', 'summary', 'inThreeSteps', ...SHEET_SECTIONS, 'references'] as const;
const REQUIRED: readonly string[] = ['title', 'summary', 'what'];
const languageNames = new Intl.DisplayNames(['it'], { type: 'language' });
const dateTime = new Intl.DateTimeFormat('it-IT', { dateStyle: 'short', timeStyle: 'short' });
const day = new Intl.DateTimeFormat('it-IT', { dateStyle: 'long' });

type Selected = { code: string; language: string; content: SheetContent };

/**
 * The procedure sheets of the public portal in every language: write a draft, have it reviewed (the Italian
 * text by the legal expert, a translation by a mediator of its language), publish it.
 */
export function SheetsPage() {
  const { t } = useTranslation();
  const [selected, setSelected] = useState<Selected | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const list = useQuery({ queryKey: KEY, queryFn: () => api.get<SheetTextView[]>('/api/portal/sheets') });
  return (
    <Page
      title={t('portal.sheets.title')}
      trail={[{ label: t('modules.outreach.title'), to: '/comunicazione' }]}
    >
      <Notice message={notice} />
      <p>{t('portal.sheets.intro')}</p>
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <LoadError error={list.error} />
      ) : (
        <>
          <SheetTable texts={list.data} onEdit={(text) => setSelected(text)} />
          <NewTranslation texts={list.data} onStart={setSelected} />
          <FeedbackCounts />
        </>
      )}
      {selected && (
        <SheetEditor
          key={`${selected.code}/${selected.language}`}
          selected={selected}
          text={list.data?.find((x) => x.code === selected.code && x.language === selected.language)}
          onDone={setNotice}
        />
      )}
    </Page>
  );
}

function SheetTable({ texts, onEdit }: { texts: SheetTextView[]; onEdit: (text: SheetTextView) => void }) {
  const { t } = useTranslation();
  const columns: Column<SheetTextView>[] = [
    { header: t('portal.sheets.sheet'), cell: (text) => text.content.title },
    { header: t('portal.sheets.language'), cell: (text) => languageNames.of(text.language) },
    {
      header: t('portal.sheets.status'),
      cell: (text) => (
        <>
          {SHEET_STATUSES[text.status]} ({t('portal.sheets.revision', { revision: text.revision })})
          {text.outOfDate && (
            <span className="badge bg-warning text-dark ms-2">{t('portal.sheets.outOfDate')}</span>
          )}
        </>
      ),
    },
    {
      header: t('portal.sheets.published'),
      cell: (text) => (text.publishedAt ? dateTime.format(new Date(text.publishedAt)) : '—'),
    },
    {
      header: t('portal.sheets.validation'),
      cell: (text) =>
        text.publishedReview
          ? t('portal.sheets.validatedBy', {
              name: text.publishedReview.by,
              date: day.format(new Date(text.publishedReview.at)),
            })
          : text.publishedAt
            ? t('portal.sheets.publishedAsDraft')
            : '—',
    },
  ];
  return (
    <EditTable
      label={t('portal.sheets.title')}
      columns={columns}
      rows={texts}
      rowKey={(text) => `${text.code}/${text.language}`}
      editLabel={(text) => t('portal.sheets.edit', { sheet: text.code, language: text.language })}
      onEdit={onEdit}
    />
  );
}

/** Starts a translation from the Italian text of a sheet. */
function NewTranslation({
  texts,
  onStart,
}: {
  texts: SheetTextView[];
  onStart: (selected: Selected) => void;
}) {
  const { t } = useTranslation();
  const sources = texts.filter((text) => text.language === 'it');
  const [code, setCode] = useState(sources[0]?.code ?? '');
  const [language, setLanguage] = useState('');
  const sheetId = useId();
  const languageId = useId();
  const start = (event: FormEvent) => {
    event.preventDefault();
    const source = sources.find((text) => text.code === code);
    if (source) onStart({ code, language: language.trim().toLowerCase(), content: source.content });
  };
  return (
    <form onSubmit={start} className="lovit-form d-flex flex-wrap align-items-end gap-3 my-4">
      <div className="select-wrapper">
        <label htmlFor={sheetId}>{t('portal.sheets.sheet')}</label>
        <select id={sheetId} value={code} onChange={(event) => setCode(event.target.value)}>
          {sources.map((text) => (
            <option key={text.code} value={text.code}>
              {text.content.title}
            </option>
          ))}
        </select>
      </div>
      <div className="form-group mb-0">
        <label htmlFor={languageId} className="active">
          {t('portal.sheets.languageCode')}
        </label>
        <input
          id={languageId}
          className="form-control"
          required
          pattern="[a-z]{2,3}"
          value={language}
          onChange={(event) => setLanguage(event.target.value)}
        />
      </div>
      <button type="submit" className="btn btn-outline-primary">
        {t('portal.sheets.translate')}
      </button>
    </form>
  );
}

function SheetEditor({
  selected,
  text,
  onDone,
}: {
  selected: Selected;
  text: SheetTextView | undefined;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const canReview = usePermission('portal.sheets.review');
  const canPublish = usePermission('portal.sheets.publish');
  const [content, setContent] = useState<SheetContent>(selected.content);
  const [origin, setOrigin] = useState<Provenance | null>(text?.provenance ?? null);
  const [problem, setProblem] = useState<string | null>(null);
  const base = `/api/portal/sheets/${selected.code}/${selected.language}`;
  const step = useMutation({
    mutationFn: (action: 'save' | 'review' | 'publish') =>
      action === 'save'
        ? api.put<SheetTextView>(base, origin ? { ...content, provenance: origin } : content)
        : api.post<SheetTextView>(`${base}/${action}`),
    onSuccess: (saved) => {
      setProblem(null);
      onDone(t('portal.sheets.done', { status: SHEET_STATUSES[saved.status], revision: saved.revision }));
      return client.invalidateQueries({ queryKey: KEY });
    },
    onError: (error) => setProblem(error instanceof ApiError ? error.userMessage : String(error)),
  });
  const save = (event: FormEvent) => {
    event.preventDefault();
    step.mutate('save');
  };
  return (
    <section aria-labelledby="editor" className="mt-5">
      <h2 id="editor" className="h4">
        {t('portal.sheets.editing', { sheet: selected.code, language: languageNames.of(selected.language) })}
      </h2>
      {problem && (
        <div className="alert alert-danger" role="alert">
          {problem}
        </div>
      )}
      <form onSubmit={save} className="lovit-form" lang={selected.language}>
        {FIELDS.map((field) => (
          <SheetField
            key={field}
            label={t(`portal.sheets.fields.${field}`)}
            value={content[field] ?? ''}
            required={REQUIRED.includes(field)}
            rows={field === 'title' || field === 'summary' ? 2 : 6}
            onChange={(value) => setContent({ ...content, [field]: value })}
          />
        ))}
        <ProvenanceFields source={selected.language === 'it'} origin={origin} onChange={setOrigin} />
        <div className="d-flex flex-wrap gap-3">
          <button type="submit" className="btn btn-primary" disabled={step.isPending}>
            {t('portal.sheets.save')}
          </button>
          {canReview && text?.status === 'DRAFT' && (
            <button type="button" className="btn btn-outline-primary" onClick={() => step.mutate('review')}>
              {t('portal.sheets.review')}
            </button>
          )}
          {canPublish && text?.status === 'REVIEWED' && (
            <button type="button" className="btn btn-outline-primary" onClick={() => step.mutate('publish')}>
              {t('portal.sheets.publish')}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}

/**
 * Who wrote the text and how a translation was made. Left as it is, the text is by whoever saves it; the
 * reviewer is recorded by the review itself.
 */
function ProvenanceFields({
  source,
  origin,
  onChange,
}: {
  source: boolean;
  origin: Provenance | null;
  onChange: (origin: Provenance) => void;
}) {
  const { t } = useTranslation();
  const authorId = useId();
  const methodId = useId();
  const translatorId = useId();
  const current: Provenance = origin ?? {
    author: '',
    translation: source ? null : 'HUMAN',
    translator: null,
  };
  return (
    <fieldset className="mb-4">
      <legend className="h6">{t('portal.sheets.provenance')}</legend>
      <p className="small">{t('portal.sheets.provenanceHint')}</p>
      <div className="form-group">
        <label htmlFor={authorId} className="active">
          {t('portal.sheets.author')}
        </label>
        <input
          id={authorId}
          className="form-control"
          value={current.author}
          onChange={(event) => onChange({ ...current, author: event.target.value })}
        />
      </div>
      {!source && (
        <>
          <div className="select-wrapper mb-3">
            <label htmlFor={methodId}>{t('portal.sheets.translation')}</label>
            <select
              id={methodId}
              value={current.translation ?? 'HUMAN'}
              onChange={(event) =>
                onChange({ ...current, translation: event.target.value as 'HUMAN' | 'MACHINE' })
              }
            >
              {Object.entries(TRANSLATION_METHODS).map(([method, label]) => (
                <option key={method} value={method}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div className="form-group">
            <label htmlFor={translatorId} className="active">
              {t('portal.sheets.translator')}
            </label>
            <input
              id={translatorId}
              className="form-control"
              value={current.translator ?? ''}
              onChange={(event) => onChange({ ...current, translator: event.target.value })}
            />
          </div>
        </>
      )}
    </fieldset>
  );
}

function SheetField(props: {
  label: string;
  value: string;
  required: boolean;
  rows: number;
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <div className="form-group">
      <label htmlFor={id} className="active">
        {props.label}
      </label>
      <textarea
        id={id}
        className="form-control"
        rows={props.rows}
        required={props.required}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
      />
    </div>
  );
}
