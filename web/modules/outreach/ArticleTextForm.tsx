import { useMutation } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { sentence, TextField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem } from '../../ui/forms.tsx';
import { TextAreaField } from '../cases/TextAreaField.tsx';
import { useKeepArticle } from './articles.ts';
import { type Done, problemText } from './changes.ts';
import { type Article, type ArticleText, type ArticleTextFields, news, type Preview } from './requests.ts';
import { languageName } from './words.ts';

const FIELDS = ['title', 'summary', 'body', 'imageAlt'] as const;

type ArticleTextFormProps = {
  article: Article;
  language: string;
  /** What the form starts from: the text in this language, or the Italian one for a new translation. */
  text: ArticleText | undefined;
  onDone: Done;
};

/** Writes the text in one language; every save is a new draft, to be reviewed again. */
export function ArticleTextForm({ article, language, text, onDone }: ArticleTextFormProps) {
  const { t } = useTranslation();
  const keep = useKeepArticle();
  const [problem, setProblem] = useState<string | null>(null);
  /** The last preview, and how many were asked: each new one is a new box, which takes the focus. */
  const [preview, setPreview] = useState<{ shown: Preview; count: number } | null>(null);
  const form = useForm<ArticleTextFields>({
    defaultValues: {
      title: text?.title ?? '',
      summary: text?.summary ?? '',
      body: text?.body ?? '',
      imageAlt: text?.imageAlt ?? '',
    },
  });
  const { errors } = form.formState;
  const name = languageName(language);
  const save = useMutation({
    mutationFn: (values: ArticleTextFields) => news.keepText(article.id, language, values),
    onSuccess: (changed) => {
      setProblem(null);
      keep(changed);
      const saved = changed.texts.find((other) => other.language === language);
      onDone(t('outreach.news.done.saved', { language: name, revision: saved?.revision }));
    },
    onError: (error) => setProblem(reportProblem(error, form.setError, FIELDS)),
  });
  const show = useMutation({
    mutationFn: (body: string) => news.preview(article.id, body),
    onSuccess: (shown) => {
      setProblem(null);
      setPreview({ shown, count: (preview?.count ?? 0) + 1 });
    },
    onError: (error) => setProblem(problemText(error, t('errors.generic'))),
  });
  /** The fields are in the language being written, right to left where it is. */
  const written = { lang: language, dir: 'auto' };
  return (
    <>
      <form
        onSubmit={form.handleSubmit((values) => {
          setProblem(null);
          save.mutate(values);
        })}
        noValidate
        className="lovit-form"
        aria-label={t('outreach.news.textIn', { language: name })}
      >
        <TextField
          label={t('outreach.news.titleField')}
          registration={form.register('title')}
          error={errors.title}
          {...written}
        />
        <TextAreaField
          label={t('outreach.news.summary')}
          hint={t('outreach.news.summaryHint')}
          rows={2}
          error={errors.summary}
          {...written}
          {...form.register('summary')}
        />
        <TextAreaField
          label={t('outreach.news.body')}
          hint={`${t('outreach.news.bodyHint')} ${t('outreach.news.bodyImages')}`}
          rows={10}
          error={errors.body}
          {...written}
          {...form.register('body')}
        />
        <TextField
          label={t('outreach.news.imageAlt')}
          hint={t('outreach.news.imageAltHint')}
          registration={form.register('imageAlt')}
          error={errors.imageAlt}
          {...written}
        />
        <FormProblem message={problem} />
        <div className="d-flex flex-wrap gap-2">
          <button type="submit" className="btn btn-primary" disabled={save.isPending}>
            {t('outreach.news.save')}
          </button>
          <button
            type="button"
            className="btn btn-outline-primary"
            disabled={show.isPending}
            onClick={() => show.mutate(form.getValues('body'))}
          >
            {t('outreach.news.preview')}
          </button>
        </div>
      </form>
      {preview && (
        <PreviewBox key={preview.count} articleId={article.id} language={language} preview={preview.shown} />
      )}
    </>
  );
}

/**
 * The body as the public will read it, in a box of its own. The HTML is the server's, rendered from Markdown
 * without raw HTML and passed through its allowlist; the images come from the staff's address, since the public
 * one serves them only once the article is online.
 */
function PreviewBox({
  articleId,
  language,
  preview,
}: {
  articleId: string;
  language: string;
  preview: Preview;
}) {
  const { t } = useTranslation();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  const html = preview.html.replace(
    /src="\/portale\/immagini\/([0-9a-f-]{36})"/g,
    (_, imageId: string) => `src="${news.imageUrl(articleId, imageId)}"`,
  );
  return (
    <section aria-labelledby={id} className="mt-3">
      <h4 id={id} ref={heading} tabIndex={-1} className="h6">
        {t('outreach.news.previewTitle')}
      </h4>
      {preview.problems.length > 0 && (
        <div className="alert alert-warning">
          <p className="mb-1">{t('outreach.news.previewProblems')}</p>
          <ul className="mb-0">
            {[...new Set(preview.problems.map((problem) => problem.message))].map((message) => (
              <li key={message}>{sentence(message)}</li>
            ))}
          </ul>
        </div>
      )}
      <div
        className="lovit-news-preview"
        lang={language}
        dir="auto"
        // biome-ignore lint/security/noDangerouslySetInnerHtml: the server's sanitised rendering of the Markdown
        dangerouslySetInnerHTML={{ __html: html }}
      />
    </section>
  );
}
