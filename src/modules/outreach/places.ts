/** The public pages of dissemination for the portal's sitemap: news, publications and events. */
import type { Platform } from '../../kernel/platform.ts';
import { eventPlaces } from './events/public.ts';
import { articlePlaces } from './news/public.ts';

export async function outreachPlaces(platform: Platform): Promise<string[]> {
  const [news, events] = await Promise.all([articlePlaces(platform), eventPlaces(platform)]);
  return [...news, '/pubblicazioni', ...events];
}
