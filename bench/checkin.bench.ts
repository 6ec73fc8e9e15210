/**
 * A room checking in: 300 participants of one edition, signed in, send the code on the trainer's screen (read
 * again every second, as a phone reads the screen), arriving at random over 60 s; then the same people again
 * (each refused: already recorded), then everyone at once on a second session, BENCH_CONNECTIONS at a time.
 * Reports the latencies and checks that each person is recorded exactly once. On the embedded database by
 * default; on an empty PostgreSQL database with DATABASE_URL.
 */
import { mkdtemp } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { Temporal } from 'temporal-polyfill';
import { loadConfig } from '../src/config.ts';
import { SYSTEM_CALLER } from '../src/kernel/auth.ts';
import { systemClock } from '../src/kernel/clock.ts';
import { openDatabase } from '../src/kernel/db.ts';
import { migrateToLatest } from '../src/kernel/migrate.ts';
import type { Platform } from '../src/kernel/platform.ts';
import { createOrganisation, createUser } from '../src/modules/identity/directory.ts';
import { startServer, writeResult } from './support.ts';

const PARTICIPANTS = Number(process.env.BENCH_PARTICIPANTS ?? 300);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SPREAD_S = Number(process.env.BENCH_SPREAD_S ?? 60);
const PASSWORD = 'una password lunga per la prova';

type Signed = { cookie: string; csrf: string; userId: string };

/** The session's times on the Prefettura's clock: started an hour ago (at most since midnight), two hours to go. */
function sessionNow() {
  const now = Temporal.Now.zonedDateTimeISO('Europe/Rome');
  if (now.hour === 23 && now.minute >= 50)
    throw new Error('run the benchmark outside the last minutes of the day');
  const hhmm = (time: Temporal.ZonedDateTime) =>
    `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`;
  const start = now.hour === 0 ? now.with({ minute: 0 }) : now.subtract({ hours: 1 });
  const end = now.hour >= 22 ? now.with({ hour: 23, minute: 59 }) : now.add({ hours: 2 });
  return { day: now.toPlainDate().toString(), startTime: hhmm(start), endTime: hhmm(end) };
}

/** The people of the room, written before the server starts, on the database it will use. */
async function prepare(dataDir: string) {
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    DEMO_DATA: '0',
    ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
  });
  const database = await openDatabase(config);
  await migrateToLatest(database.db);
  const platform: Platform = {
    config,
    database,
    clock: systemClock,
    mailer: { send: async () => undefined, close: () => undefined },
  };
  const comune = await createOrganisation(platform, SYSTEM_CALLER, {
    code: 'COM-BENCH',
    name: 'Comune della prova',
    type: 'MUNICIPALITY',
  });
  const coop = await createOrganisation(platform, SYSTEM_CALLER, {
    code: 'COOP-BENCH',
    name: 'Cooperativa della prova',
    type: 'COOPERATIVE',
  });
  const person = (email: string, organisationId: string, role: 'trainer' | 'trainee') =>
    createUser(
      platform,
      SYSTEM_CALLER,
      { email, givenName: 'Persona', familyName: 'di prova', password: PASSWORD },
      [{ organisationId, role }],
    );
  await person('formatore@prova.example', coop.id, 'trainer');
  for (let i = 0; i < PARTICIPANTS; i++) await person(`corsista.${i}@prova.example`, comune.id, 'trainee');
  await database.close();
}

