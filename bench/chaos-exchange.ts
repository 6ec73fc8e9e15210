/**
 * `npm run chaos:exchange`: two nodes exchange opinion requests and answers while either node is killed with
 * SIGKILL at random moments and restarted, and the link between them is cut for a while. At the end every
 * request must have exactly one answer, the same at both ends. Options: --messages N (1000) --kills K (10).
 * The full form writes bench/results/chaos-exchange.json.
 */
import { parseArgs } from 'node:util';
import { newId } from '../src/kernel/ids.ts';
import { answerArrived, prepareNodes, reconcile, requestOpinions, undelivered } from './exchange-nodes.ts';
import { writeResult } from './support.ts';

const CHUNK = 10;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const between = (low: number, high: number) => low + Math.random() * (high - low);

export type ChaosResult = {
  messages: number;
  kills: number;
  linkCuts: number;
  lost: number;
  duplicated: number;
  diverged: number;
  seconds: number;
};

export async function runChaos(options: {
  messages: number;
  kills: number;
  timeoutSeconds?: number;
}): Promise<ChaosResult> {
  const started = performance.now();
  const deadline = Date.now() + (options.timeoutSeconds ?? 300) * 1000;
  const nodes = await prepareNodes();
  const { sui, questura } = nodes;
  let linkCuts = 0;
  try {
    await Promise.all([sui.start(), questura.start()]);
    const ids = Array.from({ length: options.messages }, () => newId());
    let produced = false;
    const producer = (async () => {
      // spread over the time the kills take, so that messages are in flight when a node dies
      const pause = (options.kills * 2500) / Math.ceil(ids.length / CHUNK);
      for (let i = 0; i < ids.length; i += CHUNK) {
        await requestOpinions(sui, ids.slice(i, i + CHUNK));
        await sleep(between(0, 2 * pause));
      }
      produced = true;
    })();
    const chaos = (async () => {
      for (let kill = 0; kill < options.kills; kill++) {
        await sleep(between(200, 1200));
        const victim = Math.random() < 0.5 ? sui : questura;
        victim.kill();
        if (kill % 2 === 0) {
          const link = nodes.links[Math.floor(Math.random() * nodes.links.length)];
          link?.cut();
          linkCuts += 1;
          setTimeout(() => link?.mend(), between(500, 1500));
        }
        await sleep(between(100, 800));
        await victim.start();
      }
    })();
    let answered = 0;
    while (!produced || answered < ids.length) {
      if (Date.now() > deadline)
        throw new Error(`only ${answered} of ${ids.length} requests arrived and were answered in time`);
      const now = await answerArrived(questura);
      answered += now;
      if (now === 0) await sleep(50);
    }
    await Promise.all([producer, chaos]);
    for (const link of nodes.links) link.mend();
    while ((await undelivered(sui, questura)) > 0) {
      if (Date.now() > deadline) throw new Error('the outboxes did not drain in time');
      await sleep(100);
    }
    const outcome = await reconcile(sui, questura, ids);
    return {
      messages: ids.length,
      kills: options.kills,
      linkCuts,
      ...outcome,
      seconds: Math.round((performance.now() - started) / 100) / 10,
    };
  } finally {
    await nodes.dispose();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { messages: { type: 'string', default: '1000' }, kills: { type: 'string', default: '10' } },
  });
  const result = await runChaos({ messages: Number(values.messages), kills: Number(values.kills) });
  process.stdout.write(`${JSON.stringify(result)}\n`);
  if (result.messages >= 1000) process.stdout.write(`${await writeResult('chaos-exchange', result)}\n`);
  process.exit(result.lost + result.duplicated + result.diverged === 0 ? 0 : 1);
}
