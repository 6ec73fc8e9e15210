/**
 * Retention as the administrator sets it and the disposal job applies it: each kind of record registered by a
 * module (`kernel/personal-data.ts`) is kept for its months, then disposed of in batches, each batch in its
 * own transaction with one audit entry that says which kind and how many, never what.
 */
import { AuditTrailBroken } from '../../../kernel/audit.ts';
import { type Caller, SYSTEM_CALLER } from '../../../kernel/auth.ts';
import type { Clock } from '../../../kernel/clock.ts';
import type { Db } from '../../../kernel/db.ts';
import { AppError, Conflict, Invalid, NotFound } from '../../../kernel/errors.ts';
import { newId } from '../../../kernel/ids.ts';
import type { Gauge } from '../../../kernel/module.ts';
import { type RetentionCategory, retentionCategories } from '../../../kernel/personal-data.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { NothingToDo, writeTransaction } from '../../../kernel/transaction.ts';
import type { RetentionCategoryView, RetentionOverview, RetentionUpdate } from './contract.ts';
import { appliedMonths, DISPOSAL_TIME, minimumMonths, retentionCutoff, scheduleErrors } from './rules.ts';
import * as store from './store.ts';

export const DISPOSAL_QUEUE = 'privacy.retention';
export const DISPOSAL_BATCH = 500;

export type DisposalTrigger = 'SCHEDULE' | 'ADMIN';

type Schedule = { months: number; legalBasis: string };

const ENTITY = 'retention_category';

function findCategory(key: string): RetentionCategory {
  const category = retentionCategories().find((known) => known.key === key);
  if (!category) throw new NotFound('Questa categoria di dati non è conosciuta da LOVIT.');
  return category;
}

/**
 * The schedule as kept, or the module's default for a kind not yet written down; never shorter than the
 * kind's minimum.
 */
async function schedulesByCategory(db: Db): Promise<Map<string, Schedule>> {
  const kept = new Map((await store.schedules(db)).map((row) => [row.category, row]));
  return new Map(
    retentionCategories().map((category) => {
      const schedule = kept.get(category.key) ?? {
        months: category.defaultMonths,
        legalBasis: category.legalBasis,
      };
      return [
        category.key,
        { months: appliedMonths(category, schedule.months), legalBasis: schedule.legalBasis },
      ];
    }),
  );
}

/** Hears why a kind of record could not be counted or disposed of, with the detail the page does not show. */
export type CategoryFailure = (category: string, error: unknown) => void;

const INTERNAL_FAILURE =
  'Eliminazione non riuscita per un errore interno: i dettagli sono nel registro del server.';

/**
 * Why a kind of record could not be counted or disposed of, in words an administrator can act on. Other
 * errors carry the inside of the system (queries, paths, hosts): the page says only that the server's log has
 * them.
 */
export function failureInWords(error: unknown): string {
  if (error instanceof AuditTrailBroken || error instanceof AppError) return error.message;
  return INTERNAL_FAILURE;
}

/**
 * Writes down, at every start, the default retention of each kind of record a module registered and the
 * schedule does not hold yet. What an administrator set is never replaced.
 */
export async function seedSchedules(db: Db, clock: Clock): Promise<string[]> {
  const defaults = retentionCategories().map((category) => ({
    category: category.key,
    months: category.defaultMonths,
    legalBasis: category.legalBasis,
  }));
  return writeTransaction(db, clock, SYSTEM_CALLER, async ({ db: trx, audit }) => {
    const added = await store.insertMissingSchedules(trx, defaults, clock.now());
    if (added.length === 0) throw new NothingToDo(added);
    await audit({
      kind: 'change',
      action: 'privacy.retention.seed',
      entityType: ENTITY,
      entityId: null,
      after: { categories: added },
    });
    return added;
  });
}

async function countDue(db: Db, category: RetentionCategory, cutoff: Date, onFailure?: CategoryFailure) {
  try {
    return { dueNow: await category.countDue(db, cutoff), dueProblem: null };
  } catch (error) {
    onFailure?.(category.key, error);
    return { dueNow: null, dueProblem: failureInWords(error) };
  }
}

/** Every kind of record with its retention, what is due now and what the last disposal did. */
export async function retentionOverview(
  platform: Platform,
  onFailure?: CategoryFailure,
): Promise<RetentionOverview> {
  const { db } = platform.database;
  const [kept, last] = await Promise.all([schedulesByCategory(db), store.lastDisposals(db)]);
  const lastByCategory = new Map(last.map((row) => [row.category, row]));
  const now = platform.clock.now();
  const categories: RetentionCategoryView[] = [];
  for (const category of retentionCategories()) {
    const schedule = kept.get(category.key) ?? { months: category.defaultMonths, legalBasis: '' };
    const disposal = lastByCategory.get(category.key);
    categories.push({
      key: category.key,
      label: category.label,
      runsFrom: category.runsFrom,
      months: schedule.months,
      minMonths: minimumMonths(category),
      legalBasis: schedule.legalBasis,
      action: category.action,
      ...(await countDue(db, category, retentionCutoff(now, schedule.months), onFailure)),
      lastDisposal: disposal
        ? { at: disposal.startedAt.toISOString(), disposed: disposal.disposed, failure: disposal.failure }
        : null,
    });
  }
  const time = `${String(DISPOSAL_TIME.hour).padStart(2, '0')}:${String(DISPOSAL_TIME.minute).padStart(2, '0')}`;
  return { categories, dailyAt: time, canRunNow: platform.jobs !== undefined };
}

