import { endOfDayInRome, startOfDayInRome } from '../../kernel/clock.ts';
import type { Db } from '../../kernel/db.ts';

export type AuditFilter = {
  entityType?: string | undefined;
  entityId?: string | undefined;
  userId?: string | undefined;
  kind?: 'change' | 'access' | 'security' | undefined;
  /** Inclusive dates (Europe/Rome days), as `YYYY-MM-DD`. */
  from?: string | undefined;
  to?: string | undefined;
};

function filtered(db: Db, filter: AuditFilter) {
  let query = db.selectFrom('auditEntry');
  if (filter.entityType) query = query.where('entityType', '=', filter.entityType);
  if (filter.entityId) query = query.where('entityId', '=', filter.entityId);
  if (filter.userId) query = query.where('actorUserId', '=', filter.userId);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.from) query = query.where('at', '>=', startOfDayInRome(filter.from));
  if (filter.to) query = query.where('at', '<', endOfDayInRome(filter.to));
  return query;
}

export async function searchAuditEntries(db: Db, filter: AuditFilter, page: number, pageSize: number) {
  const base = filtered(db, filter);
  const [items, total] = await Promise.all([
    base
      .selectAll()
      .orderBy('seq', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}

/** Matching entries in pages of `batch`, newest first, for an export of any size in bounded memory. */
export async function* auditEntriesForExport(db: Db, filter: AuditFilter, batch = 5000) {
  let before = Number.MAX_SAFE_INTEGER;
  for (;;) {
    const rows = await filtered(db, filter)
      .selectAll()
      .where('seq', '<', before)
      .orderBy('seq', 'desc')
      .limit(batch)
      .execute();
    if (!rows.length) return;
    yield rows;
    before = rows[rows.length - 1]?.seq ?? 0;
  }
}

// A few hundred pairs per statement keep the query plan on the entity index and the parameters well within limits.
const ENTITIES_PER_QUERY = 200;

/**
 * The reads recorded about some records, oldest first: entries of kind `access` naming one of them, with the
 * office that read (its name) rather than the person who did.
 */
export async function accessesAbout(db: Db, entities: readonly { type: string; id: string }[]) {
  const rows = [];
  for (let start = 0; start < entities.length; start += ENTITIES_PER_QUERY) {
    const chunk = entities.slice(start, start + ENTITIES_PER_QUERY);
    rows.push(
      ...(await db
        .selectFrom('auditEntry as e')
        .leftJoin('organisation as o', 'o.id', 'e.organisationId')
        .select([
          'e.seq',
          'e.at',
          'e.actorUserId',
          'o.name as officeName',
          'e.action',
          'e.entityType',
          'e.entityId',
          'e.requestId',
        ])
        .where('e.kind', '=', 'access')
        .where((eb) =>
          eb.or(
            chunk.map((entity) =>
              eb.and([eb('e.entityType', '=', entity.type), eb('e.entityId', '=', entity.id)]),
            ),
          ),
        )
        .execute()),
    );
  }
  return rows.sort((a, b) => a.seq - b.seq);
}
