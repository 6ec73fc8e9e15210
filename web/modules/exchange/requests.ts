import type { z } from 'zod';
import type {
  answerInput,
  bulkAnswerResult,
  inboxPage,
  OpinionDetail,
  questionInput,
  replyInput,
  uploadedAttachmentView,
} from '../../../src/modules/exchange/contract.ts';
import { api, type Query } from '../../app/api.ts';

export type { OpinionDetail };
export type InboxPage = z.infer<typeof inboxPage>;
export type OpinionSummary = InboxPage['items'][number];
export type AnswerInput = z.input<typeof answerInput>;
export type UploadedAttachment = z.infer<typeof uploadedAttachmentView>;
export type Answer = OpinionDetail['answers'][number];
export type Question = OpinionDetail['questions'][number];

export const INBOX_PAGE_SIZE = 50;

export const keys = {
  all: ['opinions'] as const,
  inbox: (query: Query) => ['opinions', 'inbox', query] as const,
  opinion: (id: string) => ['opinions', 'opinion', id] as const,
};

const opinionUrl = (id: string) => `/api/opinions/${encodeURIComponent(id)}`;

export const opinions = {
  inbox: (query: Query, signal?: AbortSignal) => api.get<InboxPage>('/api/opinions', query, signal),
  get: (id: string) => api.get<OpinionDetail>(opinionUrl(id)),
  answer: (id: string, body: AnswerInput) => api.post<OpinionDetail>(`${opinionUrl(id)}/answers`, body),
  /** Uploads a file to attach to the answer; the answer then names it by its SHA-256. */
  attach: (id: string, file: File) =>
    api.upload<UploadedAttachment>(`${opinionUrl(id)}/attachments`, { file }),
  attachmentUrl: (id: string, sha256: string) => `${opinionUrl(id)}/attachments/${sha256}`,
  answerFavourably: (ids: string[]) =>
    api.post<z.infer<typeof bulkAnswerResult>>('/api/opinions/favourable', { ids, confirm: ids.length }),
  ask: (id: string, body: z.input<typeof questionInput>) =>
    api.post<OpinionDetail>(`${opinionUrl(id)}/questions`, body),
  reply: (id: string, questionId: string, body: z.input<typeof replyInput>) =>
    api.post<OpinionDetail>(`${opinionUrl(id)}/questions/${encodeURIComponent(questionId)}/reply`, body),
};
