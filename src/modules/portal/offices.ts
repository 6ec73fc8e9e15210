/**
 * The offices page: the SUI desks with the opening hours the back-office sets (so the page never disagrees
 * with the booking grid), and the contacts of the Prefettura and the Questura that public sources confirm.
 */
import type { OfficeSetting } from '../../config.ts';
import type { Platform } from '../../kernel/platform.ts';
import { desksWithOpenings } from './store.ts';

export type Office = {
  key: string;
  /** A desk of the Single Desk for Immigration, set up in the back-office; else another office. */
  isDesk: boolean;
  /** ISTAT code of the municipality the office is in, for the map. */
  municipalityCode: string;
  name: string;
  address: string | null;
  contacts: { label: string; href: string }[];
  hours: { weekday: number; times: string }[];
  /** What to do before going: come when convoked (the desks), call the switchboard (hours not verified), nothing. */
  notice: 'byAppointment' | 'callSwitchboard' | null;
  /** Where the contacts come from, in Italian, as the settings cite it; null when they do not. */
  source: string | null;
  /** What a desk says of its access for people with a disability; null for the offices it does not cover. */
  accessibility: OfficeAccessibility | null;
};

/** Each feature yes, no, or not yet stated (null); the note as the office wrote it, in Italian. */
export type OfficeAccessibility = {
  stepFreeAccess: boolean | null;
  lift: boolean | null;
  accessibleToilet: boolean | null;
  notes: string;
};

/** An office of the configuration (`OFFICES`), as the page shows it. */
function configuredOffice(office: OfficeSetting, index: number): Office {
  return {
    key: office.key ?? `ufficio-${index + 1}`,
    isDesk: false,
    municipalityCode: office.municipality,
    name: office.name,
    address: office.address,
    contacts: [
      ...(office.email ? [{ label: office.email, href: `mailto:${office.email}` }] : []),
      ...(office.phone
        ? [
            {
              label: office.phone,
              href: `tel:${office.phone.startsWith('+') ? '' : '+39'}${office.phone.replaceAll(' ', '')}`,
            },
          ]
        : []),
    ],
    hours: [],
    notice: office.callFirst ? 'callSwitchboard' : null,
    source: office.source ?? null,
    accessibility: null,
  };
}

const hhmm = (time: string) => time.slice(0, 5);

/** The SUI desks with their weekly hours, then the other offices. */
export async function listOffices(platform: Platform): Promise<Office[]> {
  const rows = await desksWithOpenings(platform.database.db);
  const desks = new Map<string, Office>();
  for (const row of rows) {
    const desk = desks.get(row.id) ?? {
      key: `sportello-${desks.size + 1}`,
      isDesk: true,
      municipalityCode: row.municipalityCode,
      name: `Sportello Unico per l’Immigrazione – ${row.name}`,
      address: row.place,
      contacts: [],
      hours: [],
      notice: 'byAppointment',
      source: null,
      accessibility: {
        stepFreeAccess: row.stepFreeAccess,
        lift: row.lift,
        accessibleToilet: row.accessibleToilet,
        notes: row.accessibilityNotes,
      },
    };
    desks.set(row.id, desk);
    if (row.weekday === null || !row.opens || !row.closes) continue;
    const times = `${hhmm(row.opens)}–${hhmm(row.closes)}`;
    const last = desk.hours.at(-1);
    if (last?.weekday === row.weekday) last.times += `, ${times}`;
    else desk.hours.push({ weekday: row.weekday, times });
  }
  return [...desks.values(), ...platform.config.office.offices.map(configuredOffice)];
}
