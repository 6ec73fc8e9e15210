import type { z } from 'zod';
import type {
  pressContactInput,
  pressContactView,
  pressReleaseInput,
  pressReleaseSummary,
  pressReleaseView,
} from '../../../src/modules/outreach/contract.ts';
import { api } from '../../app/api.ts';
import type { Wire } from './requests.ts';

export type PressContact = Wire<z.infer<typeof pressContactView>>;
/** The contact form's fields: blank optional ones are sent as they are and read as absent by the server. */
export type PressContactInput = {
  outlet: string;
  name: string;
  beat: string;
  email: string;
  phone: string;
  language: string;
  legalBasis: z.infer<typeof pressContactInput>['legalBasis'];
  legalBasisNote: string;
};
export type PressReleaseSummary = Wire<z.infer<typeof pressReleaseSummary>>;
export type PressRelease = Wire<z.infer<typeof pressReleaseView>>;
export type PressReleaseInput = z.input<typeof pressReleaseInput>;
type Paged<T> = { items: T[]; total: number; page: number; pageSize: number };

export const PRESS_LEGAL_BASES = ['LEGITIMATE_INTEREST', 'CONSENT'] as const;

export const pressKeys = {
  all: ['outreach', 'press'] as const,
  releases: ['outreach', 'press', 'releases'] as const,
  release: (id: string) => ['outreach', 'press', 'releases', id] as const,
  contacts: (q: string, reachable: boolean) => ['outreach', 'press', 'contacts', q, reachable] as const,
};

const RELEASES = '/api/outreach/press/releases';
const CONTACTS = '/api/outreach/press/contacts';

/** The press office: contacts with their legal basis, releases reviewed by another person and sent by e-mail. */
export const press = {
  releases: () => api.get<PressReleaseSummary[]>(RELEASES),
  release: (id: string) => api.get<PressRelease>(`${RELEASES}/${id}`),
  write: (input: PressReleaseInput) => api.post<PressRelease>(RELEASES, input),
  edit: (id: string, input: PressReleaseInput) => api.put<PressRelease>(`${RELEASES}/${id}`, input),
  review: (id: string) => api.post<PressRelease>(`${RELEASES}/${id}/review`),
  send: (id: string, contactIds: string[]) =>
    api.post<PressRelease>(`${RELEASES}/${id}/send`, { contactIds }),
  contacts: (q: string, reachable: boolean) =>
    api.get<Paged<PressContact>>(CONTACTS, {
      pageSize: '200',
      ...(q ? { q } : {}),
      ...(reachable ? { reachable: 'true' } : {}),
    }),
  addContact: (input: PressContactInput) => api.post<PressContact>(CONTACTS, input),
  correctContact: (id: string, input: PressContactInput) => api.put<PressContact>(`${CONTACTS}/${id}`, input),
  eraseContact: (id: string) => api.post<PressContact>(`${CONTACTS}/${id}/erasure`),
};
