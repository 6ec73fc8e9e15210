/** The public pages of dissemination for the portal's sitemap: news, publications, the press area and events. */
import type { Platform } from '../../kernel/platform.ts';
import { eventPlaces } from './events/public.ts';
import { articlePlaces } from './news/public.ts';
import { sentReleases } from './press/office.ts';

export async function outreachPlaces(platform: Platform): Promise<string[]> {
  const [news, events, releases] = await Promise.all([
    articlePlaces(platform),
    eventPlaces(platform),
    sentReleases(platform),
  ]);
  return [
    ...news,
    '/pubblicazioni',
    '/stampa',
    ...releases.map((release) => `/stampa/${release.id}`),
    ...events,
  ];
}
