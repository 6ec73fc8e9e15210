/**
 * A reimbursement claim of BENCH_EXPENSES expenses (5,000 by default) on PostgreSQL: the claim is built and
 * submitted through the use cases, then exported as the funder expects it (the XLSX detail of every supporting
 * document and the PDF summary), and the auditor closes the verification, which draws up the verbale with its
 * two annexes into the file store. Target for the export and for the verbale alike: ≤ 20 s and ≤ 500 MB. Each
 * runs in a fresh process, as a server's request would, and its memory is that process's peak resident size
 * (VmHWM), modules loaded included.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pg from 'pg';
import { memberCaller } from '../src/cli/sui-caller.ts';
import { loadConfig } from '../src/config.ts';
import { SYSTEM_CALLER } from '../src/kernel/auth.ts';
import { systemClock } from '../src/kernel/clock.ts';
import { openServerDatabase } from '../src/kernel/db.ts';
import { newId } from '../src/kernel/ids.ts';
import { migrateToLatest } from '../src/kernel/migrate.ts';
import type { Platform } from '../src/kernel/platform.ts';
import '../src/modules/index.ts';
import { createOrganisation, createUser } from '../src/modules/identity/directory.ts';
import { renderClaimSummary, writeClaimWorkbook } from '../src/modules/project/claims/documents.ts';
import { claimForExport, createClaim, submitClaim } from '../src/modules/project/claims/service.ts';
import { closeVerification } from '../src/modules/project/claims/verification.ts';
import { recordBudgetVersion } from '../src/modules/project/finance/service.ts';
import { createProject, setPartner } from '../src/modules/project/service.ts';
import { writeResult } from './support.ts';

const EXPENSES = Number(process.env.BENCH_EXPENSES ?? 5000);
const TARGET_MS = 20_000;
const TARGET_MB = 500;
const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE = 'lovit_bench_claims';

const url = new URL(SERVER);
url.pathname = `/${DATABASE}`;
type Step = 'export' | 'verbale';
/** Run as `claims.bench.ts export|verbale <claim id>`: the export, or the verbale, alone in this fresh process. */
const [STEP, CLAIM_ID] = process.argv.slice(2) as [Step | undefined, string | undefined];
if (!STEP) {
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`drop database if exists ${DATABASE} with (force)`);
  await admin.query(`create database ${DATABASE}`);
  await admin.end();
}

const config = loadConfig({
  DATA_DIR: await mkdtemp(path.join(tmpdir(), 'lovit-bench-claims-')),
  DATABASE_URL: url.toString(),
  LOG_LEVEL: 'silent',
  DEMO_DATA: '0',
});
const database = await openServerDatabase(url.toString());
const platform: Platform = {
  database,
  clock: systemClock,
  config,
  mailer: { send: async () => undefined, close: () => undefined },
};

const mib = (bytes: number) => Math.round(bytes / 2 ** 20);
const seconds = (ms: number) => Math.round(ms) / 1000;

/** Runs `work`, timing it and sampling the resident memory meanwhile. */
async function measure<T>(work: () => Promise<T>) {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  const started = performance.now();
  try {
    const value = await work();
    return {
      value,
      ms: performance.now() - started,
      peakMiB: mib(Math.max(peak, process.memoryUsage().rss)),
    };
  } finally {
    clearInterval(sampler);
  }
}

/** This process's peak resident memory (Linux VmHWM), in MiB. */
async function peakMiB(): Promise<number> {
  const status = await readFile('/proc/self/status', 'utf8');
  return Math.round(Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024);
}

