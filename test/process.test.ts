import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

type Run = { code: number | null; stdout: string; stderr: string };

const BASE_ENV = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'warn' };

/** The processes started and not yet exited: a test that fails midway leaves its LOVIT to `afterEach`. */
const running = new Set<ChildProcess>();

function startLovit(env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...BASE_ENV, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.on('exit', () => running.delete(child));
  return child;
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

/** The address in the start-up line of a LOVIT started with PORT=0, once it is ready. */
async function readyAddress(output: Run): Promise<string> {
  await waitForOutput(output, 'LOVIT is ready at', 100_000);
  const address = output.stdout.match(/LOVIT is ready at (http:\/\/127\.0\.0\.1:\d+) /)?.[1];
  if (!address) throw new Error(`no address in the start-up line: ${output.stdout}`);
  return address;
}

/**
 * A port of 127.0.0.1 where connections are refused until `release`: it is the local end of a connection of
 * ours, so nothing listens there and nothing else can start to.
 */
async function refusingPort(): Promise<{ port: number; release(): void }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: target } = server.address() as { port: number };
  const socket = connect(target, '127.0.0.1');
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return {
    port: socket.localPort as number,
    release: () => {
      socket.destroy();
      server.close();
    },
  };
}

// Each test starts the real process: on a busy machine its start alone (loading every module) can take long.
describe('starting the lovit process', { timeout: 90_000 }, () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'lovit-process-'));
  });

  afterEach(() =>
    Promise.all(
      [...running].map(
        (child) =>
          new Promise((resolve) => {
            child.once('exit', resolve);
            child.kill('SIGKILL');
          }),
      ),
    ),
  );

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
    const { port, release } = await refusingPort();
    const run = await runLovit({ DATABASE_URL: `postgres://lovit:s3cret@127.0.0.1:${port}/lovit` }).finally(
      release,
    );
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toEqual([
      `lovit: Cannot reach the database at 127.0.0.1:${port}/lovit: connection refused (is PostgreSQL running?)`,
    ]);
  });

  describe('on the embedded database', () => {
    it('starts with demo data, answers ready, and stops cleanly on SIGTERM', async () => {
      const child = startLovit({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' });
      const { output, done } = collect(child);
      const address = await readyAddress(output);
      const port = new URL(address).port;
      expect(output.stdout).toContain('Demo data loaded');
      expect(output.stdout).toMatch(/sui_operator\s+operatore\.sui@lovit\.example/);
      const ready = await fetch(`${address}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({
        status: 'ok',
        checks: { database: 'ok', jobs: 'ok', intake: 'ok' },
      });

      const busy = await runLovit({
        DATA_DIR: path.join(dataDir, 'other'),
        PORT: port,
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
      const child = startLovit({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', JOBS: '0' });
      const { output, done } = collect(child);
      const address = await readyAddress(output);
      expect(output.stdout).not.toContain('Demo data loaded');
      const ready = await fetch(`${address}/readyz`);
      expect(await ready.json()).toMatchObject({ status: 'ok', checks: { jobs: 'off' } });
      child.kill('SIGINT');
      expect((await done).code).toBe(0);
    }, 120_000);
  });
});
