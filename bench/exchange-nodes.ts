/**
 * Two LOVIT nodes for the exchange's chaos script and benchmark: each its own process and its own PostgreSQL
 * database, talking through a TCP relay that can cut the link. Opinion requests are written at the SUI's node
 * and answers at the Questura's node with the same code the services use, straight on each node's database.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../src/db/database.ts';
import { SYSTEM_CALLER } from '../src/kernel/auth.ts';
import { systemClock } from '../src/kernel/clock.ts';
import { type DatabaseHandle, openServerDatabase } from '../src/kernel/db.ts';
import { createFileStore } from '../src/kernel/files.ts';
import { newId } from '../src/kernel/ids.ts';
import { migrateToLatest } from '../src/kernel/migrate.ts';
import { writeTransaction } from '../src/kernel/transaction.ts';
import { change, type Node, type Payload, requestAll } from '../src/modules/exchange/messages.ts';
import { readyAddress, waitReady } from './support.ts';

export const SUI = 'prefettura-lodi';
export const QUESTURA = 'questura-lodi';

const SERVER_URL =
  process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function databaseUrl(name: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin(text: string): Promise<void> {
  const handle = await openServerDatabase(SERVER_URL, { max: 1 });
  try {
    await sql.raw(text).execute(handle.db);
  } finally {
    await handle.close();
  }
}

/**
 * A TCP relay in front of a node, on a port the system chose: it passes connections to the node's port once `to`
 * names it, and `cut()` drops every connection and refuses new ones until `mend()`.
 */
export class Link {
  #cut = false;
  #target: number | null = null;
  readonly #sockets = new Set<Socket>();
  private constructor(
    readonly port: number,
    private readonly server: Server,
  ) {}

  static async open(): Promise<Link> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const link = new Link((server.address() as AddressInfo).port, server);
    server.on('connection', (incoming) => link.#relay(incoming));
    return link;
  }

  /** The port the node behind listens on now; null while it is down, when connections are refused. */
  to(port: number | null): void {
    this.#target = port;
  }