/** The export a manager downloads: the XLSX detail, streamed, and the PDF summary. */
async function exportClaim(claimId: string) {
  const manager = await memberCaller(platform, 'responsabile@prova.example', ['project_manager']);
  if (!manager) throw new Error('the bench manager is missing');
  const loadedMiB = mib(process.memoryUsage().rss);
  let xlsxBytes = 0;
  const started = performance.now();
  const contents = await claimForExport(platform, manager, claimId, 'xlsx');
  await writeClaimWorkbook(
    contents,
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        xlsxBytes += chunk.length;
        done();
      },
    }),
  );
  const summary = await claimForExport(platform, manager, claimId, 'pdf');
  const pdfBytes = (await renderClaimSummary(summary, new Date())).length;
  const ms = performance.now() - started;
  return { ms, xlsxBytes, pdfBytes, loadedMiB, peakMiB: await peakMiB() };
}

/** The auditor closes the verification: the verbale is drawn up, footed by the seal, and kept in the store. */
async function drawUpVerbale(claimId: string) {
  const auditor = await memberCaller(platform, 'revisore@prova.example', ['auditor']);
  if (!auditor) throw new Error('the bench auditor is missing');
  const loadedMiB = mib(process.memoryUsage().rss);
  const started = performance.now();
  await closeVerification(platform, auditor, claimId);
  const ms = performance.now() - started;
  const verbale = await database.db
    .selectFrom('projectClaimVerbale')
    .select('size')
    .where('claimId', '=', claimId)
    .executeTakeFirstOrThrow();
  return { ms, pdfBytes: Number(verbale.size), loadedMiB, peakMiB: await peakMiB() };
}

type Measured = { ms: number; loadedMiB: number; peakMiB: number };

/** Runs this file again as `<step> <claim id>` and reads what it measured. */
function inFreshProcess<T extends Measured>(step: Step, claimId: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/claims.bench.ts', step, claimId], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(output)) : reject(new Error(`the ${step} exited with code ${code}`)),
    );
  });
}

