/**
 * The institution the installation works for and the province it serves, as every letter, document, calendar
 * and export of every module signs them: set once as the application is built, from the configuration; Lodi's
 * until then, as it was made for Lodi.
 */
import { LODI } from './territory/province.ts';

/** The institution, as it signs its pages: a proper name, left in Italian in every language. */
export type Institution = { name: string; site: string | null; mail: string | null };

/** The Prefettura of Lodi as it signs its pages, its site and its certified address. */
export const LODI_INSTITUTION: Institution = {
  name: 'Prefettura di Lodi – Ufficio Territoriale del Governo',
  site: 'https://www.prefettura.it/lodi/',
  mail: 'prefettura.lodi@interno.it',
};

let current = LODI_INSTITUTION;
let province = 'Lodi';

/**
 * The institution of the configured province: Lodi's own site and address; elsewhere the Prefettura among the
 * configured offices, else one named after the province, with no site or address the configuration does not give.
 */
export function setInstitution(office: {
  province: { istatCode: string; name: string };
  offices: readonly { key?: string | undefined; name: string; email?: string | undefined }[];
}): void {
  const prefecture = office.offices.find((entry) => entry.key === 'prefettura');
  current =
    office.province.istatCode === LODI
      ? LODI_INSTITUTION
      : prefecture
        ? { name: prefecture.name, site: null, mail: prefecture.email ?? null }
        : {
            name: `Prefettura – Ufficio Territoriale del Governo di ${office.province.name}`,
            site: null,
            mail: null,
          };
}

export const institution = (): Institution => current;

/** The province served, by its Italian name: "provincia di " + this in a sentence. */
export function setProvinceName(name: string): void {
  province = name;
}

export const provinceName = (): string => province;

/** The prefecture as short signatures, calendars and document properties name it: "Prefettura di Lodi". */
export const prefectureName = (): string => `Prefettura di ${province}`;
