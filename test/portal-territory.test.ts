import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../src/modules/portal/languages.ts';
import { startTestApp, stopTestApp, type TestApp } from './support/app.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';
import {
  HOUSING,
  listTerritorialServices,
  mainText,
  openPortalOffice,
  type PortalOffice,
  SCHOOL,
} from './support/portal.ts';

for (const backend of BACKENDS) {
  describe(`services of the territory on the portal on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    let beforeAnyDesk: { it: string; uk: string };
    let office: PortalOffice;
    const page = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers });

    beforeAll(async () => {
      database = await openTestDatabase(backend);
      t = await startTestApp(database);
      beforeAnyDesk = {
        it: (await page('/portale/it/uffici')).body,
        uk: (await page('/portale/uk/uffici')).body,
      };
      office = await openPortalOffice(t);
      await listTerritorialServices(t, [HOUSING, SCHOOL]);
    });

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
    });

    it('lists the directory’s services by municipality below the offices, labels in the language', async () => {
      const response = await page('/portale/fr/uffici');
      expect(response.statusCode).toBe(200);
      const text = mainText(response.body);
      const fr = translator('fr');
      expect(text).toContain(fr('territory.title'));
      expect(text.indexOf('Questura di Lodi')).toBeLessThan(text.indexOf(fr('territory.title')));
      for (const shown of [
        'Codogno',
        'Lodi',
        'Caritas Lodigiana',
        'Sportello casa',
        'Famiglie in ricongiungimento',
        'Residenti nel Basso Lodigiano',
        'Martedì 9–12',
        '0377 123456',
        'casa@caritas.example',
        'https://caritas.example/corsi',
        fr('theme.HOUSING'),
        fr('theme.SCHOOL'),
        'arabe, anglais',
        'ukrainien',
      ])
        expect(text, shown).toContain(shown);
      expect(response.body).toContain('href="tel:0377123456"');
      expect(response.body).toContain('<h4 id="servizio-');
      // what only the council reads stays off the portal
      expect(text).not.toContain('testo interno');
      expect(text).not.toContain('Via Roma 1');
      expect(response.body).not.toMatch(/<script/);
      // grouped: Codogno comes before Lodi
      expect(text.indexOf('Sportello casa')).toBeLessThan(text.indexOf('Corso di italiano serale'));
    });

    it('narrows the list by municipality and by theme with a plain form', async () => {
      const form = await page('/portale/it/uffici');
      expect(form.body).toContain('action="/portale/it/uffici#territorio" method="get"');
      expect(form.body).toContain('<option value="098019" lang="it">Codogno</option>');
      const codogno = mainText((await page('/portale/it/uffici?comune=098019&tema=')).body);
      expect(codogno).toContain('Sportello casa');
      expect(codogno).not.toContain('Corso di italiano serale');
      const work = await page('/portale/uk/uffici?tema=WORK');
      expect(work.statusCode).toBe(200);
      expect(mainText(work.body)).toContain('Corso di italiano serale');
      expect(mainText(work.body)).not.toContain('Sportello casa');
      expect(work.body).toContain('<option value="WORK" selected="">');
      const none = await page('/portale/en/uffici?comune=098031&tema=HOUSING');
      expect(mainText(none.body)).toContain(translator('en')('territory.none'));
    });

    it('answers an unknown municipality or theme with a 400 page in the visitor’s language', async () => {
      for (const [lang, query] of [
        ['ar', 'comune=099999'],
        ['uk', 'tema=COOKING'],
        ['en', 'comune=098019&comune=098031'],
      ] as const) {
        const response = await page(`/portale/${lang}/uffici?${query}`);
        expect(response.statusCode, query).toBe(400);
        expect(response.body).toContain(`<html lang="${lang}"`);
        expect(mainText(response.body)).toContain(translator(lang)('territory.badFilter'));
        // the offices and the whole list stay readable
        expect(mainText(response.body)).toContain('Sportello casa');
        expect(mainText(response.body)).toContain('Corso di italiano serale');
      }
    });

    it('says clearly, in the reader’s language, when no desk of the Single Desk is set up yet', async () => {
      for (const lang of ['it', 'uk'] as const) {
        const text = mainText(beforeAnyDesk[lang]);
        expect(text).toContain(translator(lang)('offices.noDesks'));
        expect(text).toContain('Questura di Lodi');
      }
      expect(mainText((await page('/portale/it/uffici')).body)).not.toContain(
        translator('it')('offices.noDesks'),
      );
    });

    it('draws the province with the municipality of the offices marked, names on hover and in a table', async () => {
      const response = await page('/portale/ar/uffici');
      const ar = translator('ar');
      const svg = /<svg[\s\S]*<\/svg>/.exec(response.body)?.[0] ?? '';
      expect(svg).toContain(`role="img" aria-label="${ar('map.label')}"`);
      expect(
        svg.match(/<path d="M[^"]+"( class="seat")?><title lang="it">[^<]+<\/title><\/path>/g),
      ).toHaveLength(60);
      expect(svg).toContain('<path d="M');
      expect(svg).toContain('class="seat"><title lang="it">Lodi</title>');
      expect(svg).toContain('<title lang="it">Sant’Angelo Lodigiano</title>');
      expect(svg.match(/<circle /g)).toHaveLength(1);
      expect(svg).toMatch(
        /<title lang="it">Lodi – Sportello Unico per l’Immigrazione – Sportello 1 – Prefettura/,
      );
      expect(response.body).toContain(
        '<span lang="it">Confini amministrativi: ISTAT, elaborazione Openpolis (CC BY 4.0)</span>',
      );
      const table = /<table>[\s\S]*<\/table>/.exec(response.body)?.[0] ?? '';
      expect(table.match(/<th scope="row" lang="it">/g)).toHaveLength(60);
      expect(table).toMatch(
        /<th scope="row" lang="it">Lodi<\/th><td lang="it"><ul><li><a href="#sportello-1">Sportello Unico[^<]*<\/a><\/li><li><a href="#prefettura">Prefettura/,
      );
      expect(table).toContain(`<th scope="row" lang="it">Codogno</th><td>${ar('map.none')}</td>`);
    });

    it('keeps the offices page with its map within 80 KB of HTML and CSS', async () => {
      const response = await page('/portale/uk/uffici');
      const css = /href="(\/portale\/portale\.[0-9a-f]+\.css)"/.exec(response.body)?.[1] ?? '';
      const stylesheet = await page(css);
      expect(stylesheet.statusCode).toBe(200);
      expect(Buffer.byteLength(response.body) + Buffer.byteLength(stylesheet.body)).toBeLessThan(80 * 1024);
    });

    it('shows each desk’s municipality and accessibility as the back-office sets them, on the page and the map', async () => {
      const desk = (payload: object) =>
        t.app.inject({
          method: 'PUT',
          url: `/api/desks/${office.deskId}`,
          headers: office.manager.headers,
          payload,
        });
      const stated = {
        name: 'Sportello 1',
        place: 'Via Roma 10, Codogno',
        municipalityCode: '098019',
        accessibility: {
          stepFreeAccess: true,
          lift: false,
          accessibleToilet: null,
          notes: 'Rampa dal cortile.',
        },
        openings: [{ weekday: 1, opens: '09:00', closes: '12:00', slotMinutes: 30 }],
      };
      const outside = await desk({ ...stated, municipalityCode: '098099' });
      expect(outside.statusCode).toBe(422);
      expect(outside.headers['content-type']).toContain('application/problem+json');
      expect(outside.json().errors).toEqual([
        { path: 'body.municipalityCode', message: 'scegliere un comune della provincia di Lodi' },
      ]);
      const notAnswer = await desk({ ...stated, accessibility: { ...stated.accessibility, lift: 'forse' } });
      expect(notAnswer.statusCode).toBe(400);
      expect(notAnswer.json().errors[0].path).toBe('body.accessibility.lift');
      expect((await desk(stated)).json()).toMatchObject({
        municipalityCode: '098019',
        accessibility: stated.accessibility,
      });

      const response = await page('/portale/uk/uffici');
      const uk = translator('uk');
      const card = /<section class="card" aria-labelledby="sportello-1">[\s\S]*?<\/section>/.exec(
        response.body,
      )?.[0];
      const text = mainText(`<main>${card}</main>`);
      expect(text).toContain(`${uk('offices.municipality')} Codogno`);
      expect(text).toContain(`${uk('offices.stepFreeAccess')} ${uk('offices.yes')}`);
      expect(text).toContain(`${uk('offices.lift')} ${uk('offices.no')}`);
      expect(text).toContain(`${uk('offices.accessibleToilet')} ${uk('offices.unknown')}`);
      expect(card).toContain('<p lang="it" dir="ltr">Rampa dal cortile.</p>');
      const svg = /<svg[\s\S]*<\/svg>/.exec(response.body)?.[0] ?? '';
      expect(svg).toContain('class="seat"><title lang="it">Codogno</title>');
      expect(svg.match(/<circle /g)).toHaveLength(2);
      expect(svg).toContain(
        '<title lang="it">Codogno – Sportello Unico per l’Immigrazione – Sportello 1</title>',
      );
      expect(response.body).toMatch(
        /<th scope="row" lang="it">Codogno<\/th><td lang="it"><ul><li><a href="#sportello-1">Sportello Unico/,
      );
      // the Prefettura and the Questura say nothing of accessibility the office has not stated
      expect(mainText(response.body).match(new RegExp(uk('offices.accessibility'), 'g'))).toHaveLength(1);
    });
  });
}