try {
  if (STEP && CLAIM_ID) {
    const measured = STEP === 'export' ? await exportClaim(CLAIM_ID) : await drawUpVerbale(CLAIM_ID);
    process.stdout.write(JSON.stringify(measured));
  } else {
    await migrateToLatest(database.db);
    const prefecture = await createOrganisation(platform, SYSTEM_CALLER, {
      code: 'PREF-BENCH',
      name: 'Prefettura della prova',
      type: 'PREFECTURE',
    });
    for (const [email, role] of [
      ['responsabile@prova.example', 'project_manager'],
      ['revisore@prova.example', 'auditor'],
    ] as const)
      await createUser(platform, SYSTEM_CALLER, { email, givenName: 'Persona', familyName: role }, [
        { organisationId: prefecture.id, role },
      ]);
    const manager = await memberCaller(platform, 'responsabile@prova.example', ['project_manager']);
    const auditor = await memberCaller(platform, 'revisore@prova.example', ['auditor']);
    if (!manager || !auditor) throw new Error('the bench users were not created');
    const project = await createProject(platform, manager, {
      code: 'PROG-BENCH',
      acronym: 'BENCH',
      title: 'Progetto della prova',
      programme: 'FAMI_2021_2027',
      objective: 'Capacity building',
      cup: null,
      startsOn: '2024-01-01',
      endsOn: '2027-12-31',
    });
    await setPartner(platform, manager, project.id, { organisationId: prefecture.id, role: 'LEAD' });
    await recordBudgetVersion(platform, manager, project.id, {
      lines: [
        { code: 'A', organisationId: prefecture.id, amountCents: 2_000_000_000 },
        { code: 'B', organisationId: prefecture.id, amountCents: 500_000_000 },
        { code: 'E', organisationId: prefecture.id, amountCents: 500_000_000 },
        { code: 'G1', organisationId: prefecture.id, amountCents: 100_000_000 },
      ],
    });
    const userId = (manager.actor as { userId: string }).userId;
    const now = new Date();
    const expenseIds: string[] = [];
    const lines = ['A', 'B', 'E', 'G1'] as const;
    for (let start = 0; start < EXPENSES; start += 1000) {
      const rows = Array.from({ length: Math.min(1000, EXPENSES - start) }, (_, k) => {
        const i = start + k;
        const id = newId();
        expenseIds.push(id);
        const day = `2025-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
        return {
          id,
          projectId: project.id,
          organisationId: prefecture.id,
          lineCode: lines[i % lines.length] as (typeof lines)[number],
          workPackageId: null,
          description: `Spesa di prova n. ${i + 1}`,
          documentType: 'PAYSLIP' as const,
          documentNumber: `CEDOLINO ${i + 1}`,
          documentDate: day,
          supplierName: `Persona ${i + 1}`,
          supplierTaxCode: `RSSMRA80A01F${String(i).padStart(4, '0')}`.slice(0, 16),
          netCents: 10_000 + i,
          vatCents: 0,
          totalCents: 10_000 + i,
          amountCents: 10_000 + i,
          cig: null,
          cup: null,
          paymentDate: day,
          paymentMethod: 'BANK_TRANSFER' as const,
          paymentReference: `TRN ${i + 1}`,
          annulled: true,
          status: 'COMPLETE' as const,
          claimId: null,
          createdBy: userId,
          createdAt: now,
          updatedAt: now,
        };
      });
      await database.db.insertInto('projectExpense').values(rows).execute();
    }

    const built = await measure(() =>
      createClaim(platform, manager, project.id, {
        kind: 'INTERMEDIATE',
        periodStart: '2025-01-01',
        periodEnd: '2025-12-31',
        expenseIds,
      }),
    );
    const claimId = built.value.id;
    const submitted = await measure(() => submitClaim(platform, manager, claimId));

    const exported = await inFreshProcess<Awaited<ReturnType<typeof exportClaim>>>('export', claimId);

    const checklist = JSON.stringify(
      Object.fromEntries(
        [
          'allocation',
          'eligibility',
          'documents',
          'payment',
          'stamp',
          'noDoubleFunding',
          'reasonableness',
        ].map((item) => [item, { ok: true, note: null }]),
      ),
    );
    const auditorId = (auditor.actor as { userId: string }).userId;
    for (let start = 0; start < expenseIds.length; start += 1000)
      await database.db
        .insertInto('projectClaimOutcome')
        .values(
          expenseIds.slice(start, start + 1000).map((expenseId, k) => ({
            claimId,
            expenseId,
            checklist,
            outcome: (start + k) % 50 === 0 ? ('PARTIAL' as const) : ('ADMITTED' as const),
            admittedCents: (start + k) % 50 === 0 ? 5_000 : 10_000 + start + k,
            reasons: (start + k) % 50 === 0 ? 'Ammessa la sola quota riferita al progetto' : null,
            recordedBy: auditorId,
            recordedByName: 'Persona auditor',
            recordedAt: now,
          })),
        )
        .execute();
    const verbale = await inFreshProcess<Awaited<ReturnType<typeof drawUpVerbale>>>('verbale', claimId);
    const withinTarget = (step: Measured) => step.ms <= TARGET_MS && step.peakMiB <= TARGET_MB;

    const result = {
      database: 'postgres',
      expenses: EXPENSES,
      build_claim_s: seconds(built.ms),
      submit_claim_s: seconds(submitted.ms),
      export_s: seconds(exported.ms),
      export_process_loaded_rss_mib: exported.loadedMiB,
      export_process_peak_rss_mib: exported.peakMiB,
      xlsx_bytes: exported.xlsxBytes,
      summary_pdf_bytes: exported.pdfBytes,
      export_passed: withinTarget(exported),
      verbale_s: seconds(verbale.ms),
      verbale_process_loaded_rss_mib: verbale.loadedMiB,
      verbale_process_peak_rss_mib: verbale.peakMiB,
      verbale_pdf_bytes: verbale.pdfBytes,
      verbale_passed: withinTarget(verbale),
      target: { s: TARGET_MS / 1000, mib: TARGET_MB },
      passed: withinTarget(exported) && withinTarget(verbale),
    };
    console.log(JSON.stringify(result, null, 2));
    console.log(`Result written to ${await writeResult('claims', result)}`);
    if (!result.passed) process.exitCode = 1;
  }
} finally {
  await database.close();
}
