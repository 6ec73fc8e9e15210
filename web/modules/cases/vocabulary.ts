import i18next from 'i18next';
import type { CaseTypeDefinition, CaseTypeView } from './requests.ts';

/** The words the case pages show for codes: types and their states, sectors, languages, countries. */

/** The latest version of each case type, by name: what a new case is filed under. */
export function latestTypes(types: readonly CaseTypeView[]): CaseTypeDefinition[] {
  const latest = new Map<string, CaseTypeDefinition>();
  for (const { definition } of types) {
    const known = latest.get(definition.code);
    if (!known || definition.validFrom > known.validFrom) latest.set(definition.code, definition);
  }
  return [...latest.values()].sort((a, b) => a.name.localeCompare(b.name, 'it'));
}

/** The states of one type (of any of its versions), or of every type when none is chosen. */
export function statesOf(
  types: readonly CaseTypeView[],
  typeCode: string | undefined,
): { code: string; label: string }[] {
  const states = new Map<string, string>();
  for (const { definition } of types) {
    if (typeCode && definition.code !== typeCode) continue;
    for (const state of definition.states) if (!states.has(state.code)) states.set(state.code, state.label);
  }
  return [...states].map(([code, label]) => ({ code, label }));
}

/** The quota sectors of every type inside the decreto flussi. */
export function quotaSectors(types: readonly CaseTypeView[]): string[] {
  return [...new Set(types.flatMap(({ definition }) => definition.quota?.sectors ?? []))].sort();
}

const SECTORS = ['NON_SEASONAL', 'HOME_CARE', 'AGRICULTURE', 'TOURISM'] as const;

export function sectorLabel(code: string): string {
  return (SECTORS as readonly string[]).includes(code)
    ? i18next.t(`cases.sectors.${code as (typeof SECTORS)[number]}`)
    : code;
}

/** Languages the office most often meets, as ISO 639-1 codes: the choices of a preferred language. */
export const LANGUAGES = [
  'ar',
  'bn',
  'en',
  'es',
  'fr',
  'hi',
  'it',
  'pa',
  'ps',
  'pt',
  'ro',
  'ru',
  'sq',
  'tl',
  'uk',
  'ur',
  'wo',
  'zh',
] as const;

const languageNames = new Intl.DisplayNames('it', { type: 'language', fallback: 'code' });
const regionNames = new Intl.DisplayNames('it', { type: 'region', fallback: 'code' });

export function languageName(code: string | null | undefined): string {
  if (!code) return '';
  try {
    return languageNames.of(code) ?? code;
  } catch {
    return code;
  }
}

export function countryName(code: string | null | undefined): string {
  if (!code) return '';
  try {
    return regionNames.of(code) ?? code;
  } catch {
    return code;
  }
}

/** Languages sorted by their Italian name, for a select. */
export function languageChoices(): { code: string; name: string }[] {
  return LANGUAGES.map((code) => ({ code, name: languageName(code) })).sort((a, b) =>
    a.name.localeCompare(b.name, 'it'),
  );
}

/** Region codes of DisplayNames that are no ISO 3166-1 state (the EU, the UN, Ceuta and Melilla…). */
const NOT_STATES = new Set([
  'AC',
  'CP',
  'CQ',
  'DG',
  'EA',
  'EU',
  'EZ',
  'IC',
  'QO',
  'TA',
  'UN',
  'XA',
  'XB',
  'ZZ',
]);
/**
 * Codes of states that no longer exist (ISO 3166-3: Germania Est, Zaire, Alto Volta, Antille Olandesi,
 * Dahomey, Unione Sovietica, Jugoslavia…), and UK, reserved for GB: the browser names them after the state that
 * took their place, so they would show twice. Never a choice for a new citizenship; old records still name them.
 */
const WITHDRAWN = new Set([
  'AN',
  'BU',
  'CS',
  'CT',
  'DD',
  'DY',
  'FQ',
  'FX',
  'HV',
  'JT',
  'MI',
  'NH',
  'NQ',
  'NT',
  'PC',
  'PU',
  'PZ',
  'RH',
  'SU',
  'TP',
  'UK',
  'VD',
  'WK',
  'YD',
  'YU',
  'ZR',
]);
let countries: { code: string; name: string }[] | null = null;

/** Every current state with an ISO 3166-1 alpha-2 code, by its Italian name, for a select. */
export function countryChoices(): { code: string; name: string }[] {
  if (countries) return countries;
  const strictNames = new Intl.DisplayNames('it', { type: 'region', fallback: 'none' });
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const found: { code: string; name: string }[] = [];
  for (const first of letters)
    for (const second of letters) {
      const code = `${first}${second}`;
      const name = NOT_STATES.has(code) || WITHDRAWN.has(code) ? undefined : strictNames.of(code);
      if (name) found.push({ code, name });
    }
  countries = found.sort((a, b) => a.name.localeCompare(b.name, 'it'));
  return countries;
}
