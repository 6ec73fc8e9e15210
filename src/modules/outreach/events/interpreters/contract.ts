/** The API of the mediators who interpret at the events' sessions: the staff's assignments, the mediator's own list. */
import { z } from 'zod';
import { text } from '../../../../kernel/contract.ts';

const id = z.uuid();
/** A language asked for: a portal language (`ar`) or Italian Sign Language (`lis`). */
const askedLanguage = z
  .string()
  .min(1, { message: 'Campo obbligatorio', abort: true })
  .regex(/^[a-z]{2,3}$/, 'Scegliere una lingua dall’elenco');
/** What the mediator should know besides date and place: "arrivare 30 minuti prima". */
const note = text(500).nullable().optional();

/** A mediator as the choice for a language sees them; the rule below is shared with the back-office. */
export type Mediator = { id: string; name: string; languages: readonly string[] };

/**
 * The mediators offered for a language: those who cover it; all of them, marked as a fallback, only when
 * nobody covers it (an interpreter is better than none, and the staff know it is not their language).
 */
export function choosableMediators<T extends Mediator>(
  mediators: readonly T[],
  language: string,
): { mediators: T[]; isFallback: boolean } {
  const covering = mediators.filter((mediator) => mediator.languages.includes(language));
  return covering.length > 0
    ? { mediators: covering, isFallback: false }
    : { mediators: [...mediators], isFallback: true };
}

export const assignmentInput = z.object({
  language: askedLanguage,
  mediatorId: z.uuid(),
  note,
});
export type AssignmentInput = z.infer<typeof assignmentInput>;

export const assignmentChange = z.object({
  mediatorId: z.uuid(),
  note,
});
export type AssignmentChange = z.infer<typeof assignmentChange>;

export const assignmentView = z.object({
  id,
  sessionId: id,
  sessionLabel: z.string(),
  startsAt: z.date(),
  language: z.string(),
  mediatorId: id,
  mediatorName: z.string(),
  /** False when the mediator was chosen although they do not cover the language (nobody did). */
  coversLanguage: z.boolean(),
  note: z.string().nullable(),
  assignedAt: z.date(),
});

/** A mediator of the office the staff may choose, with the languages they cover. */
export const mediatorOption = z.object({ id, name: z.string(), languages: z.array(z.string()) });

export const interpretersView = z.object({
  assignments: z.array(assignmentView),
  mediators: z.array(mediatorOption),
});

/** A session a mediator interprets at: where and when, the language and how many asked, no one's name. */
export const interpretingView = z.object({
  id,
  eventTitle: z.string(),
  sessionLabel: z.string(),
  startsAt: z.date(),
  endsAt: z.date(),
  venue: z.string(),
  address: z.string(),
  accessibility: z.string(),
  language: z.string(),
  people: z.number().int(),
  note: z.string().nullable(),
});
