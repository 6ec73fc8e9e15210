import { pino } from 'pino';
import { buildApp } from './app.ts';
import { closePlatform, openPlatform } from './boot.ts';
import { DEMO_USERS } from './cli/demo.ts';
import { ConfigError, loadConfig } from './config.ts';
import { DatabaseUnavailable } from './kernel/db.ts';
import { AppError } from './kernel/errors.ts';
import { MigrationFailed } from './kernel/migrate.ts';

/** Errors whose message is the whole story: one line, no stack trace. */
const EXPLAINED = [ConfigError, DatabaseUnavailable, MigrationFailed];

function fail(message: string): never {
  process.stderr.write(`lovit: ${message}\n`);
  process.exit(1);
}

function explainListenError(error: unknown, host: string, port: number): string {
  const code = (error as { code?: string }).code;
  if (code === 'EADDRINUSE')
    return `port ${port} is already in use on ${host}: stop the other program or set PORT`;
  if (code === 'EACCES') return `not allowed to listen on port ${port}: choose a port above 1024 with PORT`;
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
    return `cannot listen on HOST ${host}: no such address here`;
  return `cannot listen on ${host}:${port}: ${(error as Error).message}`;
}

async function start(): Promise<void> {
  const startedAt = performance.now();
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    fail((error as Error).message);
  }
  const logger = pino({ level: config.logLevel });
  const platform = await openPlatform(config, logger).catch((error: unknown) => {
    if (EXPLAINED.some((kind) => error instanceof kind)) fail((error as Error).message);
    throw error;
  });
  const app = await buildApp(platform);
  let address: string;
  try {
    address = await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await closePlatform(platform);
    fail(explainListenError(error, config.host, config.port));
  }

  const where =
    platform.database.backend === 'pglite' ? `embedded database in ${config.dataDir}/pglite` : 'PostgreSQL';
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  // PORT=0 lets the system choose the port: the address to show is the one it chose.
  const url = config.port === 0 ? address : config.publicUrl;
  const lines = [`LOVIT is ready at ${url} (${where}, started in ${seconds} s)`];
  if (platform.demoLoaded) {
    lines.push('Demo data loaded. Demo accounts, one per role:');
    for (const user of DEMO_USERS) lines.push(`  ${user.role.padEnd(22)} ${user.email}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await app.close();
    await closePlatform(platform);
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

/** The reason in one line, with the fields at fault when the error names them. */
function reason(error: unknown): string {
  const fields = error instanceof AppError ? (error.errors ?? []).map((e) => `${e.path}: ${e.message}`) : [];
  return [(error as Error).message, ...fields].join('; ');
}

start().catch((error: unknown) => fail(`start-up failed: ${reason(error)}`));
