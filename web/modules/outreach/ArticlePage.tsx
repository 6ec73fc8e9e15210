import { useMutation, useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { formatDate } from '../../ui/dates.ts';
import { TextField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem } from '../../ui/forms.tsx';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { Page } from '../../ui/Page.tsx';
import { ArticleImages, ArticleSettings } from './ArticleSettings.tsx';
import { ArticleTexts } from './ArticleTexts.tsx';
import { useKeepArticle } from './articles.ts';
import { type Done, problemText } from './changes.ts';
import { type Article, keys, news } from './requests.ts';
import { momentOf } from './words.ts';
import './outreach.css';

/**
 * A news item or announcement: where it stands and what comes next, its publication, its settings and images,
 * and its text in every language with the review of each.
 */
export function ArticlePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [notice, setNotice] = useState<string | null>(null);
  const article = useQuery({ queryKey: keys.article(id), queryFn: () => news.article(id) });
  const trail = [{ label: t('modules.outreach.title'), to: '/comunicazione' }];
  if (article.isPending || article.error)
    return (
      <Page title={t('outreach.news.one')} trail={trail}>
        {article.error ? <LoadError error={article.error} /> : <Loading />}
      </Page>
    );
  const data = article.data;
  const italian = data.texts.find((text) => text.language === 'it');
  return (
    <Page title={italian?.title ?? t('outreach.news.one')} trail={trail}>
      <Notice message={notice} />
      <Publication article={data} onDone={setNotice} />
      <ArticleSettings article={data} onDone={setNotice} />
      <ArticleImages article={data} onDone={setNotice} />
      <ArticleTexts article={data} onDone={setNotice} />
    </Page>
  );
}

/** The sentence that says what the article waits for, by its state and its Italian text's. */
function nextStepOf(t: TFunction, article: Article): string {
  const italian = article.texts.find((text) => text.language === 'it');
  switch (article.status) {
    case 'DRAFT':
      if (article.coverImageId && !italian?.imageAlt) return t('outreach.news.next.describeCover');
      return t(italian?.status === 'DRAFT' ? 'outreach.news.next.reviewItalian' : 'outreach.news.next.ready');
    case 'SCHEDULED':
      return t('outreach.news.next.scheduled', { date: momentOf(article.publishAt ?? '') });
    case 'PUBLISHED':
      return t('outreach.news.next.published', { date: formatDate(article.publishedAt) });
    case 'ARCHIVED':
      return t('outreach.news.next.archived', { date: formatDate(article.archivedAt) });
  }
}

type Step = 'publish' | 'unschedule' | 'archive';

/** Where the article stands; those who manage it publish it now or at a set time, or archive it. */
function Publication({ article, onDone }: { article: Article; onDone: Done }) {
  const { t } = useTranslation();
  const keep = useKeepArticle();
  const [problem, setProblem] = useState<string | null>(null);
  const [isConfirming, setConfirming] = useState(false);
  const italian = article.texts.find((text) => text.language === 'it');
  const isWaiting = article.status === 'DRAFT' || article.status === 'SCHEDULED';
  const isReady = isWaiting && italian !== undefined && italian.status !== 'DRAFT';
  const act = useMutation({
    mutationFn: (step: Step) => news[step](article.id),
    onSuccess: (changed, step) => {
      setConfirming(false);
      setProblem(null);
      keep(changed);
      onDone(t(`outreach.news.done.${step}`));
    },
    onError: (error) => {
      setConfirming(false);
      setProblem(problemText(error, t('errors.generic')));
    },
  });
  return (
    <section aria-labelledby="pubblicazione" className="mt-4">
      <h2 id="pubblicazione" className="h4">
        {t('outreach.news.publication')}
      </h2>
      <p>
        {t('outreach.news.status')}: <strong>{t(`outreach.news.statuses.${article.status}`)}</strong>
      </p>
      <p>{nextStepOf(t, article)}</p>
      {article.publicUrl && (
        <p>
          <a href={article.publicUrl}>{t('outreach.news.publicPage')}</a>
        </p>
      )}
      {article.mayManage && (
        <div className="d-flex flex-wrap gap-2">
          {isReady && (
            <button
              type="button"
              className="btn btn-primary"
              disabled={act.isPending}
              onClick={() => act.mutate('publish')}
            >
              {t('outreach.news.publishNow')}
            </button>
          )}
          {article.status === 'SCHEDULED' && (
            <button
              type="button"
              className="btn btn-outline-primary"
              disabled={act.isPending}
              onClick={() => act.mutate('unschedule')}
            >
              {t('outreach.news.unschedule')}
            </button>
          )}
          {article.status === 'PUBLISHED' && (
            <button type="button" className="btn btn-outline-danger" onClick={() => setConfirming(true)}>
              {t('outreach.news.archive')}
            </button>
          )}
        </div>
      )}
      <FormProblem message={problem} />
      {article.mayManage && isReady && <ScheduleForm article={article} onDone={onDone} />}
      <ConfirmDialog
        isOpen={isConfirming}
        title={t('outreach.news.archive')}
        message={t('outreach.news.archiveConfirm')}
        confirmLabel={t('outreach.news.archive')}
        isPending={act.isPending}
        onConfirm={() => act.mutate('archive')}
        onCancel={() => setConfirming(false)}
      />
    </section>
  );
}

/** A day and a time, on the Prefettura's clock, at which the publication job puts the article online. */
function ScheduleForm({ article, onDone }: { article: Article; onDone: Done }) {
  const { t } = useTranslation();
  const keep = useKeepArticle();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm({ defaultValues: { day: '', time: '' } });
  const { errors } = form.formState;
  const schedule = useMutation({
    mutationFn: (when: { day: string; time: string }) => news.schedule(article.id, when),
    onSuccess: (changed) => {
      setProblem(null);
      keep(changed);
      onDone(t('outreach.news.done.schedule', { date: momentOf(changed.publishAt ?? '') }));
    },
    onError: (error) => setProblem(reportProblem(error, form.setError, ['day', 'time'])),
  });
  return (
    <>
      <h3 id="programma" className="h5 mt-4">
        {t('outreach.news.scheduleTitle')}
      </h3>
      <form
        onSubmit={form.handleSubmit((values) => {
          setProblem(null);
          schedule.mutate(values);
        })}
        noValidate
        className="lovit-form"
        aria-labelledby="programma"
      >
        <div className="row">
          <div className="col-12 col-sm-6 col-md-4">
            <TextField
              type="date"
              label={t('outreach.news.day')}
              registration={form.register('day')}
              error={errors.day}
            />
          </div>
          <div className="col-12 col-sm-6 col-md-4">
            <TextField
              type="time"
              label={t('outreach.news.time')}
              hint={t('outreach.news.timeHint')}
              registration={form.register('time')}
              error={errors.time}
            />
          </div>
        </div>
        <FormProblem message={problem} />
        <button type="submit" className="btn btn-outline-primary" disabled={schedule.isPending}>
          {t('outreach.news.schedule')}
        </button>
      </form>
    </>
  );
}
