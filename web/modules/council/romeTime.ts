/** Meeting times typed on the Prefettura's clock, whatever the browser's zone. */
const offsetFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Europe/Rome',
  timeZoneName: 'longOffset',
});

/** `2026-03-16` and `10:00` in Rome → `2026-03-16T10:00:00+01:00`; empty when either part is missing. */
export function romeInstant(day: string, time: string): string {
  if (!day || !time) return '';
  const guess = new Date(`${day}T${time}:00Z`);
  if (Number.isNaN(guess.getTime())) return '';
  const name = offsetFormat.formatToParts(guess).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const offset = name === 'GMT' ? '+00:00' : name.slice(3);
  return `${day}T${time}:00${offset}`;
}
