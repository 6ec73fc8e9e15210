/**
 * What a notice states that is not fixed text: who the controller is (the configured prefecture), whom to
 * write to about data protection, and how long each kind of record is kept — the administrator's schedule,
 * else the category's default, else the rule that governs the prefecture's archives.
 */
import type { Config } from '../../../config.ts';
import { retentionCategories } from '../../../kernel/personal-data.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { NOTICE_FORMS, type NoticeForm, noticeForm } from './rules.ts';
import { scheduledMonths } from './store.ts';

/** The controller as the notices name it: a proper name, written in Italian in every language. */
export type Controller = { name: string; address: string | null; email: string | null };

export type Notice = {
  form: NoticeForm;
  controller: Controller;
  dpoEmail: string;
  /** Each sentence on retention with its months; null when neither the schedule nor a category knows, or none applies. */
  keptFor: { text: string; months: number | null }[];
};

/** The prefecture among the configured offices; for a province that lists none, its name from the province. */
export function controllerOf(config: Config): Controller {
  const prefecture = config.office.offices.find((office) => office.key === 'prefettura');
  if (prefecture)
    return { name: prefecture.name, address: prefecture.address, email: prefecture.email ?? null };
  return {
    name: `Prefettura – Ufficio Territoriale del Governo di ${config.office.province.name}`,
    address: null,
    email: null,
  };
}

/** The notice of one form, or null when the portal has no such form. */
export async function formNotice(platform: Platform, slug: string): Promise<Notice | null> {
  const form = noticeForm(slug);
  if (!form) return null;
  const categories = form.keptFor.flatMap((kept) => (kept.category ? [kept.category] : []));
  const scheduled = await scheduledMonths(platform.database.db, categories);
  const defaults = new Map(retentionCategories().map((category) => [category.key, category.defaultMonths]));
  return {
    form,
    controller: controllerOf(platform.config),
    dpoEmail: platform.config.dataProtectionOfficer.email,
    keptFor: form.keptFor.map((kept) => ({
      text: kept.text,
      months: kept.category ? (scheduled.get(kept.category) ?? defaults.get(kept.category) ?? null) : null,
    })),
  };
}

/** The notices' pages for the sitemap, after `/portale/<lang>`. */
export const noticePlaces = (): string[] => [
  '/privacy',
  ...NOTICE_FORMS.map((form) => `/privacy/${form.slug}`),
];
