/**
 * The public reading of the directory of territorial services, for the portal: what an organisation publishes
 * about a service (who offers it, where, for whom, in which languages, when and how to reach it), nothing of
 * who edits it. The texts stay as the organisations entered them, in Italian.
 */
import type { Platform } from '../../../kernel/platform.ts';
import { municipalityName } from '../../../kernel/territory/province.ts';
import { THEMES, type Theme } from '../contract.ts';
import * as needsStore from './store.ts';

export type PublicService = {
  id: string;
  organisation: string;
  name: string;
  municipalityCode: string;
  municipality: string;
  themes: Theme[];
  targetGroups: string[];
  languages: string[];
  eligibility: string | null;
  hours: string | null;
  phone: string | null;
  email: string | null;
  url: string | null;
};

/** The theme codes a service can carry, in the order the council lists them. */
export const SERVICE_THEMES = Object.keys(THEMES) as Theme[];

/** What both readings of the directory, public and back-office, show of a service as it is stored. */
export function publishedFields(row: needsStore.ServiceRow) {
  return {
    id: row.id,
    name: row.name,
    themes: row.themes as Theme[],
    targetGroups: row.targetGroups,
    languages: row.languages,
    eligibility: row.eligibility,
    hours: row.hours,
    phone: row.phone,
    email: row.email,
    url: row.url,
  };
}

/** Every service of the directory, by municipality then by name. */
export async function publicServices(platform: Platform): Promise<PublicService[]> {
  const rows = await needsStore.services(platform.database.db);
  return rows
    .map((row) => ({
      ...publishedFields(row),
      organisation: row.organisationName,
      municipalityCode: row.municipalityIstatCode,
      municipality: municipalityName(row.municipalityIstatCode),
    }))
    .sort((a, b) => a.municipality.localeCompare(b.municipality, 'it') || a.name.localeCompare(b.name, 'it'));
}