async function signIn(url: string, email: string): Promise<Signed> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`sign-in of ${email}: ${response.status}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const view = (await response.json()) as { csrfToken: string; user: { id: string } };
  return { cookie, csrf: view.csrfToken, userId: view.user.id };
}

async function call<T>(url: string, who: Signed, method: 'GET' | 'POST', body?: object) {
  const response = await fetch(url, {
    method,
    headers: {
      cookie: who.cookie,
      'x-csrf-token': who.csrf,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as T };
}

/** Runs `work` over the items with `connections` at a time. */
async function pool<T>(items: readonly T[], connections: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
}

const round = (ms: number) => Math.round(ms * 10) / 10;
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

const dataDir = await mkdtemp(path.join(tmpdir(), 'lovit-bench-checkin-'));
await prepare(dataDir);
const server = await startServer({
  JOBS: '0',
  DEMO_DATA: '0',
  DATA_DIR: dataDir,
  LOGIN_RATE_PER_MINUTE: '100000000',
});
try {
  const trainer = await signIn(server.url, 'formatore@prova.example');
  const trainees: Signed[] = [];
  for (let i = 0; i < PARTICIPANTS; i++)
    trainees.push(await signIn(server.url, `corsista.${i}@prova.example`));
  const course = await call<{ id: string }>(`${server.url}/api/training/courses`, trainer, 'POST', {
    title: 'Corso della prova',
    track: 'PUBLIC',
    objectives: 'Misurare le presenze.',
    topics: 'Presenze',
    hours: 3,
    trainerIds: [trainer.userId],
    targetRoles: 'Operatori',
    completionPercent: 75,
  });
  const today = sessionNow();
  const edition = await call<{ id: string; sessions: { id: string }[] }>(
    `${server.url}/api/training/courses/${course.body.id}/editions`,
    trainer,
    'POST',
    {
      name: 'Aula piena',
      capacity: PARTICIPANTS,
      cancelUntil: today.day,
      sessions: [
        { ...today, place: 'Aula A' },
        { ...today, place: 'Aula B' },
      ],
    },
  );
  if (edition.status !== 201) throw new Error(`edition: ${edition.status} ${JSON.stringify(edition.body)}`);
  const sessionIds = edition.body.sessions.map((session) => session.id);
  await pool(trainees, 10, async (trainee) => {
    const enrolled = await call(
      `${server.url}/api/training/editions/${edition.body.id}/enrolment`,
      trainee,
      'POST',
      {},
    );
    if (enrolled.status !== 201) throw new Error(`enrolment: ${enrolled.status}`);
  });

  // The screens: each code is read again every second, as the participants' phones read it.
  const code = new Map<string, string>();
  const readScreens = async () => {
    for (const sessionId of sessionIds) {
      const shown = await call<{ code: string }>(
        `${server.url}/api/training/sessions/${sessionId}/check-in-code`,
        trainer,
        'GET',
      );
      code.set(sessionId, shown.body.code);
    }
  };
  await readScreens();
  const screen = setInterval(() => void readScreens(), 1000);

  /** One check-in for each person, spread over SPREAD_S seconds or all at once; latency and answers. */
  async function checkInRound(
    people: readonly Signed[],
    sessionId: string,
    screenCode: Map<string, string>,
    arrivals: 'spread' | 'burst',
  ) {
    const latencies: number[] = [];
    const answers: Record<number, number> = {};
    const checkIn = async (person: Signed) => {
      const sent = performance.now();
      const answer = await call(`${server.url}/api/training/check-in`, person, 'POST', {
        sessionId,
        code: screenCode.get(sessionId),
      });
      latencies.push(performance.now() - sent);
      answers[answer.status] = (answers[answer.status] ?? 0) + 1;
    };
    const started = performance.now();
    if (arrivals === 'burst') await pool(people, CONNECTIONS, checkIn);
    else
      await Promise.all(
        people.map(
          (person) =>
            new Promise<void>((resolve, reject) =>
              setTimeout(() => checkIn(person).then(resolve, reject), Math.random() * SPREAD_S * 1000),
            ),
        ),
      );
    const elapsedS = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    return {
      figures: {
        elapsed_s: round(elapsedS),
        p50_ms: round(percentile(latencies, 50)),
        p99_ms: round(percentile(latencies, 99)),
        max_ms: round(latencies.at(-1) ?? 0),
        answers,
      },
    };
  }

  const presentIn = async (sessionId: string) => {
    const register = await call<{ people: { isPresent: boolean }[] }>(
      `${server.url}/api/training/sessions/${sessionId}/register`,
      trainer,
      'GET',
    );
    if (register.status !== 200)
      throw new Error(`register: ${register.status} ${JSON.stringify(register.body)}`);
    return register.body.people.filter((person) => person.isPresent).length;
  };

  const loadAtStart = Math.round((loadavg()[0] ?? 0) * 10) / 10;
  const spread = await checkInRound(trainees, sessionIds[0] as string, code, 'spread');
  const again = await checkInRound(trainees, sessionIds[0] as string, code, 'burst');
  const burst = await checkInRound(trainees, sessionIds[1] as string, code, 'burst');
  clearInterval(screen);
  const present = await presentIn(sessionIds[0] as string);
  const presentBurst = await presentIn(sessionIds[1] as string);
  const result = {
    target: `POST /api/training/check-in (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded database'})`,
    participants: PARTICIPANTS,
    // the machine is shared: how busy it was when the room started checking in
    load_average_1m: loadAtStart,
    room: {
      arrivals: `one check-in each, spread at random over ${SPREAD_S} s (open loop)`,
      ...spread.figures,
    },
    second_round: {
      arrivals: `the same people again, ${CONNECTIONS} at a time`,
      answers: again.figures.answers,
    },
    burst: { arrivals: `another session, everyone at once, ${CONNECTIONS} at a time`, ...burst.figures },
    recorded_present: present,
    recorded_present_burst: presentBurst,
    all_recorded_once:
      present === PARTICIPANTS &&
      presentBurst === PARTICIPANTS &&
      spread.figures.answers[200] === PARTICIPANTS &&
      burst.figures.answers[200] === PARTICIPANTS &&
      again.figures.answers[409] === PARTICIPANTS,
  };
  const file = await writeResult(process.env.DATABASE_URL ? 'checkin-postgres' : 'checkin', result);
  process.stdout.write(
    `checkin: ${PARTICIPANTS} over ${SPREAD_S} s: p50 ${spread.figures.p50_ms} ms, p99 ${spread.figures.p99_ms} ms; ` +
      `all at once: p99 ${burst.figures.p99_ms} ms; recorded once: ${result.all_recorded_once} → ${file}\n`,
  );
} finally {
  await server.stop();
}
