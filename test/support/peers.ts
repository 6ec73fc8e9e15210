import type { Peer } from '../../src/config.ts';
import type { Platform } from '../../src/kernel/platform.ts';

/**
 * A node of the exchange as a test starts it: its name, the bodies whose opinions the other asks it for, and
 * whether it may ask the other for opinions.
 */
export type NodeName = { id: string; bodies?: Peer['bodies']; mayRequest?: boolean };

type Served = { platform: Platform; base: string };

/**
 * Two nodes that are each other's peer, each listening on a port the system chose. The first starts before
 * the second has an address: it names it at `http://<id>.invalid`, which never resolves, and is told the real
 * address once the second has started naming the first's. A node reads a peer's address when it sends to it
 * or first checks a signature from it, which a test does only after both have started.
 *
 * `start` builds and serves one node, given its name and its EXCHANGE_PEERS.
 */
export async function startPeerNodes<T extends Served>(
  start: (node: string, peers: string) => Promise<T>,
  first: NodeName,
  second: NodeName,
): Promise<[T, T]> {
  const peerAt = (name: NodeName, url: string): Peer => ({
    id: name.id,
    url,
    bodies: name.bodies ?? [],
    mayRequest: name.mayRequest ?? false,
  });
  const a = await start(first.id, JSON.stringify([peerAt(second, `http://${second.id}.invalid`)]));
  const b = await start(second.id, JSON.stringify([peerAt(first, a.base)]));
  const unknown = a.platform.config.exchange.peers.find((peer) => peer.id === second.id);
  if (!unknown) throw new Error(`${first.id} does not name ${second.id} among its peers`);
  unknown.url = b.base;
  return [a, b];
}
