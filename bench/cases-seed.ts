/**
 * A SUI office with `cases` work-clearance cases on PostgreSQL, written by SQL in a few statements: the demo's
 * organisations and users, one person for every ten cases, a party and a submission event per case. Shared by the
 * benchmarks that need a large office (the worklist, backup and restore).
 */
import { sql } from 'kysely';
import { loadDemoData } from '../src/cli/demo.ts';
import { systemClock } from '../src/kernel/clock.ts';
import type { DatabaseHandle } from '../src/kernel/db.ts';
import { BUILT_IN_CASE_TYPES } from '../src/modules/cases/law/catalogue.ts';

export async function seedCases(database: DatabaseHandle, cases: number): Promise<void> {
  const { db } = database;
  await loadDemoData({ database, clock: systemClock });
  const prefecture = await db
    .selectFrom('organisation')
    .select('id')
    .where('code', '=', 'PREF-LO')
    .executeTakeFirstOrThrow();
  const operators = await db
    .selectFrom('appUser')
    .select('id')
    .where('email', 'in', ['operatore.sui@lovit.example', 'responsabile.sui@lovit.example'])
    .execute();
  const workClearance = BUILT_IN_CASE_TYPES.find((type) => type.code === 'WORK_CLEARANCE');
  const states = [
    'QUOTA_ASSIGNED',
    'UNDER_REVIEW',
    'INTEGRATION_REQUESTED',
    'AWAITING_OPINIONS',
    'CONVOKED',
    'ISSUED',
    'REJECTED',
  ];
  // One case in ten is closed; the open ones are due over the next 120 days and the last 30; assignees, languages
  // and states spread evenly.
  await sql`
  insert into person (id, organisation_id, surname, given_name, sex, birth_date, birth_place, citizenship,
    passport_number, passport_expiry, created_at, updated_at)
  select gen_random_uuid(), ${prefecture.id}, 'COGNOME' || n, 'Nome', 'M', date '1990-01-01' + (n % 5000),
    'Dhaka', 'BD', 'P' || lpad(n::text, 9, '0'), date '2031-01-01', now(), now()
  from generate_series(1, ${cases / 10}) as n`.execute(db);
  await sql`
  insert into case_file (id, organisation_id, number, year, sequence, type_code, type_valid_from, state, closed,
    awaiting_opinions, channel, received_at, submitted_on, due_on, clock_suspended, title, language,
    assignee_id, receipt_code, updated_at)
  select gen_random_uuid(), ${prefecture.id}, 'LO-2026-' || lpad(n::text, 7, '0'), 2026, n,
    'WORK_CLEARANCE', ${workClearance?.validFrom}::date, (${sql.val(states)}::text[])[1 + n % 7],
    n % 10 = 0, n % 20 = 3, 'API', now() - make_interval(secs => n), current_date - (n % 60),
    case when n % 10 = 0 then null else current_date - 30 + (n % 150) end, n % 50 = 7,
    'AZIENDA ' || (n % 5000) || ' – COGNOME' || n, (array['en','ar','fr','uk','ur','bn','hi','es','zh','sq'])[1 + n % 10],
    case when n % 3 = 0 then null else (${sql.val(operators.map((o) => o.id))}::uuid[])[1 + n % 2] end,
    'R' || lpad(n::text, 15, '0'), now()
  from generate_series(1, ${cases}) as n`.execute(db);
  await sql`
  insert into case_party (case_id, role, person_id)
  select c.id, 'WORKER', p.id from case_file c
  join lateral (select id from person where passport_number = 'P' || lpad((1 + c.sequence % ${cases / 10})::text, 9, '0')) p on true`.execute(
    db,
  );
  await sql`
  insert into case_event (id, case_id, at, on_day, kind, to_state, actor_label)
  select gen_random_uuid(), id, received_at, submitted_on, 'SUBMITTED', state, 'sistema:bench' from case_file`.execute(
    db,
  );
  await sql`analyze`.execute(db);
}
