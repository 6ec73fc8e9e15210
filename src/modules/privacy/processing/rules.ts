/**
 * The register of processing activities (GDPR art. 30.1) put together from what the modules declare and the
 * retention the administrator set: who the controller is, and each activity's retention in words.
 */
import type { OfficeSetting } from '../../../config.ts';
import type { ProcessingActivity, RetentionCategory } from '../../../kernel/personal-data.ts';
import { appliedMonths, monthsInWords } from '../retention/rules.ts';

/** The controller as the register and the access summary name it (art. 30.1.a). */
export type Controller = {
  name: string;
  address: string | null;
  email: string | null;
  /** The data protection officer's contact (art. 37.7). */
  dataProtectionOfficer: string;
};

/** The Prefettura among the offices the portal lists, or one named after the province when none is set. */
export function controllerOf(
  offices: readonly OfficeSetting[],
  provinceName: string,
  dataProtectionOfficerEmail: string,
): Controller {
  const prefecture =
    offices.find((office) => office.key === 'prefettura') ??
    offices.find((office) => /prefettura/i.test(office.name));
  return {
    name: prefecture?.name ?? `Prefettura – Ufficio Territoriale del Governo di ${provinceName}`,
    address: prefecture?.address ?? null,
    email: prefecture?.email ?? null,
    dataProtectionOfficer: dataProtectionOfficerEmail,
  };
}

/** A retention category as set now: months and legal basis from the schedule, else the category's own. */
export type AppliedRetention = {
  key: string;
  label: string;
  runsFrom: string;
  months: number;
  legalBasis: string;
  action: RetentionCategory['action'];
  /** Whether the administrator's schedule sets it (false: the category's default applies). */
  isScheduled: boolean;
};

export type RegisterActivity = Omit<ProcessingActivity, 'retention'> & {
  module: string;
  retention: AppliedRetention[];
};

export type ScheduledRetention = { category: string; months: number; legalBasis: string };

/** The activities of every module, each with its retention as the schedule sets it. */
export function registerActivities(
  providers: readonly {
    module: string;
    activities: readonly ProcessingActivity[];
    categories: readonly RetentionCategory[];
  }[],
  schedule: readonly ScheduledRetention[],
): RegisterActivity[] {
  const categories = new Map(providers.flatMap((p) => p.categories).map((c) => [c.key, c]));
  const scheduled = new Map(schedule.map((row) => [row.category, row]));
  return providers.flatMap((provider) =>
    provider.activities.map((activity) => ({
      ...activity,
      module: provider.module,
      retention: activity.retention.flatMap((key): AppliedRetention[] => {
        const category = categories.get(key);
        // A key no module registers has no label or default to show: the provider's mistake, not the reader's.
        if (!category) return [];
        const row = scheduled.get(key);
        return [
          {
            key,
            label: category.label,
            runsFrom: category.runsFrom,
            months: appliedMonths(category, row?.months ?? category.defaultMonths),
            legalBasis: row?.legalBasis ?? category.legalBasis,
            action: category.action,
            isScheduled: row !== undefined,
          },
        ];
      }),
    })),
  );
}

/** "Pratiche concluse con rigetto: 5 anni dalla chiusura della pratica, poi cancellate (base: …)". */
export function retentionInWords(retention: AppliedRetention): string {
  const then = retention.action === 'delete' ? 'poi eliminati' : 'poi resi anonimi';
  return `${retention.label}: ${monthsInWords(retention.months)} ${retention.runsFrom}, ${then} (${retention.legalBasis})`;
}

const LONG_DAY = new Intl.DateTimeFormat('it-IT', { day: 'numeric', month: 'long', year: 'numeric' });
/** A day as people write it: "7 dicembre 2026". */
export const dayInWords = (day: { year: number; month: number; day: number }) =>
  LONG_DAY.format(new Date(day.year, day.month - 1, day.day));
