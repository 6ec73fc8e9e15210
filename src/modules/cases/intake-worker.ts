/**
 * The intake writer's thread: receives batches of checked submissions and writes each in one transaction on
 * its own connection (see `intake.ts`). Loaded by Node as plain TypeScript, so only erasable syntax here and
 * in what it imports.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openServerDatabase } from '../../kernel/db.ts';
import { type QueuedSubmission, writeBatch } from './intake-batch.ts';

const database = await openServerDatabase((workerData as { url: string }).url, { max: 1 });

parentPort?.on('message', async ({ id, batch }: { id: number; batch: QueuedSubmission[] }) => {
  try {
    parentPort?.postMessage({ id, outcomes: await writeBatch(database.db, batch) });
  } catch (error) {
    const { message, code } = error as { message: string; code?: string };
    parentPort?.postMessage({ id, error: { message, code } });
  }
});
