/** Who is told what when an assignment changes: pure, the assignment before and after come in. */

/** What the mediator is told when an assignment changes: the one removed, the one given it, or the same told again. */
export function lettersForChange(
  before: { mediatorId: string; note: string | null },
  after: { mediatorId: string; note: string | null },
): { removed: boolean; assigned: boolean; changed: boolean } {
  if (before.mediatorId !== after.mediatorId) return { removed: true, assigned: true, changed: false };
  return { removed: false, assigned: false, changed: before.note !== after.note };
}
