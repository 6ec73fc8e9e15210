/**
 * Certificates of a full edition: BENCH_PARTICIPANTS people (1,000 by default) completed it; the trainer presses
 * "Genera attestati" and the page polls the job's progress until every certificate is issued. Then every PDF is
 * downloaded (printed on request) and every code checked as the public page checks it. Reports the times per
 * certificate and in total, and the server's peak memory. On the embedded database by default; on an empty
 * PostgreSQL database with DATABASE_URL.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { Temporal } from 'temporal-polyfill';
import { loadConfig } from '../src/config.ts';
import { SYSTEM_CALLER } from '../src/kernel/auth.ts';
import { systemClock } from '../src/kernel/clock.ts';
import { openDatabase } from '../src/kernel/db.ts';
import { newId } from '../src/kernel/ids.ts';
import { migrateToLatest } from '../src/kernel/migrate.ts';
import type { Platform } from '../src/kernel/platform.ts';
import { verifyDocument } from '../src/kernel/verification.ts';
import { createOrganisation, createUser } from '../src/modules/identity/directory.ts';
import '../src/modules/index.ts';
import { startServer, writeResult } from './support.ts';

const PARTICIPANTS = Number(process.env.BENCH_PARTICIPANTS ?? 1000);
const DOWNLOADS_AT_ONCE = Number(process.env.BENCH_CONNECTIONS ?? 4);
const PASSWORD = 'una password lunga per la prova';

type Signed = { cookie: string; csrf: string };

function configOf(dataDir: string) {
  return loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    DEMO_DATA: '0',
    ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
  });
}

/** The edition, held two days ago in two sessions of three hours, attended in full by everyone. */
async function prepare(dataDir: string): Promise<string> {
  const config = configOf(dataDir);
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
  const trainer = await createUser(
    platform,
    SYSTEM_CALLER,
    { email: 'formatore@prova.example', givenName: 'Giulia', familyName: 'Ferrari', password: PASSWORD },
    [{ organisationId: coop.id, role: 'trainer' }],
  );
  const trainees: string[] = [];
  for (let i = 0; i < PARTICIPANTS; i++) {
    const user = await createUser(
      platform,
      SYSTEM_CALLER,
      { email: `corsista.${i}@prova.example`, givenName: `Persona ${i}`, familyName: 'di prova' },
      [{ organisationId: comune.id, role: 'trainee' }],
    );
    trainees.push(user.id);
  }
  const day = Temporal.Now.plainDateISO('Europe/Rome').subtract({ days: 2 });
  const at = (time: string) =>
    new Date(day.toPlainDateTime(time).toZonedDateTime('Europe/Rome').epochMilliseconds);
  const now = new Date();
  const courseId = newId();
  const editionId = newId();
  const sessions = [
    { id: newId(), startsAt: at('09:00'), endsAt: at('12:00') },
    { id: newId(), startsAt: at('13:00'), endsAt: at('16:00') },
  ];
  const { db } = database;
  await db
    .insertInto('trainingCourse')
    .values({
      id: courseId,
      title: 'Corso della prova',
      track: 'PUBLIC',
      objectives: 'Misurare gli attestati.',
      topics: JSON.stringify(['Attestati']),
      hours: 6,
      targetRoles: 'Operatori',
      prerequisites: null,
      completionPercent: 75,
      createdAt: now,
    })
    .execute();
  await db.insertInto('trainingCourseTrainer').values({ courseId, userId: trainer.id }).execute();
  await db
    .insertInto('trainingEdition')
    .values({
      id: editionId,
      courseId,
      name: 'Aula piena',
      capacity: PARTICIPANTS,
      cancelUntil: day.toString(),
      createdAt: now,
    })
    .execute();
  await db
    .insertInto('trainingSession')
    .values(
      sessions.map((s) => ({
        ...s,
        editionId,
        place: 'Sala della prova',
        onlineUrl: null,
        checkInSecret: 'x',
      })),
    )
    .execute();
  for (let start = 0; start < trainees.length; start += 500) {
    const slice = trainees.slice(start, start + 500);
    await db
      .insertInto('trainingEnrolment')
      .values(
        slice.map((userId) => ({
          id: newId(),
          editionId,
          userId,
          organisationId: comune.id,
          status: 'ENROLLED' as const,
          enrolledBy: userId,
          requestedAt: now,
          promotedAt: null,
          cancelledAt: null,
        })),
      )
      .execute();
    await db
      .insertInto('trainingAttendance')
      .values(
        sessions.flatMap((session) =>
          slice.map((userId) => ({
            sessionId: session.id,
            userId,
            method: 'REGISTER' as const,
            recordedBy: trainer.id,
            recordedAt: now,
          })),
        ),
      )
      .execute();
  }
  await database.close();
  return editionId;
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

const round = (value: number) => Math.round(value * 10) / 10;
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** A process's memory (Linux): the most it has held (`VmHWM`) or what it holds now (`VmRSS`), in MiB. */
async function memoryMiB(pid: number | undefined, field: 'VmHWM' | 'VmRSS'): Promise<number | null> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => null);
  const kib = status && new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1];
  return kib ? Math.round(Number(kib) / 1024) : null;
}

