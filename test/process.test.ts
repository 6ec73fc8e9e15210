import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './support/ports.ts';

type Run = { code: number | null; stdout: string; stderr: string };

const BASE_ENV = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'warn' };

function startLovit(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...BASE_ENV, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function collect(child: ChildProcess): { output: Run; done: Promise<Run> } {
  const output: Run = { code: null, stdout: '', stderr: '' };
  child.stdout?.on('data', (chunk) => {
    output.stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output.stderr += chunk;
  });
  const done = new Promise<Run>((resolve) =>
    child.on('exit', (code) => {
      output.code = code;
      resolve(output);
    }),
  );
  return { output, done };
}

function runLovit(env: Record<string, string>): Promise<Run> {
  return collect(startLovit(env)).done;
}

async function waitForOutput(output: Run, text: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!output.stdout.includes(text)) {
    if (output.code !== null) throw new Error(`LOVIT exited early: ${output.stderr}`);
    if (Date.now() > deadline) throw new Error(`no "${text}" in time; stderr: ${output.stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const lines = (text: string) => text.trim().split('\n');

// Each test starts the real process: on a busy machine its start alone (loading every module) can take long.
describe('starting the lovit process', { timeout: 90_000 }, () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'lovit-process-'));
  });

  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('stops on a bad variable with one line naming it', async () => {
    const run = await runLovit({ PORT: 'abc', DATA_DIR: dataDir });
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toEqual([
      'lovit: Invalid configuration: PORT expected a port number (got "abc")',
    ]);
    expect(run.stdout).toBe('');
  });

  it('never echoes a database URL, which may hold a password', async () => {
    const run = await runLovit({ DATABASE_URL: 'mysql://lovit:s3cret@db/lovit' });
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toEqual([
      'lovit: Invalid configuration: DATABASE_URL expected a postgres:// or postgresql:// URL',
    ]);
  });

  it('stops with one line when the database cannot be reached', async () => {
    const port = await freePort();
    const run = await runLovit({ DATABASE_URL: `postgres://lovit:s3cret@127.0.0.1:${port}/lovit` });
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toEqual([
      `lovit: Cannot reach the database at 127.0.0.1:${port}/lovit: connection refused (is PostgreSQL running?)`,
    ]);
  });

  describe('on the embedded database', () => {
    let port: number;

    beforeAll(async () => {
      port = await freePort();
    });

    it('starts with demo data, answers ready, and stops cleanly on SIGTERM', async () => {
      const child = startLovit({ DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' });
      const { output, done } = collect(child);
      await waitForOutput(output, 'LOVIT is ready at', 60_000);
      expect(output.stdout).toContain(`http://localhost:${port}`);
      expect(output.stdout).toContain('Demo data loaded');
      expect(output.stdout).toMatch(/sui_operator\s+operatore\.sui@lovit\.example/);
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ok', checks: { database: 'ok', jobs: 'ok' } });

      const busy = await runLovit({
        DATA_DIR: path.join(dataDir, 'other'),
        PORT: String(port),
        HOST: '127.0.0.1',
        JOBS: '0',
      });
      expect(busy.code).toBe(1);
      expect(lines(busy.stderr)).toEqual([
        `lovit: port ${port} is already in use on 127.0.0.1: stop the other program or set PORT`,
      ]);

      child.kill('SIGTERM');
      const exit = await done;
      expect(exit.code).toBe(0);
    }, 120_000);

    it('keeps its data across restarts and loads the demo data only once', async () => {
      const child = startLovit({ DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', JOBS: '0' });
      const { output, done } = collect(child);
      await waitForOutput(output, 'LOVIT is ready at', 60_000);
      expect(output.stdout).not.toContain('Demo data loaded');
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(await ready.json()).toMatchObject({ status: 'ok', checks: { jobs: 'off' } });
      child.kill('SIGINT');
      expect((await done).code).toBe(0);
    }, 120_000);
  });
});
