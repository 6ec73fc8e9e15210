import type { z } from 'zod';
import type {
  ArticleView,
  articleImageView,
  articleKind,
  articleStatus,
  articleSummary,
  checkInResult,
  coverageInput,
  coverageMedia,
  coverageView,
  doorMatch,
  EventInput,
  EventKind,
  EventView,
  eventSummary,
  interpretationNeed,
  PublicationInput,
  PublicationView,
  previewView,
  publicationKind,
  publicationSummary,
  QuestionInput,
  QuestionKind,
  registrationStatus,
  registrationView,
  SessionInput,
} from '../../../src/modules/outreach/contract.ts';
import { api } from '../../app/api.ts';

/** What the server sends: its instants arrive as ISO strings. */
export type Wire<T> = T extends Date
  ? string
  : T extends readonly (infer Item)[]
    ? Wire<Item>[]
    : T extends object
      ? { [Key in keyof T]: Wire<T[Key]> }
      : T;

export type { EventInput, EventKind, QuestionInput, QuestionKind, SessionInput };
export type EventSummary = Wire<z.infer<typeof eventSummary>>;
export type OutreachEvent = Wire<EventView>;
export type EventSession = OutreachEvent['sessions'][number];
export type EventQuestion = OutreachEvent['questions'][number];
export type RegistrationStatus = z.infer<typeof registrationStatus>;
export type Registration = Wire<z.infer<typeof registrationView>>;
export type InterpretationNeed = Wire<z.infer<typeof interpretationNeed>>;
export type CheckInResult = Wire<z.infer<typeof checkInResult>>;
export type DoorMatch = z.infer<typeof doorMatch>;
export type EventText = { title: string; summary: string; description: string };
export type ArticleKind = z.infer<typeof articleKind>;
export type ArticleStatus = z.infer<typeof articleStatus>;
export type ArticleSummary = Wire<z.infer<typeof articleSummary>>;
export type Article = Wire<ArticleView>;
export type ArticleText = Article['texts'][number];
export type ArticleImage = z.infer<typeof articleImageView>;
export type ArticleSettingsInput = { kind: ArticleKind; tags: string[]; coverImageId: string | null };
export type ArticleTextFields = { title: string; summary: string; body: string; imageAlt: string };
export type Preview = z.infer<typeof previewView>;
export type { PublicationInput };
export type PublicationKind = z.infer<typeof publicationKind>;
export type PublicationSummary = Wire<z.infer<typeof publicationSummary>>;
export type Publication = Wire<PublicationView>;
export type PublicationFile = Publication['files'][number];
/** An emptied count of copies goes as `null`, for the server to ask for it. */
export type DistributionInput = {
  point: string;
  copies: number | null;
  deliveredOn: string;
  notes: string | null;
};
export type CoverageMedia = z.infer<typeof coverageMedia>;
export type Coverage = Wire<z.infer<typeof coverageView>>;
export type CoverageInput = z.infer<typeof coverageInput>;

/**
 * The kinds and statuses in the contract's order, their names in the catalogue. The contract's own tables of
 * names cannot come to the browser: the contract also reads the portal's languages from the server's disk.
 */
const KINDS: Record<EventKind, true> = { CONFERENCE: true, PERFORMANCE: true, WORKSHOP: true, OTHER: true };
export const EVENT_KINDS = Object.keys(KINDS) as EventKind[];
const STATUSES: Record<RegistrationStatus, true> = {
  PENDING: true,
  CONFIRMED: true,
  WAITLISTED: true,
  OFFERED: true,
  CANCELLED: true,
  EXPIRED: true,
  DECLINED: true,
};
export const REGISTRATION_STATUSES = Object.keys(STATUSES) as RegistrationStatus[];
const ARTICLE_KIND_CODES: Record<ArticleKind, true> = { NEWS: true, ANNOUNCEMENT: true };
export const ARTICLE_KINDS = Object.keys(ARTICLE_KIND_CODES) as ArticleKind[];
const ARTICLE_STATUS_CODES: Record<ArticleStatus, true> = {
  DRAFT: true,
  SCHEDULED: true,
  PUBLISHED: true,
  ARCHIVED: true,
};
export const ARTICLE_STATUSES = Object.keys(ARTICLE_STATUS_CODES) as ArticleStatus[];
const PUBLICATION_KIND_CODES: Record<PublicationKind, true> = {
  BROCHURE: true,
  LEAFLET: true,
  POSTER: true,
  REPORT: true,
};
export const PUBLICATION_KINDS = Object.keys(PUBLICATION_KIND_CODES) as PublicationKind[];
const MEDIA_CODES: Record<CoverageMedia, true> = { PRINT: true, WEB: true, RADIO: true, TV: true };
export const COVERAGE_MEDIA = Object.keys(MEDIA_CODES) as CoverageMedia[];

