import type { LovitApp } from '../../../kernel/http.ts';
import { institution, prefectureName } from '../../../kernel/institution.ts';
import { servedProvince } from '../../../kernel/territory/province.ts';
import { territoryView } from './contract.ts';

/**
 * `GET /api/territory`: the province LOVIT serves (`PROVINCE_ISTAT`), its municipalities and the prefecture of
 * the settings, public data.
 */
export function registerTerritoryRoute(app: LovitApp): void {
  app.get(
    '/api/territory',
    {
      config: { access: 'public' },
      schema: {
        tags: ['Portale pubblico'],
        summary: 'La provincia servita e i suoi comuni (codici ISTAT e catastali)',
        response: { 200: territoryView },
      },
    },
    async () => {
      const { code, name, abbreviation, chiefTown, municipalities } = servedProvince();
      return {
        code,
        name,
        abbreviation,
        chiefTown: chiefTown.code,
        municipalities: [...municipalities],
        institution: { name: institution().name, shortName: prefectureName() },
      };
    },
  );
}
