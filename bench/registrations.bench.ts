/**
 * A click day for an event: BENCH_REGISTRATIONS people (5,000) register from the public form, each from their
 * own address, BENCH_CONNECTIONS at a time, for one session of BENCH_SEATS seats (300); then BENCH_CANCELS
 * (200) of those with a seat cancel from their ticket's link. Checks that exactly the seats were confirmed,
 * the rest waitlisted in arrival order, each e-mail queued once, and each cancellation offered its seat to
 * the next in the list, in order. On a fresh PostgreSQL database (BENCH_DATABASE_URL's server).
 *
 * Before the measure, BENCH_WARMUP (1,000) people register for another event, reported apart: the server's
 * first requests compile its code and open its connections, which a click day pays once. Beside the rates,
 * the server's CPU per registration and the database's transactions per registration.
 */

import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { loadavg } from 'node:os';
import { sql } from 'kysely';
import { SYSTEM_CALLER } from '../src/kernel/auth.ts';
import { systemClock } from '../src/kernel/clock.ts';
import { openServerDatabase } from '../src/kernel/db.ts';
import { migrateToLatest } from '../src/kernel/migrate.ts';
import { createOrganisation, createUser } from '../src/modules/identity/directory.ts';
import { recreate, urlOf } from './intake-database.ts';
import { startServer, writeResult } from './support.ts';

const PEOPLE = Number(process.env.BENCH_REGISTRATIONS ?? 5000);
const SEATS = Number(process.env.BENCH_SEATS ?? 300);
const CANCELS = Number(process.env.BENCH_CANCELS ?? 200);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 1000);
const PASSWORD = 'una password lunga per la prova';
const DATABASE = 'lovit_bench_registrations';

const round = (ms: number) => Math.round(ms * 10) / 10;
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

/** Runs `work` over the items with `connections` at a time; answers the latencies. */
async function pool<T>(items: readonly T[], connections: number, work: (item: T) => Promise<void>) {
  const latencies: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      const sent = performance.now();
      await work(item);
      latencies.push(performance.now() - sent);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: connections }, worker));
  const elapsedS = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    elapsed_s: round(elapsedS),
    per_second: Math.round(items.length / elapsedS),
    p50_ms: round(percentile(latencies, 50)),
    p99_ms: round(percentile(latencies, 99)),
    max_ms: round(latencies.at(-1) ?? 0),
  };
}

