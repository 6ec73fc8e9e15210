/**
 * `npm run bench:exchange`: opinion requests written at the SUI's node at a steady rate travel to the Questura's
 * node (each process on its own PostgreSQL database): signed, verified and applied there. Measures messages per
 * second delivered end to end and the time from the sender's commit to the receiver's applying it.
 * Options (environment): EXCHANGE_RATE messages/s offered (1500), EXCHANGE_SECONDS (20).
 */
import { sql } from 'kysely';
import { newId } from '../src/kernel/ids.ts';
import { prepareNodes, requestOpinions, undelivered } from './exchange-nodes.ts';
import { writeResult } from './support.ts';

const RATE = Number(process.env.EXCHANGE_RATE ?? 1500);
const SECONDS = Number(process.env.EXCHANGE_SECONDS ?? 20);
const PER_TRANSACTION = 25;

const nodes = await prepareNodes();
const { sui, questura } = nodes;
try {
  await Promise.all([sui.start(), questura.start()]);
  // warm-up: keys fetched, connections open
  await requestOpinions(sui, [newId()], 1, { withCases: false });
  while ((await undelivered(sui)) > 0) await new Promise((resolve) => setTimeout(resolve, 50));

  const ids: string[] = [];
  const started = performance.now();
  const interval = (1000 * PER_TRANSACTION) / RATE;
  for (let tick = 0; performance.now() - started < SECONDS * 1000; tick++) {
    const due = started + tick * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const batch = Array.from({ length: PER_TRANSACTION }, () => newId());
    ids.push(...batch);
    await requestOpinions(sui, batch, PER_TRANSACTION, { withCases: false });
  }
  const offeredSeconds = (performance.now() - started) / 1000;
  while ((await undelivered(sui)) > 0) await new Promise((resolve) => setTimeout(resolve, 100));

  const sent = await sui.handle.db
    .selectFrom('exchangeOutbox')
    .select(['payload', 'createdAt'])
    .where('kind', '=', 'opinion.requested')
    .execute();
  const committedAt = new Map(
    sent.map((row) => [(row.payload as { id: string }).id, row.createdAt.getTime()]),
  );
  const applied = await questura.handle.db
    .selectFrom('opinionRequest')
    .select(['id', sql<Date>`updated_at`.as('appliedAt')])
    .where('id', 'in', ids)
    .execute();
  const latencies = applied
    .map((row) => new Date(row.appliedAt).getTime() - (committedAt.get(row.id) ?? Number.NaN))
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? null;
  const first = Math.min(...ids.map((id) => committedAt.get(id) ?? Number.POSITIVE_INFINITY));
  const last = Math.max(...applied.map((row) => new Date(row.appliedAt).getTime()));
  const result = {
    offered_rate_per_s: RATE,
    offered_seconds: Math.round(offeredSeconds * 10) / 10,
    messages: ids.length,
    applied: applied.length,
    delivered_per_s: Math.round(applied.length / ((last - first) / 1000)),
    latency_ms: { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: latencies.at(-1) ?? null },
    target: { delivered_per_s: 1000, p99_ms: 500 },
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${await writeResult('exchange', result)}\n`);
} finally {
  await nodes.dispose();
}