export type Paged<T> = { items: T[]; total: number; page: number; pageSize: number };
export const PAGE_SIZE = 20;

export type RegistrationsQuery = { page: number; status?: RegistrationStatus; q?: string };
export type ArticlesQuery = { page: number; status?: ArticleStatus };
export type CoverageQuery = { page: number; media?: CoverageMedia };

export const keys = {
  all: ['outreach'] as const,
  events: ['outreach', 'events'] as const,
  event: (id: string) => ['outreach', 'event', id] as const,
  registrations: (sessionId: string, query: RegistrationsQuery) =>
    ['outreach', 'registrations', sessionId, query] as const,
  interpretation: (id: string) => ['outreach', 'interpretation', id] as const,
  door: (sessionId: string, listId: string, q: string) => ['outreach', 'door', sessionId, listId, q] as const,
  articleLists: ['outreach', 'articles'] as const,
  articles: (query: ArticlesQuery) => ['outreach', 'articles', query] as const,
  article: (id: string) => ['outreach', 'article', id] as const,
  publications: ['outreach', 'publications'] as const,
  publication: (id: string) => ['outreach', 'publication', id] as const,
  coverageLists: ['outreach', 'coverage'] as const,
  coverage: (query: CoverageQuery) => ['outreach', 'coverage', query] as const,
};

export const outreach = {
  events: () => api.get<EventSummary[]>('/api/outreach/events'),
  createEvent: (input: EventInput) => api.post<OutreachEvent>('/api/outreach/events', input),
  event: (id: string) => api.get<OutreachEvent>(`/api/outreach/events/${id}`),
  changeEvent: (id: string, input: EventInput) => api.put<OutreachEvent>(`/api/outreach/events/${id}`, input),
  setPublished: (id: string, published: boolean) =>
    api.put<OutreachEvent>(`/api/outreach/events/${id}/published`, { published }),
  keepText: (id: string, language: string, text: EventText) =>
    api.put<OutreachEvent>(`/api/outreach/events/${id}/texts/${language}`, text),
  dropText: (id: string, language: string) =>
    api.delete<OutreachEvent>(`/api/outreach/events/${id}/texts/${language}`),
  addQuestion: (id: string, input: QuestionInput) =>
    api.post<OutreachEvent>(`/api/outreach/events/${id}/questions`, input),
  removeQuestion: (questionId: string) => api.delete<OutreachEvent>(`/api/outreach/questions/${questionId}`),
  changeQuestion: (questionId: string, input: QuestionInput) =>
    api.put<OutreachEvent>(`/api/outreach/questions/${questionId}`, input),
  addSession: (id: string, input: SessionInput) =>
    api.post<OutreachEvent>(`/api/outreach/events/${id}/sessions`, input),
  changeCapacity: (sessionId: string, capacity: number) =>
    api.put(`/api/outreach/sessions/${sessionId}/capacity`, { capacity }),
  registrations: (sessionId: string, query: RegistrationsQuery) =>
    api.get<Paged<Registration>>(`/api/outreach/sessions/${sessionId}/registrations`, {
      ...query,
      pageSize: PAGE_SIZE,
    }),
  cancel: (registrationId: string) => api.post(`/api/outreach/registrations/${registrationId}/cancel`),
  decide: (registrationId: string, approve: boolean) =>
    api.post<{ status: 'CONFIRMED' | 'WAITLISTED' | 'DECLINED' }>(
      `/api/outreach/registrations/${registrationId}/decision`,
      { approve },
    ),
  interpretation: (id: string) => api.get<InterpretationNeed[]>(`/api/outreach/events/${id}/interpretation`),
  addCheckInList: (id: string, name: string) =>
    api.post<OutreachEvent>(`/api/outreach/events/${id}/check-in-lists`, { name }),
  checkIn: (input: { listId: string; sessionId: string; code: string }) =>
    api.post<CheckInResult>('/api/outreach/check-in', input),
  door: (sessionId: string, listId: string, q: string) =>
    api.get<DoorMatch[]>(`/api/outreach/sessions/${sessionId}/door`, { listId, q }),
};

