/** Appointment times as the office reads them, on the Prefettura's clock whatever the browser's zone. */
import type { Slot } from './requests.ts';

const TIME_ZONE = 'Europe/Rome';
const day = new Intl.DateTimeFormat('it-IT', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: TIME_ZONE,
});
const shortDay = new Intl.DateTimeFormat('it-IT', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  timeZone: TIME_ZONE,
});
const time = new Intl.DateTimeFormat('it-IT', { hour: '2-digit', minute: '2-digit', timeZone: TIME_ZONE });
const romeDay = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE });

/** "martedì 3 marzo 2026, 10:00–10:30": the heading of an appointment. */
export function appointmentWhen({ startsAt, endsAt }: Slot): string {
  return `${day.format(new Date(startsAt))}, ${time.format(new Date(startsAt))}–${time.format(new Date(endsAt))}`;
}

/** "martedì 3 marzo, 10:00–10:30": one choice of a list of slots, whole even where its day is not read out. */
export function slotLabel({ startsAt, endsAt }: Slot): string {
  return `${shortDay.format(new Date(startsAt))}, ${time.format(new Date(startsAt))}–${time.format(new Date(endsAt))}`;
}

/** "11:15": the time of day of an instant, on the Prefettura's clock. */
export function timeOfDay(instant: string): string {
  return time.format(new Date(instant));
}

/** Slots by the day they fall on in Rome, in order, each day named ("martedì 3 marzo 2026"). */
export function slotsByDay(slots: readonly Slot[]): { day: string; label: string; slots: Slot[] }[] {
  const days = new Map<string, Slot[]>();
  for (const slot of [...slots].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))) {
    const key = romeDay.format(new Date(slot.startsAt));
    days.set(key, [...(days.get(key) ?? []), slot]);
  }
  return [...days].map(([key, daySlots]) => ({
    day: key,
    label: day.format(new Date((daySlots[0] as Slot).startsAt)),
    slots: daySlots,
  }));
}

const weekdays = new Intl.DateTimeFormat('it-IT', { weekday: 'long', timeZone: 'UTC' });

/** The Italian name of an ISO weekday, 1 (Monday) to 7 (Sunday): 1 January 2024 was a Monday. */
export function weekdayName(weekday: number): string {
  return weekdays.format(new Date(Date.UTC(2024, 0, weekday)));
}
