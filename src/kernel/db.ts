import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import {
  CamelCasePlugin,
  Kysely,
  PGliteDialect,
  type PostgresCursor,
  PostgresDialect,
  type PostgresPool,
  type PostgresPoolClient,
  type PostgresQueryResult,
  type RawBuilder,
  type SelectQueryBuilder,
  sql,
} from 'kysely';
import pg from 'pg';
import type { Database } from '../db/database.ts';

export type { Database };
/** The query builder or a transaction of it: what services pass to stores. */
export type Db = Kysely<Database>;
export type Backend = 'pglite' | 'postgres';

/** An open database: the typed query builder plus what the job queue needs to share it. */
export type DatabaseHandle = {
  db: Kysely<Database>;
  backend: Backend;
  /** The embedded instance, when the backend is PGlite (the job queue runs on it too). */
  pglite?: PGlite;
  /** The connection string, when the backend is a PostgreSQL server. */
  url?: string;
  close(): Promise<void>;
};

const ACCENTED = 'àáâãäåāăąçćčďđèéêëēėęěìíîïīįłńňñòóôõöøōőřśšşșťţțùúûüūůűųýÿžźż';
const UNACCENTED = 'aaaaaaaaacccddeeeeeeeeiiiiiilnnnoooooooorsssstttuuuuuuuuyyzzz';

/**
 * A name column as names are compared across spellings: lower case, the Latin letters without their accents,
 * letters and digits only ("D’Amico" and "damico" alike). Plain SQL, the same on both backends.
 */
export function foldedName(column: string): RawBuilder<string> {
  return sql<string>`regexp_replace(translate(lower(${sql.ref(column)}), ${ACCENTED}, ${UNACCENTED}), '[^[:alnum:]]', '', 'g')`;
}

export class DatabaseUnavailable extends Error {
  override name = 'DatabaseUnavailable';
}

/** Errors that say the server went away or cannot take connections now, not that the statement was wrong. */
const CONNECTION_CODES = new Set([
  '57P01',
  '57P02',
  '57P03',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
]);
const CONNECTION_MESSAGES =
  /Connection terminated|connection error|not queryable|timeout exceeded when trying to connect|Client was closed/i;

/** Whether an error is the loss of the database connection: worth a later retry, never the caller's fault. */
export function isConnectionLoss(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (CONNECTION_CODES.has(code) || code.startsWith('08'))) return true;
  return typeof message === 'string' && CONNECTION_MESSAGES.test(message);
}

const OID = { int8: 20, date: 1082 } as const;

// A legal date stays a 'YYYY-MM-DD' string (never a Date at local midnight); counts and sequences
// (int8) become numbers on both backends, so the code sees the same values everywhere.
const parsers: Record<number, (value: string) => unknown> = {
  [OID.int8]: (value) => Number(value),
  [OID.date]: (value) => value,
};

function createKysely(dialect: PGliteDialect | PostgresDialect): Kysely<Database> {
  // Nested keys (inside jsonb values) stay as written: only column names are converted.
  return new Kysely<Database>({
    dialect,
    plugins: [new CamelCasePlugin({ maintainNestedObjectKeys: true })],
  });
}

/**
 * Opens the embedded PostgreSQL (PGlite). `dataDir` undefined keeps it in memory; `template`, a data
 * directory dumped earlier, starts from that state instead of running initdb.
 */
export async function openEmbeddedDatabase(
  dataDir: string | undefined,
  template?: Blob,
): Promise<DatabaseHandle> {
  let pglite: PGlite;
  try {
    if (dataDir) mkdirSync(dataDir, { recursive: true });
    pglite = await PGlite.create({ dataDir, parsers, ...(template ? { loadDataDir: template } : {}) });
  } catch (error) {
    throw new DatabaseUnavailable(
      `Cannot open the embedded database in ${dataDir}: ${(error as Error).message}`,
    );
  }
  const db = createKysely(new PGliteDialect({ pglite }));
  // The query builder closes PGlite only when it ran a query on it: a handle used through `pglite` alone
  // (a backup's dump) would otherwise keep the process alive.
  const close = async () => {
    await db.destroy();
    if (!pglite.closed) await pglite.close();
  };
  return { db, backend: 'pglite', pglite, close };
}

function describeServer(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
}

