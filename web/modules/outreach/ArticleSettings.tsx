import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FileField, IMAGES_ONLY } from '../../ui/FileField.tsx';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem } from '../../ui/forms.tsx';
import { useFileUpload } from '../../ui/useFileUpload.ts';
import { isEditable, onTagsField, tagsFrom, tagsText, useKeepArticle } from './articles.ts';
import type { Done } from './changes.ts';
import { ARTICLE_KINDS, type Article, type ArticleKind, keys, news } from './requests.ts';

type SettingsFields = { kind: ArticleKind; tags: string; coverImageId: string };

/** The kind, the tags and the cover image; those who manage the article change them. */
export function ArticleSettings({ article, onDone }: { article: Article; onDone: Done }) {
  const { t } = useTranslation();
  const cover = article.images.find((image) => image.id === article.coverImageId);
  return (
    <section aria-labelledby="impostazioni" className="mt-5">
      <h2 id="impostazioni" className="h4">
        {t('outreach.news.settings')}
      </h2>
      {isEditable(article) ? (
        <SettingsForm article={article} onDone={onDone} />
      ) : (
        <dl className="row">
          <dt className="col-sm-3">{t('outreach.news.kind')}</dt>
          <dd className="col-sm-9">{t(`outreach.news.kinds.${article.kind}`)}</dd>
          <dt className="col-sm-3">{t('outreach.news.tags')}</dt>
          <dd className="col-sm-9">{tagsText(article.tags) || t('outreach.news.noTags')}</dd>
          <dt className="col-sm-3">{t('outreach.news.cover')}</dt>
          <dd className="col-sm-9">{cover?.fileName ?? t('outreach.news.noCover')}</dd>
        </dl>
      )}
    </section>
  );
}

function SettingsForm({ article, onDone }: { article: Article; onDone: Done }) {
  const { t } = useTranslation();
  const keep = useKeepArticle();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<SettingsFields>({
    defaultValues: {
      kind: article.kind,
      tags: tagsText(article.tags),
      coverImageId: article.coverImageId ?? '',
    },
  });
  const { errors } = form.formState;
  const save = useMutation({
    mutationFn: ({ kind, tags, coverImageId }: SettingsFields) =>
      news.changeSettings(article.id, { kind, tags: tagsFrom(tags), coverImageId: coverImageId || null }),
    onSuccess: (changed) => {
      setProblem(null);
      keep(changed);
      onDone(t('outreach.news.done.settings'));
    },
    onError: (error) =>
      setProblem(reportProblem(onTagsField(error), form.setError, ['kind', 'tags', 'coverImageId'])),
  });
  return (
    <form
      onSubmit={form.handleSubmit((values) => {
        setProblem(null);
        save.mutate(values);
      })}
      noValidate
      className="lovit-form"
    >
      <div className="row">
        <div className="col-12 col-md-6">
          <SelectField
            label={t('outreach.news.kind')}
            registration={form.register('kind')}
            error={errors.kind}
          >
            {ARTICLE_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`outreach.news.kinds.${kind}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="col-12 col-md-6">
          <SelectField
            label={t('outreach.news.cover')}
            hint={t(article.images.length ? 'outreach.news.coverHint' : 'outreach.news.coverNoImages')}
            registration={form.register('coverImageId')}
            error={errors.coverImageId}
          >
            <option value="">{t('outreach.news.noCover')}</option>
            {article.images.map((image) => (
              <option key={image.id} value={image.id}>
                {image.fileName}
              </option>
            ))}
          </SelectField>
        </div>
      </div>
      <TextField
        label={t('outreach.news.tags')}
        hint={t('outreach.news.tagsHint')}
        registration={form.register('tags')}
        error={errors.tags}
      />
      <FormProblem message={problem} />
      <button type="submit" className="btn btn-outline-primary" disabled={save.isPending}>
        {t('outreach.news.saveSettings')}
      </button>
    </form>
  );
}

/** The article's images with the Markdown that shows each in a text; those who manage it upload more. */
export function ArticleImages({ article, onDone }: { article: Article; onDone: Done }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="immagini" className="mt-5">
      <h2 id="immagini" className="h4">
        {t('outreach.news.images')}
      </h2>
      {article.images.length === 0 ? (
        <p>{t('outreach.news.noImages')}</p>
      ) : (
        <>
          <p>{t('outreach.news.imagesIntro')}</p>
          <ul className="list-unstyled lovit-news-images">
            {article.images.map((image) => (
              <li key={image.id} className="lovit-news-image">
                <img className="lovit-news-thumb" src={news.imageUrl(article.id, image.id)} alt="" />
                <div>
                  <p className="mb-1 fw-semibold">
                    {image.fileName}
                    {image.id === article.coverImageId && ` (${t('outreach.news.isCover')})`}
                  </p>
                  <Snippet name={image.fileName} markdown={image.markdown} onDone={onDone} />
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
      {isEditable(article) && <UploadForm articleId={article.id} onDone={onDone} />}
    </section>
  );
}

/** The Markdown of an image, to copy into a text: selected whole when the field is reached. */
function Snippet({ name, markdown, onDone }: { name: string; markdown: string; onDone: Done }) {
  const { t } = useTranslation();
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const canCopy = window.isSecureContext && 'clipboard' in navigator;
  return (
    <div className="d-flex flex-wrap align-items-end gap-2">
      <div className="flex-grow-1">
        <label htmlFor={id} className="lovit-read-only-label d-block mb-1">
          {t('outreach.news.markdownOf', { name })}
        </label>
        <input
          id={id}
          ref={inputRef}
          className="form-control lovit-news-snippet"
          readOnly
          value={markdown}
          onFocus={(event) => event.currentTarget.select()}
        />
      </div>
      {canCopy && (
        <button
          type="button"
          className="btn btn-sm btn-outline-primary"
          aria-label={t('outreach.news.copyOf', { name })}
          onClick={() =>
            void navigator.clipboard.writeText(markdown).then(
              () => onDone(t('outreach.news.done.copied')),
              // refused by the browser: the field, selected, is ready for Ctrl+C
              () => inputRef.current?.focus(),
            )
          }
        >
          {t('outreach.news.copy')}
        </button>
      )}
    </div>
  );
}

function UploadForm({ articleId, onDone }: { articleId: string; onDone: Done }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const id = useId();
  const upload = useFileUpload({
    upload: (file) => news.addImage(articleId, file),
    onUploaded: (file) => {
      void queryClient.invalidateQueries({ queryKey: keys.article(articleId) });
      onDone(t('outreach.news.done.uploaded', { name: file.name }));
    },
    missing: t('outreach.news.fileMissing'),
    wrongType: t('outreach.news.fileType'),
    accept: IMAGES_ONLY,
  });
  return (
    <form onSubmit={upload.submit} noValidate className="lovit-form">
      <FileField
        id={`${id}-immagine`}
        label={t('outreach.news.file')}
        hint={t('outreach.news.fileHint')}
        error={upload.fileError}
        inputRef={upload.fileRef}
        accept={upload.accept}
      />
      <FormProblem message={upload.problem} />
      <button type="submit" className="btn btn-outline-primary" disabled={upload.isPending}>
        {t('outreach.news.upload')}
      </button>
    </form>
  );
}
