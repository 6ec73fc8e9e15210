import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';

export const RESULTS_DIR = path.resolve('bench/results');

/** What a result must say about where it was measured. */
export function machine() {
  return {
    nproc: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memory_gib: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
}

export async function writeResult(name: string, result: Record<string, unknown>): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.json`);
  const body = { benchmark: name, date: new Date().toISOString(), machine: machine(), ...result };
  await writeFile(file, `${JSON.stringify(body, null, 2)}\n`);
  return file;
}

export type RunningServer = {
  url: string;
  child: ChildProcess;
  readyAfterMs: number;
  /** The data folder it runs on: `DATA_DIR` when given, else a fresh one. */
  dataDir: string;
  stop(): Promise<void>;
};

/**
 * The address a LOVIT process says it is ready at in its start-up line: with PORT=0, the port the system chose.
 * Its standard output must be a pipe, which is drained from then on. Fails if the process exits first.
 */
export function readyAddress(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const exited = (code: number | null) =>
      reject(new Error(`LOVIT exited with code ${code} before it was ready`));
    const read = (chunk: Buffer) => {
      output += chunk;
      const address = /LOVIT is ready at (\S+) /.exec(output)?.[1];
      if (!address) return;
      child.off('exit', exited);
      child.stdout?.off('data', read);
      child.stdout?.resume();
      resolve(address);
    };
    child.once('exit', exited);
    child.stdout?.on('data', read);
  });
}

/** Waits until /readyz at `url` answers 200; fails if the process exits first. */
export async function waitReady(url: string, child: ChildProcess): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`LOVIT at ${url} exited with code ${child.exitCode}`);
    const ready = await fetch(`${url}/readyz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Starts LOVIT as its own process (as `npm start` does) on a port it chooses, and waits until /readyz answers 200. */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const dataDir = env.DATA_DIR ?? (await mkdtemp(path.join(tmpdir(), 'lovit-bench-')));
  const started = performance.now();
  // BENCH_NODE_ARGS: extra options for the server's Node, e.g. `--cpu-prof --cpu-prof-dir=/tmp/profile`
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'src/main.ts'], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await readyAddress(child);
  await waitReady(url, child);
  const readyAfterMs = Math.round(performance.now() - started);
  return {
    url,
    child,
    readyAfterMs,
    dataDir,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