const dataDir = await mkdtemp(path.join(tmpdir(), 'lovit-bench-certificates-'));
const editionId = await prepare(dataDir);
const server = await startServer({ DEMO_DATA: '0', DATA_DIR: dataDir, LOGIN_RATE_PER_MINUTE: '100000000' });
type View = {
  generation: { done: number; total: number; isRunning: boolean; failure: string | null } | null;
};
type Listed = { certificates: { id: string; pdfUrl: string }[]; missing: number };
try {
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'formatore@prova.example', password: PASSWORD }),
  });
  const trainer = {
    cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] as string,
    csrf: ((await login.json()) as { csrfToken: string }).csrfToken,
  };
  const loadAtStart = Math.round((loadavg()[0] ?? 0) * 10) / 10;
  const serverAtStart = await memoryMiB(server.child.pid, 'VmHWM');
  const certificatesUrl = `${server.url}/api/training/editions/${editionId}/certificates`;
  const started = performance.now();
  const asked = await call<View>(certificatesUrl, trainer, 'POST');
  if (asked.status !== 202) throw new Error(`generate: ${asked.status} ${JSON.stringify(asked.body)}`);
  const progress: [number, number][] = [];
  let view: View = asked.body;
  while (view.generation?.isRunning) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    view = (await call<View>(certificatesUrl, trainer, 'GET')).body;
    progress.push([Math.round(performance.now() - started), view.generation?.done ?? 0]);
  }
  const generationMs = performance.now() - started;
  const serverAfterGeneration = await memoryMiB(server.child.pid, 'VmHWM');
  if (view.generation?.failure) throw new Error(`generation failed: ${view.generation.failure}`);
  const listed = (await call<Listed>(certificatesUrl, trainer, 'GET')).body;

  const latencies: number[] = [];
  let next = 0;
  let printed = 0;
  const downloadsStarted = performance.now();
  const worker = async () => {
    while (next < listed.certificates.length) {
      const certificate = listed.certificates[next++] as Listed['certificates'][number];
      const sent = performance.now();
      const response = await fetch(`${server.url}${certificate.pdfUrl}`, {
        headers: { cookie: trainer.cookie },
      });
      const bytes = new Uint8Array(await response.arrayBuffer());
      latencies.push(performance.now() - sent);
      if (response.status === 200 && Buffer.from(bytes.subarray(0, 5)).toString() === '%PDF-') printed += 1;
    }
  };
  await Promise.all(Array.from({ length: DOWNLOADS_AT_ONCE }, worker));
  const downloadsMs = performance.now() - downloadsStarted;
  latencies.sort((a, b) => a - b);
  const serverPeak = await memoryMiB(server.child.pid, 'VmHWM');
  await server.stop();

  const config = configOf(dataDir);
  const database = await openDatabase(config);
  const platform: Platform = {
    config,
    database,
    clock: systemClock,
    mailer: { send: async () => undefined, close: () => undefined },
  };
  const codes = await database.db
    .selectFrom('trainingCertificate')
    .select('verificationCode')
    .where('editionId', '=', editionId)
    .execute();
  const verifyStarted = performance.now();
  let valid = 0;
  for (const { verificationCode } of codes)
    if ((await verifyDocument(platform, SYSTEM_CALLER, verificationCode)).valid) valid += 1;
  const verifyMs = performance.now() - verifyStarted;
  await database.close();

  const result = {
    target: `"Genera attestati" through the job queue (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded database'})`,
    participants: PARTICIPANTS,
    load_average_1m: loadAtStart,
    generation: {
      total_s: round(generationMs / 1000),
      per_certificate_ms: round(generationMs / PARTICIPANTS),
      issued: listed.certificates.length,
      left_missing: listed.missing,
      progress_seen: progress.length,
    },
    pdf: {
      connections: DOWNLOADS_AT_ONCE,
      total_s: round(downloadsMs / 1000),
      per_certificate_ms: round(downloadsMs / Math.max(listed.certificates.length, 1)),
      p50_ms: round(percentile(latencies, 50)),
      p99_ms: round(percentile(latencies, 99)),
      printed,
    },
    verification: {
      total_s: round(verifyMs / 1000),
      per_certificate_ms: round(verifyMs / Math.max(codes.length, 1)),
      valid,
    },
    // the server's whole process: the embedded database's memory included; at start, after signing in
    server_peak_memory_at_start_mib: serverAtStart,
    server_peak_memory_after_generation_mib: serverAfterGeneration,
    server_peak_memory_mib: serverPeak,
    all_issued_and_verifiable:
      listed.certificates.length === PARTICIPANTS && printed === PARTICIPANTS && valid === PARTICIPANTS,
  };
  const file = await writeResult(process.env.DATABASE_URL ? 'certificates-postgres' : 'certificates', result);
  process.stdout.write(
    `certificates: ${PARTICIPANTS} issued in ${result.generation.total_s} s ` +
      `(${result.generation.per_certificate_ms} ms each), PDFs ${result.pdf.per_certificate_ms} ms each, ` +
      `peak ${serverPeak} MiB; all verifiable: ${result.all_issued_and_verifiable} → ${file}\n`,
  );
} finally {
  if (server.child.exitCode === null) await server.stop();
}