function explainConnectionError(error: unknown): string {
  const e = error as { code?: string; message?: string };
  switch (e.code) {
    case 'ECONNREFUSED':
      return 'connection refused (is PostgreSQL running?)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'unknown host';
    case 'ETIMEDOUT':
      return 'connection timed out';
    case '3D000':
      return 'the database does not exist';
    case '28P01':
    case '28000':
      return 'authentication failed';
    default:
      return e.message ?? String(error);
  }
}

/** Connects to a PostgreSQL server and checks that it answers before anything else runs. */
/**
 * A pooled connection that prepares each writing statement with parameters once, by name, for its first
 * `limit` distinct statements: the server then parses and plans it once per connection rather than at every
 * run. A statement that only reads (`select …`) is planned at every run: its best plan depends on the values
 * looked up and on how far the tables have grown since the connection opened, and a plan kept from when they
 * were nearly empty would scan them whole.
 */
class PreparingClient implements PostgresPoolClient {
  readonly #client: pg.PoolClient;
  readonly #names: Map<string, string>;
  readonly #limit: number;

  constructor(client: pg.PoolClient, names: Map<string, string>, limit: number) {
    this.#client = client;
    this.#names = names;
    this.#limit = limit;
  }

  query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
  query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  query<R>(text: string | PostgresCursor<R>, values: ReadonlyArray<unknown> = []) {
    if (typeof text !== 'string') return this.#client.query(text as never) as PostgresCursor<R>;
    let name = this.#names.get(text);
    if (name === undefined && values.length > 0 && this.#names.size < this.#limit && writes(text)) {
      name = `lovit_${this.#names.size}`;
      this.#names.set(text, name);
    }
    return this.#client.query<R & pg.QueryResultRow>({
      text,
      values: [...values],
      ...(name ? { name } : {}),
    }) as Promise<PostgresQueryResult<R>>;
  }

  release(destroy?: boolean): void {
    this.#client.release(destroy);
  }
}

const writes = (text: string) => !/^\s*select\b/i.test(text);

/** The pool for Kysely, its connections preparing their statements (see `PreparingClient`). */
function preparingPool(pool: pg.Pool, limit: number): PostgresPool {
  const namesOf = new WeakMap<pg.PoolClient, Map<string, string>>();
  return {
    options: pool.options,
    async connect() {
      const client = await pool.connect();
      const names = namesOf.get(client) ?? new Map<string, string>();
      namesOf.set(client, names);
      return new PreparingClient(client, names, limit);
    },
    end: () => pool.end(),
  };
}

export async function openServerDatabase(
  url: string,
  options: {
    max?: number;
    /** How many distinct statements each connection prepares (see `preparingPool`); none by default. */
    preparedStatements?: number;
  } = {},
): Promise<DatabaseHandle> {
  const max = options.max ?? 10;
  const pool = new pg.Pool({
    connectionString: url,
    max,
    // A connection once opened stays: a new one costs the server a process and cold caches, which a burst of
    // requests after a quiet moment would pay on every query.
    min: max,
    connectionTimeoutMillis: 5000,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        parsers[oid] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // A client that loses its server emits 'error', idle or checked out: unheard, that event ends the process
  // (or the intake writer's thread). The query in flight is rejected with the same error, which its caller
  // handles, and the pool drops a client that can no longer be queried when it comes back.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  try {
    await pool.query('select 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new DatabaseUnavailable(
      `Cannot reach the database at ${describeServer(url)}: ${explainConnectionError(error)}`,
    );
  }
  const db = createKysely(
    new PostgresDialect({
      pool: options.preparedStatements ? preparingPool(pool, options.preparedStatements) : pool,
    }),
  );
  return { db, backend: 'postgres', url, close: () => db.destroy() };
}

export function openDatabase(config: {
  databaseUrl: string | undefined;
  dataDir: string;
}): Promise<DatabaseHandle> {
  return config.databaseUrl
    ? openServerDatabase(config.databaseUrl)
    : openEmbeddedDatabase(`${config.dataDir}/pglite`);
}

/** How many rows a query without a selection would give (the modules' counts of what is due for disposal). */
export async function countRows<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
): Promise<number> {
  // the selection's type is lost through the generic builder; the row holds exactly this column
  const row = (await query.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow()) as { n: string };
  return Number(row.n);
}
