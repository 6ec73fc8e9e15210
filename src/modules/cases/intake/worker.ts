/**
 * The intake writer's thread: receives checked submissions in arrival order and writes them in batches on its
 * own three connections (see `pipeline.ts`). Loaded by Node as plain TypeScript, so only erasable syntax
 * here and in what it imports.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openServerDatabase } from '../../../kernel/db.ts';
import { IntakePipeline, type PipelineEntry } from './pipeline.ts';

// A few statements run for every batch: each connection prepares them once.
const database = await openServerDatabase((workerData as { url: string }).url, {
  max: 3,
  preparedStatements: 32,
});
const pipeline = new IntakePipeline(database.db, 3, (ids, outcomes) => {
  parentPort?.postMessage({ ids, outcomes });
});

parentPort?.on('message', (entries: PipelineEntry[]) => {
  pipeline.push(entries);
});
// The writer counts the thread as started again once its connections are open.
parentPort?.postMessage({ ready: true });
