/** What the news pages share: keeping the article a change returned, who may change it, the tags as one field. */
import { useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../app/api.ts';
import { type Article, keys } from './requests.ts';

/** Keeps the article view a change returned, and has the list of articles read again. */
export function useKeepArticle() {
  const queryClient = useQueryClient();
  return (article: Article) => {
    queryClient.setQueryData(keys.article(article.id), article);
    void queryClient.invalidateQueries({ queryKey: keys.articleLists });
  };
}

/** `permesso di soggiorno, scadenze` → the tags, without blanks. */
export const tagsFrom = (text: string) =>
  text
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);

export const tagsText = (tags: readonly string[]) => tags.join(', ');

/** Whether the one asking may change the article: an archived one stays as it was. */
export const isEditable = (article: Article) => article.mayManage && article.status !== 'ARCHIVED';

/** The server names a refused tag by its place in the list (`tags.2`); the form has one field for them all. */
export function onTagsField(error: unknown): unknown {
  if (!(error instanceof ApiError)) return error;
  return new ApiError({
    ...error.problem,
    errors: error.problem.errors?.map((problem) => ({
      ...problem,
      path: problem.path.replace(/(^|\.)tags\.\d+$/, '$1tags'),
    })),
  });
}