/** The administrator corrects how long a kind of record is kept and why; the change is audited. */
export async function updateRetention(
  platform: Platform,
  caller: Caller,
  key: string,
  input: RetentionUpdate,
  onFailure?: CategoryFailure,
): Promise<RetentionCategoryView> {
  const category = findCategory(key);
  const errors = scheduleErrors(input, minimumMonths(category));
  if (errors.length > 0) throw new Invalid(errors);
  const after = { months: input.months, legalBasis: input.legalBasis.trim() };
  const { database, clock } = platform;
  await writeTransaction(database.db, clock, caller, async ({ db, audit }) => {
    const kept = await store.scheduleOf(db, key);
    const before = kept
      ? { months: kept.months, legalBasis: kept.legalBasis }
      : { months: category.defaultMonths, legalBasis: category.legalBasis };
    if (kept && before.months === after.months && before.legalBasis === after.legalBasis)
      throw new NothingToDo(undefined);
    await store.saveSchedule(db, {
      category: key,
      ...after,
      updatedAt: clock.now(),
      updatedBy: caller.actor?.userId ?? null,
    });
    await audit({
      kind: 'change',
      action: 'privacy.retention.update',
      entityType: ENTITY,
      entityId: key,
      before,
      after,
    });
  });
  const overview = await retentionOverview(platform, onFailure);
  return overview.categories.find((view) => view.key === key) as RetentionCategoryView;
}

/** An administrator asks for the disposal now: the job queue takes it, off the request. */
export async function requestDisposal(platform: Platform, caller: Caller): Promise<void> {
  const { jobs } = platform;
  if (!jobs)
    throw new Conflict(
      'Questo processo non esegue lavori in background: l’eliminazione dei dati scaduti sarà eseguita dal processo che li esegue.',
    );
  await writeTransaction(platform.database.db, platform.clock, caller, ({ audit }) =>
    audit({ kind: 'change', action: 'privacy.retention.request', entityType: ENTITY, entityId: null }),
  );
  await jobs.send(DISPOSAL_QUEUE, { trigger: 'ADMIN' });
}

/** One batch in one transaction, with the audit entry that says which kind and how many. */
function disposeBatch(platform: Platform, category: RetentionCategory, cutoff: Date, limit: number) {
  return writeTransaction(platform.database.db, platform.clock, SYSTEM_CALLER, async ({ db, audit }) => {
    const count = await category.dispose(db, cutoff, limit);
    if (count === 0) throw new NothingToDo(0);
    await audit({
      kind: 'security',
      action: 'privacy.retention.dispose',
      entityType: ENTITY,
      entityId: category.key,
      details: { count, action: category.action },
    });
    return count;
  });
}

export type CategoryDisposal = { category: string; disposed: number; failure: string | null };

/**
 * Disposes of every kind of record whose time has run out, kind by kind, in batches of `batchSize`. A kind
 * that fails keeps what its batches had disposed of and does not stop the others; `onFailure` hears of it.
 */
export async function disposeDueRecords(
  platform: Platform,
  trigger: DisposalTrigger,
  { batchSize = DISPOSAL_BATCH, onFailure }: { batchSize?: number; onFailure?: CategoryFailure } = {},
): Promise<CategoryDisposal[]> {
  const { database, clock } = platform;
  const kept = await schedulesByCategory(database.db);
  const rows: store.DisposalRow[] = [];
  for (const category of retentionCategories()) {
    const startedAt = clock.now();
    const cutoff = retentionCutoff(startedAt, kept.get(category.key)?.months ?? category.defaultMonths);
    let disposed = 0;
    let failure: string | null = null;
    try {
      for (;;) {
        const count = await disposeBatch(platform, category, cutoff, batchSize);
        disposed += count;
        if (count < batchSize) break;
      }
    } catch (error) {
      failure = failureInWords(error);
      onFailure?.(category.key, error);
    }
    rows.push({
      id: newId(),
      category: category.key,
      startedAt,
      finishedAt: clock.now(),
      trigger,
      cutoff,
      disposed,
      failure,
    });
  }
  await writeTransaction(database.db, clock, SYSTEM_CALLER, async ({ db, audit }) => {
    await store.insertDisposals(db, rows);
    await audit({
      kind: 'security',
      action: 'privacy.retention.run',
      entityType: ENTITY,
      entityId: null,
      details: {
        trigger,
        disposed: rows.reduce((sum, row) => sum + row.disposed, 0),
        failed: rows.filter((row) => row.failure !== null).map((row) => row.category),
      },
    });
  });
  return rows.map(({ category, disposed, failure }) => ({ category, disposed, failure }));
}

/** What /metrics shows of the disposal: when it last ran and how many kinds of record it could not dispose of. */
export function retentionGauges(platform: Platform): Gauge[] {
  const last = () => store.lastDisposals(platform.database.db);
  return [
    {
      name: 'lovit_retention_last_run_timestamp_seconds',
      help: 'When the disposal of records past their retention last ran (Unix time; 0 before the first)',
      read: async () => {
        const times = (await last()).map((row) => row.startedAt.getTime());
        return times.length > 0 ? Math.max(...times) / 1000 : 0;
      },
    },
    {
      name: 'lovit_retention_failed_categories',
      help: 'Kinds of record whose last disposal stopped with an error',
      read: async () => (await last()).filter((row) => row.failure !== null).length,
    },
  ];
}