const article = (id: string) => `/api/outreach/articles/${id}`;

/** The news and announcements: written in Italian, translated, each text reviewed, then published. */
export const news = {
  list: (query: ArticlesQuery) =>
    api.get<Paged<ArticleSummary>>('/api/outreach/articles', { ...query, pageSize: PAGE_SIZE }),
  create: (input: ArticleSettingsInput & { text: ArticleTextFields }) =>
    api.post<Article>('/api/outreach/articles', input),
  article: (id: string) => api.get<Article>(article(id)),
  changeSettings: (id: string, settings: ArticleSettingsInput) => api.put<Article>(article(id), settings),
  keepText: (id: string, language: string, text: ArticleTextFields) =>
    api.put<Article>(`${article(id)}/texts/${language}`, text),
  /** The review names the revision read: a text changed meanwhile is not approved unread. */
  reviewText: (id: string, language: string, revision: number) =>
    api.post<Article>(`${article(id)}/texts/${language}/review`, { revision }),
  publishText: (id: string, language: string) =>
    api.post<Article>(`${article(id)}/texts/${language}/publish`),
  publish: (id: string) => api.post<Article>(`${article(id)}/publish`),
  schedule: (id: string, when: { day: string; time: string }) =>
    api.post<Article>(`${article(id)}/schedule`, when),
  unschedule: (id: string) => api.post<Article>(`${article(id)}/unschedule`),
  archive: (id: string) => api.post<Article>(`${article(id)}/archive`),
  addImage: (id: string, file: File) => api.upload<ArticleImage>(`${article(id)}/images`, { file }),
  /** Where the staff see an image: the public address serves it only once the article is public. */
  imageUrl: (id: string, imageId: string) => `${article(id)}/images/${imageId}`,
  preview: (id: string, body: string) => api.post<Preview>(`${article(id)}/preview`, { body }),
};

const publication = (id: string) => `/api/outreach/publications/${id}`;

/** Brochures, leaflets, posters and reports: a PDF per language in versions, the print run and where it went. */
export const publications = {
  list: () => api.get<PublicationSummary[]>('/api/outreach/publications'),
  create: (input: PublicationInput) => api.post<Publication>('/api/outreach/publications', input),
  publication: (id: string) => api.get<Publication>(publication(id)),
  change: (id: string, input: PublicationInput) => api.put<Publication>(publication(id), input),
  addFile: (id: string, language: string, title: string, file: File) =>
    api.upload<Publication>(`${publication(id)}/files/${language}`, { title, file }),
  fileUrl: (id: string, fileId: string) => `${publication(id)}/files/${fileId}`,
  setCover: (id: string, alt: string, file: File) =>
    api.upload<Publication>(`${publication(id)}/cover`, { alt, file }),
  removeCover: (id: string) => api.delete<Publication>(`${publication(id)}/cover`),
  distribute: (id: string, input: DistributionInput) =>
    api.post<Publication>(`${publication(id)}/distributions`, input),
  setPublished: (id: string, published: boolean) =>
    api.put<Publication>(`${publication(id)}/published`, { published }),
};

/** An item of the coverage log: the server corrects it and keeps its clipping under `press`. */
const coverageItem = (id: string) => `/api/outreach/coverage/${id}`;

/** The press coverage log: what the newspapers, websites, radio and television said of the project. */
export const coverage = {
  list: (query: CoverageQuery) =>
    api.get<Paged<Coverage>>('/api/outreach/coverage', { ...query, pageSize: PAGE_SIZE }),
  record: (input: CoverageInput) => api.post<Coverage>('/api/outreach/coverage', input),
  correct: (id: string, input: CoverageInput) => api.put<Coverage>(coverageItem(id), input),
  attachClipping: (id: string, file: File) => api.upload<Coverage>(`${coverageItem(id)}/clipping`, { file }),
  clippingUrl: (id: string) => `${coverageItem(id)}/clipping`,
};