  #relay(incoming: Socket) {
    if (this.#cut || this.#target === null) return incoming.destroy();
    const outgoing = connect(this.#target, '127.0.0.1');
    for (const socket of [incoming, outgoing]) {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
      socket.on('error', () => {
        incoming.destroy();
        outgoing.destroy();
      });
    }
    incoming.pipe(outgoing).pipe(incoming);
  }

  cut(): void {
    this.#cut = true;
    for (const socket of this.#sockets) socket.destroy();
  }

  mend(): void {
    this.#cut = false;
  }

  close(): Promise<void> {
    this.cut();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

export type NodeProcess = {
  id: string;
  organisationId: string;
  handle: DatabaseHandle;
  node: Node;
  child: ChildProcess | null;
  start(): Promise<void>;
  kill(): void;
};

/** Creates both nodes' databases, migrated, with the offices on each side; processes are started later. */
export async function prepareNodes(): Promise<{
  sui: NodeProcess;
  questura: NodeProcess;
  links: Link[];
  dispose(): Promise<void>;
}> {
  const suffix = newId().slice(-12);
  const names = { sui: `lovit_chaos_sui_${suffix}`, questura: `lovit_chaos_questura_${suffix}` };
  const toQuestura = await Link.open();
  const toSui = await Link.open();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'lovit-exchange-'));
  const make = async (side: 'sui' | 'questura'): Promise<NodeProcess> => {
    await admin(`create database ${names[side]}`);
    const url = databaseUrl(names[side]);
    const handle = await openServerDatabase(url, { max: 4 });
    await migrateToLatest(handle.db);
    const type = side === 'sui' ? 'PREFECTURE' : 'POLICE_HQ';
    const organisationId = newId();
    await handle.db
      .insertInto('organisation')
      .values({
        id: organisationId,
        code: `${type}-LO`,
        name: side === 'sui' ? 'Prefettura di Lodi' : 'Questura di Lodi',
        type,
      })
      .execute();
    const id = side === 'sui' ? SUI : QUESTURA;
    const peers =
      side === 'sui'
        ? [
            {
              id: QUESTURA,
              url: `http://127.0.0.1:${toQuestura.port}`,
              bodies: ['POLICE_HQ' as const],
              mayRequest: false,
            },
          ]
        : [{ id: SUI, url: `http://127.0.0.1:${toSui.port}`, bodies: [], mayRequest: true }];
    const link = side === 'sui' ? toSui : toQuestura;
    const node: NodeProcess = {
      id,
      organisationId,
      handle,
      node: {
        id,
        peers,
        files: createFileStore({ directory: path.join(dataDir, side, 'files'), maxBytes: 20 * 2 ** 20 }),
      },
      child: null,
      async start() {
        const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
          env: {
            ...process.env,
            PORT: '0',
            HOST: '127.0.0.1',
            DATA_DIR: path.join(dataDir, side),
            DATABASE_URL: url,
            DEMO_DATA: '0',
            JOBS: '0',
            LOG_LEVEL: 'error',
            EXCHANGE_NODE: id,
            EXCHANGE_PEERS: JSON.stringify(peers),
          },
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        node.child = child;
        const address = await readyAddress(child);
        link.to(Number(new URL(address).port));
        await waitReady(address, child);
      },
      kill() {
        node.child?.kill('SIGKILL');
        node.child = null;
        link.to(null);
      },
    };
    return node;
  };
  const sui = await make('sui');
  const questura = await make('questura');
  return {
    sui,
    questura,
    links: [toQuestura, toSui],
    async dispose() {
      for (const node of [sui, questura]) {
        if (node.child) {
          const exited = new Promise((resolve) => node.child?.once('exit', resolve));
          node.child.kill('SIGTERM');
          await exited;
        }
        await node.handle.close();
      }
      for (const link of [toQuestura, toSui]) await link.close();
      for (const name of Object.values(names)) await admin(`drop database if exists ${name} with (force)`);
    },
  };
}

let sequence = 0;

/** A case awaiting the Questura's opinion `opinionId`, as the SUI's workflow leaves it; returns its number. */
async function openCase(
  db: Kysely<Database>,
  organisationId: string,
  opinionId: string,
  now: Date,
): Promise<string> {
  sequence += 1;
  const caseId = newId();
  const number = `LO-2026-${String(sequence).padStart(6, '0')}`;
  await db
    .insertInto('caseFile')
    .values({
      id: caseId,
      organisationId,
      number,
      year: 2026,
      sequence,
      typeCode: 'WORK_CLEARANCE',
      typeValidFrom: '2025-10-03',
      state: 'AWAITING_OPINIONS',
      closed: false,
      channel: 'API',
      receivedAt: now,
      submittedOn: '2026-03-02',
      dueOn: '2026-05-01',
      title: 'HOSSAIN Rahim – Azienda Agricola Lodigiana S.r.l.',
      receiptCode: `CH-${caseId}`,
      updatedAt: now,
    })
    .execute();
  await db
    .insertInto('caseOpinion')
    .values({ id: opinionId, caseId, body: 'POLICE_HQ', requestedAt: now, dueOn: '2026-03-22' })
    .execute();
  return number;
}

/** Writes opinion requests (by default each with its case) at the SUI's node, in transactions of `perTransaction`. */
export async function requestOpinions(
  sui: NodeProcess,
  ids: readonly string[],
  perTransaction = 20,
  options: { withCases: boolean } = { withCases: true },
): Promise<void> {
  for (let i = 0; i < ids.length; i += perTransaction) {
    await writeTransaction(sui.handle.db, systemClock, SYSTEM_CALLER, async ({ db, auditAll }) => {
      const payloads: Payload<'opinion.requested'>[] = [];
      for (const id of ids.slice(i, i + perTransaction)) {
        const now = new Date();
        // the benchmark measures the messages alone: no case behind them, and no answer will come back
        const caseNumber = options.withCases
          ? await openCase(db, sui.organisationId, id, now)
          : `LO-2026-${id.slice(-6)}`;
        const payload: Payload<'opinion.requested'> = {
          id,
          requesterOrganisationId: sui.organisationId,
          requesterName: 'Prefettura di Lodi – SUI',
          body: 'POLICE_HQ',
          caseNumber,
          caseTypeCode: 'WORK_CLEARANCE',
          caseTypeName: 'Nulla osta al lavoro subordinato',
          label: 'Parere della Questura sui motivi ostativi',
          subject: {
            persons: [
              {
                role: 'WORKER',
                surname: 'HOSSAIN',
                givenName: 'Rahim',
                citizenship: 'BD',
                passportNumber: `P${id.slice(-8)}`,
              },
            ],
            employers: [
              {
                role: 'EMPLOYER',
                kind: 'COMPANY',
                name: 'Azienda Agricola Lodigiana S.r.l.',
                fiscalCode: '01234567890',
              },
            ],
            quota: { year: 2026, sector: 'NON_SEASONAL' },
            submittedOn: '2026-03-02',
            highRiskCountry: true,
          },
          requestedAt: now.toISOString(),
          requestedOn: '2026-03-02',
          responseDays: 20,
          dueOn: '2026-03-22',
          silenceRule: null,
        };
        payloads.push(payload);
      }
      await auditAll(await requestAll(db, sui.node, QUESTURA, payloads, new Date()));
    });
  }
}

/** Answers, at the Questura's node, every request that has arrived and has no answer yet. */
export async function answerArrived(questura: NodeProcess, limit = 50): Promise<number> {
  const pending = await questura.handle.db
    .selectFrom('opinionRequest')
    .select(['id', 'originNode'])
    .where('state', '=', 'PENDING')
    .orderBy('requestedAt')
    .limit(limit)
    .execute();
  if (pending.length === 0) return 0;
  await writeTransaction(questura.handle.db, systemClock, SYSTEM_CALLER, async ({ db, audit }) => {
    for (const row of pending) {
      const now = new Date();
      const payload: Payload<'opinion.answered'> = {
        id: newId(),
        opinionId: row.id,
        outcome: 'FAVOURABLE',
        reasons: null,
        answeredBy: 'funzionario.questura@lovit.example (Questura di Lodi)',
        answeredAt: now.toISOString(),
        answeredOn: '2026-03-03',
        correctsId: null,
        attachments: [],
      };
      await audit((await change(db, questura.node, row.originNode, 'opinion.answered', payload, now)).audit);
    }
  });
  return pending.length;
}

type Side = { state: string; outcome: string | null; answers: string };

async function sideOf(handle: DatabaseHandle, ids: readonly string[]): Promise<Map<string, Side>> {
  const rows = await handle.db
    .selectFrom('opinionRequest as r')
    .leftJoin('opinionAnswer as a', 'a.opinionId', 'r.id')
    .select([
      'r.id',
      'r.state',
      'r.outcome',
      sql<string>`coalesce(string_agg(a.id::text, ',' order by a.id), '')`.as('answers'),
    ])
    .where('r.id', 'in', ids)
    .groupBy(['r.id', 'r.state', 'r.outcome'])
    .execute();
  return new Map(
    rows.map((row) => [row.id, { state: row.state, outcome: row.outcome, answers: row.answers }]),
  );
}

/** Counts, over the requests written, those missing an answer, answered twice, or different at the two ends. */
export async function reconcile(sui: NodeProcess, questura: NodeProcess, ids: readonly string[]) {
  const [atSui, atQuestura] = [await sideOf(sui.handle, ids), await sideOf(questura.handle, ids)];
  let lost = 0;
  let duplicated = 0;
  let diverged = 0;
  for (const id of ids) {
    const a = atSui.get(id);
    const b = atQuestura.get(id);
    if (!a || !b || a.answers === '' || b.answers === '') lost += 1;
    if ([a, b].some((side) => side && side.answers.split(',').length > 1)) duplicated += 1;
    if (a && b && JSON.stringify(a) !== JSON.stringify(b)) diverged += 1;
  }
  return { lost, duplicated, diverged };
}

/** Undelivered messages in both outboxes. */
export async function undelivered(...nodes: NodeProcess[]): Promise<number> {
  let total = 0;
  for (const node of nodes) {
    const row = await node.handle.db
      .selectFrom('exchangeOutbox')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('deliveredAt', 'is', null)
      .executeTakeFirstOrThrow();
    total += Number(row.n);
  }
  return total;
}
