/** The time of day of an instant on the Prefettura's clock: "09:30". */
const timeFormat = new Intl.DateTimeFormat('it-IT', {
  timeZone: 'Europe/Rome',
  hour: '2-digit',
  minute: '2-digit',
});

export const timeOf = (iso: string) => timeFormat.format(new Date(iso));
