/** The queries of the process figures: how long files stay in each state. */
import { sql } from 'kysely';
import type { Db } from '../../../kernel/db.ts';

const DAY_SECONDS = 86_400;

/** Completed stays in each state of a case (from entering it to the next change of state), per type. */
export async function stageTimes(db: Db, organisationId: string | null) {
  const stageDays = sql<number>`extract(epoch from (e.next_at - e.at)) / ${DAY_SECONDS}`;
  return db
    .with('e', (w) =>
      w
        .selectFrom('caseEvent as ev')
        .innerJoin('caseFile as c', 'c.id', 'ev.caseId')
        .select([
          'c.typeCode',
          'ev.toState',
          'ev.at',
          sql<Date>`lead(ev.at) over (partition by ev.case_id order by ev.at, ev.id)`.as('next_at'),
        ])
        .where('ev.toState', 'is not', null)
        .$call((q) => (organisationId ? q.where('c.organisationId', '=', organisationId) : q)),
    )
    .selectFrom('e')
    .select([
      'e.typeCode',
      'e.toState',
      sql<number>`count(*)`.as('n'),
      sql<number>`percentile_cont(0.5) within group (order by ${stageDays})`.as('median'),
      sql<number>`percentile_cont(0.9) within group (order by ${stageDays})`.as('p90'),
    ])
    .where(sql.ref('e.next_at'), 'is not', null)
    .groupBy(['e.typeCode', 'e.toState'])
    .orderBy('e.typeCode')
    .orderBy('e.toState')
    .execute();
}
