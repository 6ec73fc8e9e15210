import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem } from '../../ui/forms.tsx';
import { Page } from '../../ui/Page.tsx';
import { TextAreaField } from '../cases/TextAreaField.tsx';
import { onTagsField, tagsFrom } from './articles.ts';
import { ARTICLE_KINDS, type ArticleKind, keys, news } from './requests.ts';

type NewArticleFields = {
  kind: ArticleKind;
  tags: string;
  text: { title: string; summary: string; body: string };
};

const EMPTY: NewArticleFields = { kind: 'NEWS', tags: '', text: { title: '', summary: '', body: '' } };

/**
 * The communications officer writes a news item or an announcement in Italian; its images, cover and
 * translations come on its page, and it is published once another person has reviewed it.
 */
export function NewArticlePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<NewArticleFields>({ defaultValues: EMPTY });
  const { errors } = form.formState;
  const create = useMutation({
    mutationFn: ({ kind, tags, text }: NewArticleFields) =>
      news.create({ kind, tags: tagsFrom(tags), coverImageId: null, text: { ...text, imageAlt: '' } }),
    onSuccess: (article) => {
      void queryClient.invalidateQueries({ queryKey: keys.articleLists });
      void navigate(`/comunicazione/notizie/${article.id}`);
    },
    onError: (error) =>
      setProblem(reportProblem(onTagsField(error), form.setError, ['kind', 'tags', 'text'])),
  });
  return (
    <Page
      title={t('outreach.news.new')}
      trail={[{ label: t('modules.outreach.title'), to: '/comunicazione' }]}
    >
      <p>{t('outreach.news.newIntro')}</p>
      <form
        onSubmit={form.handleSubmit((values) => {
          setProblem(null);
          create.mutate(values);
        })}
        noValidate
        className="lovit-form"
      >
        <SelectField label={t('outreach.news.kind')} registration={form.register('kind')} error={errors.kind}>
          {ARTICLE_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`outreach.news.kinds.${kind}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('outreach.news.titleField')}
          registration={form.register('text.title')}
          error={errors.text?.title}
        />
        <TextAreaField
          label={t('outreach.news.summary')}
          hint={t('outreach.news.summaryHint')}
          rows={2}
          error={errors.text?.summary}
          {...form.register('text.summary')}
        />
        <TextAreaField
          label={t('outreach.news.body')}
          hint={`${t('outreach.news.bodyHint')} ${t('outreach.news.imagesLater')}`}
          rows={10}
          error={errors.text?.body}
          {...form.register('text.body')}
        />
        <TextField
          label={t('outreach.news.tags')}
          hint={t('outreach.news.tagsHint')}
          registration={form.register('tags')}
          error={errors.tags}
        />
        <FormProblem message={problem} />
        <button type="submit" className="btn btn-primary" disabled={create.isPending}>
          {t('outreach.news.create')}
        </button>
      </form>
    </Page>
  );
}
