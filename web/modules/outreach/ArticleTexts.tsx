import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PORTAL_LANGUAGES } from '../../../src/modules/outreach/contract.ts';
import { formatDateTime } from '../../ui/dates.ts';
import { sentence } from '../../ui/fields.tsx';
import { FormProblem } from '../../ui/forms.tsx';
import { ArticleTextForm } from './ArticleTextForm.tsx';
import { isEditable, useKeepArticle } from './articles.ts';
import { type Done, problemText } from './changes.ts';
import { type Article, type ArticleText, news } from './requests.ts';
import { languageName, TRANSLATION_LANGUAGES } from './words.ts';

/**
 * The article's text in each language, Italian first: written and saved as a draft, reviewed by someone else,
 * published with the article (or, once it is public, one language at a time).
 */
export function ArticleTexts({ article, onDone }: { article: Article; onDone: Done }) {
  const { t } = useTranslation();
  const [started, setStarted] = useState<string[]>([]);
  const written = article.texts.map((text) => text.language);
  const languages = PORTAL_LANGUAGES.filter((code) => written.includes(code) || started.includes(code));
  const italian = article.texts.find((text) => text.language === 'it');
  const missing = TRANSLATION_LANGUAGES.filter((code) => !languages.includes(code));
  return (
    <section aria-labelledby="testi" className="mt-5">
      <h2 id="testi" className="h4">
        {t('outreach.news.texts')}
      </h2>
      <p>{t('outreach.news.textsIntro')}</p>
      {languages.map((language) => (
        <TextPanel
          key={language}
          article={article}
          language={language}
          text={article.texts.find((text) => text.language === language)}
          isStarted={started.includes(language)}
          onDone={onDone}
        />
      ))}
      {isEditable(article) && italian && missing.length > 0 && (
        <AddLanguage languages={missing} onAdd={(code) => setStarted([...started, code])} />
      )}
    </section>
  );
}

/** Starts a translation in a language of the portal that the article has not yet. */
function AddLanguage({ languages, onAdd }: { languages: string[]; onAdd: (code: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [code, setCode] = useState(languages[0] ?? '');
  const add = (event: FormEvent) => {
    event.preventDefault();
    onAdd(code);
    setCode(languages.find((other) => other !== code) ?? '');
  };
  return (
    <form onSubmit={add} className="lovit-form d-flex flex-wrap align-items-end gap-3 mt-4">
      <div className="select-wrapper lovit-field lovit-news-language mb-0">
        <label htmlFor={id}>{t('outreach.news.newLanguage')}</label>
        <select id={id} value={code} onChange={(event) => setCode(event.target.value)}>
          {languages.map((language) => (
            <option key={language} value={language}>
              {sentence(languageName(language))}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="btn btn-outline-primary">
        {t('outreach.news.addLanguage')}
      </button>
    </form>
  );
}

type TextPanelProps = {
  article: Article;
  language: string;
  text: ArticleText | undefined;
  /** Opened now with "Aggiungi una lingua": the panel takes the focus. */
  isStarted: boolean;
  onDone: Done;
};

/** One language: where its text stands, who wrote and reviewed it, the text and what may be done with it. */
function TextPanel({ article, language, text, isStarted, onDone }: TextPanelProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (isStarted) heading.current?.focus();
  }, [isStarted]);
  const italian = article.texts.find((other) => other.language === 'it');
  return (
    <section aria-labelledby={headingId} className="lovit-news-text">
      <h3 id={headingId} ref={heading} tabIndex={-1} className="h5">
        {sentence(languageName(language))}
      </h3>
      {text ? <TextState text={text} /> : <p>{t('outreach.news.newTranslation')}</p>}
      {isEditable(article) ? (
        <ArticleTextForm article={article} language={language} text={text ?? italian} onDone={onDone} />
      ) : (
        text && <WrittenText text={text} />
      )}
      {text && <TextSteps article={article} text={text} onDone={onDone} />}
    </section>
  );
}

function TextState({ text }: { text: ArticleText }) {
  const { t } = useTranslation();
  return (
    <ul className="list-unstyled">
      <li>
        <strong>{t(`outreach.news.textStatuses.${text.status}`)}</strong>
        {`, ${t('outreach.news.revision', { revision: text.revision })}`}
        {text.outOfDate && (
          <span className="badge bg-warning text-dark ms-2">{t('outreach.news.outOfDate')}</span>
        )}
      </li>
      <li>{t('outreach.news.editedBy', { name: text.editedBy, date: formatDateTime(text.editedAt) })}</li>
      {text.reviewedBy && (
        <li>
          {t('outreach.news.reviewedBy', { name: text.reviewedBy, date: formatDateTime(text.reviewedAt) })}
        </li>
      )}
      {text.publishedAt && (
        <li>{t('outreach.news.textPublishedAt', { date: formatDateTime(text.publishedAt) })}</li>
      )}
    </ul>
  );
}

/** The text as it was saved, for those who review it without writing. */
function WrittenText({ text }: { text: ArticleText }) {
  const { t } = useTranslation();
  return (
    <dl className="row" lang={text.language} dir="auto">
      <dt className="col-sm-3">{t('outreach.news.titleField')}</dt>
      <dd className="col-sm-9">{text.title}</dd>
      <dt className="col-sm-3">{t('outreach.news.summary')}</dt>
      <dd className="col-sm-9">{text.summary}</dd>
      <dt className="col-sm-3">{t('outreach.news.body')}</dt>
      <dd className="col-sm-9 lovit-prose">{text.body}</dd>
      <dt className="col-sm-3">{t('outreach.news.imageAlt')}</dt>
      <dd className="col-sm-9">{text.imageAlt ?? t('outreach.news.noImageAlt')}</dd>
    </dl>
  );
}

type TextStep = 'review' | 'publish';

/** Review the saved text (someone other than its writer); publish a reviewed one of an article already public. */
function TextSteps({ article, text, onDone }: { article: Article; text: ArticleText; onDone: Done }) {
  const { t } = useTranslation();
  const keep = useKeepArticle();
  const [problem, setProblem] = useState<string | null>(null);
  const name = languageName(text.language);
  const step = useMutation({
    mutationFn: (action: TextStep) =>
      action === 'review'
        ? news.reviewText(article.id, text.language, text.revision)
        : news.publishText(article.id, text.language),
    onSuccess: (changed, action) => {
      setProblem(null);
      keep(changed);
      onDone(t(`outreach.news.done.${action}Text`, { language: name }));
    },
    onError: (error) => setProblem(problemText(error, t('errors.generic'))),
  });
  const mayPublish = article.mayManage && article.status === 'PUBLISHED' && text.status === 'REVIEWED';
  if (!text.mayReview && !mayPublish) return null;
  return (
    <>
      <div className="d-flex flex-wrap gap-2 mt-3">
        {text.mayReview && (
          <button
            type="button"
            className="btn btn-outline-primary"
            disabled={step.isPending}
            aria-label={t('outreach.news.reviewIn', { language: name })}
            onClick={() => step.mutate('review')}
          >
            {t('outreach.news.review')}
          </button>
        )}
        {mayPublish && (
          <button
            type="button"
            className="btn btn-outline-primary"
            disabled={step.isPending}
            aria-label={t('outreach.news.publishIn', { language: name })}
            onClick={() => step.mutate('publish')}
          >
            {t('outreach.news.publishText')}
          </button>
        )}
      </div>
      <FormProblem message={problem} />
    </>
  );
}
