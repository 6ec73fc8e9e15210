import { sql } from 'kysely';
import pg from 'pg';
import { type AuditContext, sealAuditTrail, verifyAuditTrail, writeAudit } from '../src/kernel/audit.ts';
import { openServerDatabase } from '../src/kernel/db.ts';
import { migrateToLatest } from '../src/kernel/migrate.ts';
import { writeResult } from './support.ts';

const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE = 'lovit_bench_audit';
const ENTRIES = Number(process.env.BENCH_AUDIT_ENTRIES ?? 1_000_000);
const INSERT_CHUNK = 100_000;
const LATE_ENTRIES = 1000;

async function onServer(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

function databaseUrl(): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${DATABASE}`;
  return url.toString();
}

/** Entries like a year of use: eight actions on cases, documents, users, sessions; 200 users, 40 bodies. */
function insertEntries(from: number, to: number) {
  return sql`
    with action (n, kind, action, entity_type) as (values
      (0, 'change', 'cases.case.update', 'case'),
      (1, 'access', 'cases.case.read', 'case'),
      (2, 'change', 'cases.document.create', 'document'),
      (3, 'access', 'identity.user.read', 'user'),
      (4, 'security', 'identity.session.login', 'session'),
      (5, 'change', 'exchange.opinion.request', 'opinion'),
      (6, 'change', 'training.attendance.record', 'attendance'),
      (7, 'security', 'identity.session.login_failed', 'user'))
    insert into audit_entry (id, at, kind, action, entity_type, entity_id, actor_user_id, actor_label,
      organisation_id, request_id, client_address, data)
    select
      gen_random_uuid(),
      timestamptz '2026-01-01 08:00:00+01' + g.i * interval '25 seconds'
        + (g.i % 997) * interval '1 microsecond',
      a.kind, a.action, a.entity_type,
      case when a.entity_type = 'case' then 'LO-2026-' || lpad((g.i % 50000)::text, 6, '0')
           when a.entity_type = 'session' then null
           else md5(a.entity_type || g.i)::uuid::text end,
      md5('user' || g.i % 200)::uuid,
      'utente' || g.i % 200 || '@prefettura.lodi.example',
      md5('org' || g.i % 40)::uuid,
      md5('request' || g.i / 3),
      '10.0.' || g.i % 250 || '.' || g.i % 200 + 1,
      case a.kind
        when 'change' then jsonb_build_object(
          'before', jsonb_build_object('status', 'submitted', 'assignee_id', md5('user' || g.i % 190)::uuid,
            'due_date', date '2026-03-01' + g.i % 300),
          'after', jsonb_build_object('status', 'in_review', 'assignee_id', md5('user' || g.i % 200)::uuid,
            'due_date', date '2026-03-01' + g.i % 300 + 30))
        when 'security' then jsonb_build_object('method', 'password', 'attempt', g.i % 5 + 1)
        else null end
    from generate_series(${from}::int, ${to}::int) as g (i)
    join action a on a.n = g.i % 8
    order by g.i`;
}

const seconds = (since: number) => (performance.now() - since) / 1000;
const round = (n: number, digits = 2) => Number(n.toFixed(digits));

await onServer(`drop database if exists ${DATABASE} with (force)`);
await onServer(`create database ${DATABASE}`);
const database = await openServerDatabase(databaseUrl(), { max: 2 });
try {
  const { db } = database;
  await migrateToLatest(db);

  let started = performance.now();
  for (let from = 1; from <= ENTRIES; from += INSERT_CHUNK) {
    await insertEntries(from, Math.min(ENTRIES, from + INSERT_CHUNK - 1)).execute(db);
  }
  await sql`vacuum analyze audit_entry`.execute(db);
  const insertSeconds = seconds(started);
  process.stdout.write(
    `inserted ${ENTRIES.toLocaleString('en-US')} entries in ${insertSeconds.toFixed(1)} s\n`,
  );

  started = performance.now();
  const sealed = await sealAuditTrail(db, { all: true });
  const sealSeconds = seconds(started);
  process.stdout.write(`sealed ${sealed.toLocaleString('en-US')} in ${sealSeconds.toFixed(1)} s\n`);
  await sql`vacuum analyze audit_seal`.execute(db);

  started = performance.now();
  const verification = await verifyAuditTrail(db);
  const verifySeconds = seconds(started);
  if (verification.broken || verification.sealed !== ENTRIES) {
    throw new Error(`unexpected verification: ${JSON.stringify(verification)}`);
  }
  process.stdout.write(
    `verified ${verification.sealed.toLocaleString('en-US')} in ${verifySeconds.toFixed(1)} s\n`,
  );

  // The steady state: a periodic sealer finds a few new entries on top of a long sealed trail.
  const context: AuditContext = {
    at: new Date(),
    actorUserId: null,
    actorLabel: 'sistema',
    organisationId: null,
    requestId: null,
    clientAddress: null,
  };
  for (let i = 0; i < LATE_ENTRIES; i++) {
    await writeAudit(db, context, {
      kind: 'security',
      action: 'bench.tick',
      entityType: 'bench',
      entityId: null,
    });
  }
  started = performance.now();
  const incremental = await sealAuditTrail(db);
  const incrementalSeconds = seconds(started);

  const { rows } = await sql<{
    version: string;
  }>`select current_setting('server_version') as version`.execute(db);
  const file = await writeResult('audit-verify', {
    target: 'sealAuditTrail({ all: true }) and verifyAuditTrail() on PostgreSQL',
    postgres: rows[0]?.version,
    entries: ENTRIES,
    insert_seconds: round(insertSeconds),
    seal_seconds: round(sealSeconds),
    seal_entries_per_s: Math.round(ENTRIES / sealSeconds),
    verify_seconds: round(verifySeconds),
    verify_entries_per_s: Math.round(ENTRIES / verifySeconds),
    incremental_seal: { pending: LATE_ENTRIES, sealed: incremental, seconds: round(incrementalSeconds, 3) },
    max_rss_mib: Math.round(process.resourceUsage().maxRSS / 1024),
  });
  const rate = (s: number) => Math.round(ENTRIES / s).toLocaleString('en-US');
  process.stdout.write(
    `audit trail of ${ENTRIES.toLocaleString('en-US')} entries: seal ${sealSeconds.toFixed(1)} s ` +
      `(${rate(sealSeconds)}/s), verify ${verifySeconds.toFixed(1)} s (${rate(verifySeconds)}/s); ` +
      `${LATE_ENTRIES} new entries on top sealed in ${(incrementalSeconds * 1000).toFixed(0)} ms → ${file}\n`,
  );
} finally {
  await database.close();
  await onServer(`drop database if exists ${DATABASE} with (force)`);
}
