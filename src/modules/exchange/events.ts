/**
 * What the exchange tells the module that requested an opinion: it answered, asked back, went silent or
 * lapsed. The cases module listens and moves the case; the exchange does not know it exists.
 */
import { Topic } from '../../kernel/events.ts';

export type OpinionChange = {
  opinionId: string;
  outcome?: 'FAVOURABLE' | 'UNFAVOURABLE' | 'SILENT_CONSENT';
  answeredAt?: string;
  notes?: string | null;
  dueOn?: string;
  event: {
    kind: string;
    onDay: string;
    actorLabel: string;
    reason: string | null;
    data?: Record<string, unknown>;
  };
};

/** Published at the requesting end, in the transaction that applies the change. */
export const opinionChanges = new Topic<OpinionChange>('exchange.opinion-changed');
