/** Which mediators the staff may choose for a language: pure, the mediators and their languages come in. */

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

/** What the mediator is told when an assignment changes: the one removed, the one given it, or the same told again. */
export function lettersForChange(
  before: { mediatorId: string; note: string | null },
  after: { mediatorId: string; note: string | null },
): { removed: boolean; assigned: boolean; changed: boolean } {
  if (before.mediatorId !== after.mediatorId) return { removed: true, assigned: true, changed: false };
  return { removed: false, assigned: false, changed: before.note !== after.note };
}
