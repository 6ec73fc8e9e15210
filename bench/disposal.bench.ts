/**
 * The nightly disposal at scale, on PostgreSQL: BENCH_AUDIT (100,000) audit entries eleven years old, sealed,
 * and BENCH_REGISTRATIONS (100,000) registrations to an event that ended two years ago, then one run of the
 * disposal job's work. Reports how many of each were disposed of and at what rate, and checks that nothing is
 * left due, that the registrations' figures survive, and that the audit trail still verifies from its checkpoint.
 */
import { sql } from 'kysely';
import { sealAuditTrail, verifyAuditTrail } from '../src/kernel/audit.ts';
import { SYSTEM_CALLER } from '../src/kernel/auth.ts';
import { systemClock } from '../src/kernel/clock.ts';
import { openServerDatabase } from '../src/kernel/db.ts';
import { migrateToLatest } from '../src/kernel/migrate.ts';
import { retentionCategories } from '../src/kernel/personal-data.ts';
import '../src/modules/index.ts';
import { createOrganisation, createUser } from '../src/modules/identity/directory.ts';
import { disposeDueRecords } from '../src/modules/privacy/retention/service.ts';
import { recreate, urlOf } from './intake-database.ts';
import { writeResult } from './support.ts';

const AUDIT = Number(process.env.BENCH_AUDIT ?? 100_000);
const REGISTRATIONS = Number(process.env.BENCH_REGISTRATIONS ?? 100_000);
const DATABASE = 'lovit_bench_disposal';

await recreate(DATABASE);
const database = await openServerDatabase(urlOf(DATABASE));
await migrateToLatest(database.db);
const platform = {
  database,
  clock: systemClock,
  config: {} as never,
  mailer: { send: async () => undefined, close: () => undefined },
};
try {
  // The old entries first: the chain is disposed of from its oldest end and stops at the first entry still kept.
  await sql`
    insert into audit_entry (id, at, kind, action, entity_type, entity_id, actor_label, data)
    select gen_random_uuid(), now() - interval '11 years' + n * interval '1 second', 'access', 'cases.case.read',
      'case_file', gen_random_uuid()::text, 'operatore@prova.example', '{"motivo":"consultazione"}'::jsonb
    from generate_series(1, ${AUDIT}) as n`.execute(database.db);
  await sealAuditTrail(database.db, { all: true });

  const office = await createOrganisation(platform, SYSTEM_CALLER, {
    code: 'PREF-BENCH',
    name: 'Prefettura della prova',
    type: 'PREFECTURE',
  });
  const staff = await createUser(
    platform,
    SYSTEM_CALLER,
    {
      email: 'comunicazione@prova.example',
      givenName: 'Ufficio',
      familyName: 'Comunicazione',
      password: 'una password lunga per la prova',
    },
    [{ organisationId: office.id, role: 'communications' }],
  );
  await sql`
    with event as (
      insert into outreach_event (id, kind, title, summary, description, offer_hours, published_at, created_by,
        created_at)
      values (gen_random_uuid(), 'CONFERENCE', 'Convegno di due anni fa', 'Il convegno', 'Il convegno', 48,
        now() - interval '27 months', ${staff.id}, now() - interval '27 months')
      returning id),
    session as (
      insert into outreach_session (id, event_id, label, starts_at, ends_at, venue, address, accessibility,
        capacity, registration_until, created_at)
      select gen_random_uuid(), id, 'Sala principale', now() - interval '24 months',
        now() - interval '24 months' + interval '4 hours', 'Aula magna', 'Via della prova 1, Lodi', 'Senza gradini',
        ${REGISTRATIONS}, now() - interval '24 months', now() - interval '27 months'
      from event
      returning id)
    insert into outreach_registration (id, session_id, ticket_code, name, email, organisation, organisation_type,
      language, accessibility_needs, consent_at, status, created_at, confirmed_at, answers)
    select gen_random_uuid(), session.id, 'T' || lpad(n::text, 9, '0'), 'Persona ' || n,
      'persona.' || n || '@prova.example', 'Associazione ' || (n % 50), 'ASSOCIATION', 'it',
      case when n % 20 = 0 then 'Sedia a rotelle' end, now() - interval '25 months', 'CONFIRMED',
      now() - interval '25 months', now() - interval '25 months', '{}'
    from session, generate_series(1, ${REGISTRATIONS}) as n`.execute(database.db);

  const started = performance.now();
  const outcome = await disposeDueRecords(platform, 'ADMIN');
  const elapsedS = (performance.now() - started) / 1000;

  const cutoffs = new Map(
    retentionCategories().map((category) => [
      category.key,
      new Date(Date.now() - category.defaultMonths * 30.44 * 86_400_000),
    ]),
  );
  const stillDue = async (key: string) =>
    retentionCategories()
      .find((category) => category.key === key)
      ?.countDue(database.db, cutoffs.get(key) as Date);
  const figures = await database.db
    .selectFrom('outreachRegistration')
    .select(({ fn }) => [fn.countAll<string>().as('rows'), fn.count<string>('organisationType').as('typed')])
    .executeTakeFirstOrThrow();
  const named = await database.db
    .selectFrom('outreachRegistration')
    .select(({ fn }) => fn.countAll<string>().as('n'))
    .where('email', 'like', '%@prova.example')
    .executeTakeFirstOrThrow();
  const verification = await verifyAuditTrail(database.db);
  const disposedOf = (key: string) => outcome.find((row) => row.category === key)?.disposed ?? 0;
  const runs = await database.db
    .selectFrom('retentionDisposal')
    .select(['category', 'disposed', 'startedAt', 'finishedAt'])
    .where('disposed', '>', 0)
    .execute();
  const rates = Object.fromEntries(
    runs.map((run) => {
      const seconds = (run.finishedAt.getTime() - run.startedAt.getTime()) / 1000;
      return [
        run.category,
        { disposed: run.disposed, seconds, per_second: Math.round(run.disposed / seconds) },
      ];
    }),
  );

  const result = {
    target: 'disposeDueRecords (the nightly job), PostgreSQL',
    audit_entries: AUDIT,
    registrations: REGISTRATIONS,
    elapsed_s: Math.round(elapsedS * 10) / 10,
    by_category: rates,
    failures: outcome.filter((row) => row.failure !== null),
    per_second: Math.round(outcome.reduce((sum, row) => sum + row.disposed, 0) / elapsedS),
    audit_entries_disposed: disposedOf('audit.entries'),
    registrations_anonymised: disposedOf('outreach.registrations'),
    still_due: {
      audit: await stillDue('audit.entries'),
      registrations: await stillDue('outreach.registrations'),
    },
    registrations_kept_for_figures:
      Number(figures.rows) === REGISTRATIONS && Number(figures.typed) === REGISTRATIONS,
    registrations_still_named: Number(named.n),
    audit_trail: {
      broken: verification.broken,
      sealed: verification.sealed,
      unsealed: verification.unsealed,
    },
  };
  console.log(JSON.stringify(result, null, 2));
  console.log(await writeResult('disposal', result));
} finally {
  await database.close();
}
