/** The rules of the concertation log: when an entry may be dated, and how its bodies are counted. */

const LONG_DAY = new Intl.DateTimeFormat('it-IT', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** «12 marzo 2026» for `2026-03-12`. */
export function dayInWords(day: string): string {
  return LONG_DAY.format(new Date(`${day}T00:00:00Z`));
}

/** An entry records what happened: its day is today at the latest. */
export function heldOnFault(heldOn: string, today: string): string | null {
  return heldOn > today ? `la data non può essere successiva a oggi (${dayInWords(today)})` : null;
}

/** The same body written twice, whatever the spaces and capitals. */
export function foldedName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('it');
}

/** Names written twice in one entry, by their position after the first. */
export function repeatedNames(names: readonly string[]): number[] {
  const seen = new Set<string>();
  return names.flatMap((name, index) => {
    const folded = foldedName(name);
    if (seen.has(folded)) return [index];
    seen.add(folded);
    return [];
  });
}

/**
 * The distinct bodies met over a set of entries: the directory's by their id, the others by their folded name.
 */
export function distinctBodies(
  entries: readonly { organisationIds: readonly string[]; otherOrganisations: readonly string[] }[],
): number {
  const bodies = new Set<string>();
  for (const entry of entries) {
    for (const id of entry.organisationIds) bodies.add(`id:${id}`);
    for (const name of entry.otherOrganisations) bodies.add(`name:${foldedName(name)}`);
  }
  return bodies.size;
}