/** CPU milliseconds used so far by a process (user + system), from /proc. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

await recreate(DATABASE);
const setup = await openServerDatabase(urlOf(DATABASE));
await migrateToLatest(setup.db);
const platform = {
  database: setup,
  clock: systemClock,
  config: {} as never,
  mailer: { send: async () => undefined, close: () => undefined },
};
const office = await createOrganisation(platform, SYSTEM_CALLER, {
  code: 'PREF-BENCH',
  name: 'Prefettura della prova',
  type: 'PREFECTURE',
});
await createUser(
  platform,
  SYSTEM_CALLER,
  {
    email: 'comunicazione@prova.example',
    givenName: 'Ufficio',
    familyName: 'Comunicazione',
    password: PASSWORD,
  },
  [{ organisationId: office.id, role: 'communications' }],
);

const server = await startServer({
  JOBS: '0',
  DEMO_DATA: '0',
  DATABASE_URL: urlOf(DATABASE),
  TRUST_PROXY: '127.0.0.1',
  LOGIN_RATE_PER_MINUTE: '100000',
});
const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });

/** Posts a form; answers the status, the page and where it redirects to. */
function postForm(url: string, headers: Record<string, string>, body: string) {
  return new Promise<{ status: number; page: string; location: string }>((resolve, reject) => {
    const sent = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          ...headers,
          'content-type': 'application/x-www-form-urlencoded',
          'sec-fetch-site': 'same-origin',
          'content-length': Buffer.byteLength(body),
        },
      },
      (answer) => {
        let page = '';
        answer.setEncoding('utf8');
        answer.on('data', (chunk: string) => {
          page += chunk;
        });
        answer.on('end', () =>
          resolve({ status: answer.statusCode ?? 0, page, location: String(answer.headers.location ?? '') }),
        );
      },
    );
    sent.on('error', reject);
    sent.end(body);
  });
}
try {
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'comunicazione@prova.example', password: PASSWORD }),
  });
  const staff = {
    cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '',
    'x-csrf-token': ((await login.json()) as { csrfToken: string }).csrfToken,
    'content-type': 'application/json',
  };
  const api = async <T>(method: string, path: string, body: object) => {
    const answer = await fetch(`${server.url}${path}`, {
      method,
      headers: staff,
      body: JSON.stringify(body),
    });
    if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${await answer.text()}`);
    return (await answer.json()) as T;
  };
  /** A published event with one session of `seats`; answers their ids. */
  const publishedEvent = async (title: string, seats: number) => {
    const event = await api<{ id: string }>('POST', '/api/outreach/events', {
      kind: 'CONFERENCE',
      title,
      summary: 'I risultati del progetto LO.V.I.T.',
      description: 'Il convegno finale.',
    });
    const day = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const made = await api<{ sessions: { id: string }[] }>(
      'POST',
      `/api/outreach/events/${event.id}/sessions`,
      {
        label: 'Sala principale',
        day,
        startTime: '09:30',
        endTime: '13:00',
        venue: 'Aula magna',
        address: 'Via della prova 1, Lodi',
        accessibility: 'Ingresso senza gradini.',
        capacity: seats,
      },
    );
    await api('PUT', `/api/outreach/events/${event.id}/published`, { published: true });
    return { eventId: event.id, sessionId: made.sessions[0]?.id as string };
  };
  const warm = await publishedEvent('Incontro di prova', SEATS);
  const event = await publishedEvent('Convegno finale del progetto', SEATS);
  const sessionId = event.sessionId;
  const register = async (
    target: { eventId: string; sessionId: string },
    address: string,
    name: string,
    email: string,
  ) =>
    postForm(
      `${server.url}/portale/it/eventi/${target.eventId}`,
      { 'x-forwarded-for': address },
      new URLSearchParams({
        sessionId: target.sessionId,
        name,
        email,
        language: 'it',
        consent: 'yes',
      }).toString(),
    );
  const transactions = async () =>
    Number(
      (
        await sql<{ n: string }>`select xact_commit + xact_rollback as n from pg_stat_database
          where datname = current_database()`.execute(setup.db)
      ).rows[0]?.n,
    );

  const warmAnswers: Record<number, number> = {};
  const warmup = await pool(
    Array.from({ length: WARMUP }, (_, i) => i),
    CONNECTIONS,
    async (i) => {
      const { status } = await register(
        warm,
        `10.100.${(i >> 8) & 255}.${i & 255}`,
        `Prova ${i}`,
        `prova.${i}@prova.example`,
      );
      warmAnswers[status] = (warmAnswers[status] ?? 0) + 1;
    },
  );

  // the ticket links the form redirects to, by registration (a token begins with the registration's id)
  const tokens = new Map<string, string>();
  const answers: Record<number, number> = {};
  const loadAtStart = Math.round((loadavg()[0] ?? 0) * 10) / 10;
  const people = Array.from({ length: PEOPLE }, (_, i) => i);
  const pid = server.child.pid as number;
  const cpuBefore = cpuMs(pid);
  const transactionsBefore = await transactions();
  const registrations = await pool(people, CONNECTIONS, async (i) => {
    const { status, location } = await register(
      event,
      `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
      `Persona ${i}`,
      `persona.${i}@prova.example`,
    );
    answers[status] = (answers[status] ?? 0) + 1;
    const token = /biglietto\?t=([^&]+)/.exec(location)?.[1];
    if (token) tokens.set(token.slice(0, 36), token);
  });
  const registerCpuMs = cpuMs(pid) - cpuBefore;
  // less the one this count is read in
  const registerTransactions = (await transactions()) - transactionsBefore - 1;

  const rows = await setup.db
    .selectFrom('outreachRegistration')
    .select(['id', 'email', 'status', 'arrival'])
    .where('sessionId', '=', sessionId)
    .orderBy('arrival')
    .execute();
  const confirmed = rows.filter((row) => row.status === 'CONFIRMED');
  const waiting = rows.filter((row) => row.status === 'WAITLISTED');
  const lastSeat = Math.max(...confirmed.map((row) => Number(row.arrival)));
  const mails = await setup.db
    .selectFrom('mailOutbox')
    .select(({ fn }) => [
      fn.countAll<string>().as('n'),
      fn.count<string>('entityId').distinct().as('distinct'),
    ])
    .where('topic', 'like', 'outreach.registration.%')
    // the measured session's, not the warm-up's
    .where('entityId', 'in', (eb) =>
      eb
        .selectFrom('outreachRegistration')
        .select(sql<string>`id::text`.as('id'))
        .where('sessionId', '=', sessionId),
    )
    .executeTakeFirstOrThrow();

  // Cancellations: CANCELS people with a seat, from their ticket's link.
  const seated = confirmed.slice(0, CANCELS).map((row) => tokens.get(row.id) as string);
  const cancelCpuBefore = cpuMs(pid);
  const cancels = await pool(seated, Math.min(CONNECTIONS, 32), async (token) => {
    const { status } = await postForm(
      `${server.url}/portale/it/biglietto/annulla?t=${token}`,
      { 'x-forwarded-for': `10.200.${Math.floor(Math.random() * 255)}.${Math.floor(Math.random() * 255)}` },
      '',
    );
    if (status !== 200) throw new Error(`cancel: ${status}`);
  });
  const cancelCpuMs = cpuMs(pid) - cancelCpuBefore;
  const offered = await setup.db
    .selectFrom('outreachRegistration')
    .select(['id', 'arrival'])
    .where('sessionId', '=', sessionId)
    .where('status', '=', 'OFFERED')
    .orderBy('arrival')
    .execute();
  const firstWaiting = waiting.slice(0, CANCELS).map((row) => row.id);
  const offerMails = await setup.db
    .selectFrom('mailOutbox')
    .select(({ fn }) => fn.countAll<string>().as('n'))
    .where('topic', '=', 'outreach.registration.offer')
    .executeTakeFirstOrThrow();

  const result = {
    target: 'POST /portale/it/eventi/<id> (public form, PostgreSQL)',
    registrations: PEOPLE,
    seats: SEATS,
    connections: CONNECTIONS,
    load_average_1m: loadAtStart,
    warmup: { registrations: WARMUP, ...warmup, answers: warmAnswers },
    register: {
      ...registrations,
      answers,
      server_cpu_ms_per_registration: round(registerCpuMs / PEOPLE),
      database_transactions_per_registration: round(registerTransactions / PEOPLE),
    },
    confirmed: confirmed.length,
    waitlisted: waiting.length,
    over_capacity: Math.max(0, confirmed.length - SEATS),
    waitlist_after_every_seat: waiting.every((row) => Number(row.arrival) > lastSeat),
    emails_queued: Number(mails.n),
    emails_once_each: Number(mails.n) === rows.length && Number(mails.distinct) === rows.length,
    cancel: {
      count: seated.length,
      ...cancels,
      server_cpu_ms_per_cancellation: round(cancelCpuMs / Math.max(1, seated.length)),
    },
    offered: offered.length,
    offered_first_of_waitlist_in_order:
      offered.length === firstWaiting.length && offered.every((row, i) => row.id === firstWaiting[i]),
    offer_emails: Number(offerMails.n),
    targets: { per_second: 1000, p99_ms: 200 },
  };
  console.log(JSON.stringify(result, null, 2));
  console.log(await writeResult('registrations', result));
} finally {
  agent.destroy();
  await server.stop();
  await setup.close();
}
