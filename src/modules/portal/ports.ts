/**
 * What the portal asks of the modules that use it, plugged in where the modules are assembled
 * (`modules/index.ts`): the portal never imports them.
 */
import type { ReactNode } from 'react';
import type { Db } from '../../kernel/db.ts';
import { Port } from '../../kernel/events.ts';
import type { Platform } from '../../kernel/platform.ts';
import type { Translate } from './languages.ts';

/** A section of the offices page below the offices, from the address's query; invalid filters answer 400. */
export type OfficesSection = (
  platform: Platform,
  query: unknown,
  page: { lang: string; t: Translate },
) => Promise<{ section: ReactNode; valid: boolean }>;
export const officesSection = new Port<OfficesSection>('portal.offices-section');

/** The languages a staff member may review translations in. */
export const reviewerLanguages = new Port<(db: Db, userId: string) => Promise<string[]>>(
  'portal.reviewer-languages',
);

/** The public pages of other modules for the sitemap, after `/portale/<lang>` (each in every language). */
export const listedPlaces = new Port<(platform: Platform) => Promise<string[]>>('portal.listed-places');
