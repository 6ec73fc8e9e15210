import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../src/modules/portal/languages.ts';
import { PAGE_CACHE_MS } from '../src/modules/portal/page-cache.ts';
import { startTestApp, stopTestApp, type TestApp } from './support/app.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';
import { makeUser } from './support/identity.ts';
import { mainText, openPortalOffice, type PortalOffice } from './support/portal.ts';

/** The links of the results listed in the page's main part, in order. */
const links = (html: string) =>
  [...(/<main[\s\S]*<\/main>/.exec(html)?.[0] ?? '').matchAll(/<li><a href="([^"]+)"[^>]*>/g)].map(
    (match) => match[1],
  );

for (const backend of BACKENDS) {
  describe(`search on the portal on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    let office: PortalOffice;
    const search = (lang: string, q?: string) =>
      t.app.inject({ url: `/portale/${lang}/cerca${q === undefined ? '' : `?q=${encodeURIComponent(q)}`}` });

    beforeAll(async () => {
      database = await openTestDatabase(backend);
      t = await startTestApp(database);
      office = await openPortalOffice(t);
    });

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
    });

    it('finds a sheet by another form of its words, in Italian, with the words marked in a snippet', async () => {
      const response = await search('it', 'ricongiungimenti familiari');
      expect(response.statusCode).toBe(200);
      expect(links(response.body)).toContain('/portale/it/schede/ricongiungimento-familiare');
      expect(response.body).toMatch(/<mark>ricongiungimento<\/mark>/i);
      expect(mainText(response.body)).toContain(translator('it')('search.found', { count: 1 }).split(':')[0]);
      expect(response.body).not.toContain('<script');
      // the highlight markers of ts_headline never reach the page
      expect(response.body).not.toContain(String.fromCharCode(2));
      expect(response.body).not.toContain(String.fromCharCode(3));
      // the start of a word is enough
      expect(links((await search('it', 'ricongiung')).body)).toContain(
        '/portale/it/schede/ricongiungimento-familiare',
      );
    });

    it('searches the reader’s language, and the Italian text, marked as such, where there is no translation', async () => {
      const uk = translator('uk');
      const own = await search('uk', 'дозвіл');
      expect(links(own.body)).toContain('/portale/uk/schede/ricongiungimento-familiare');
      expect(own.body).toMatch(/<mark>дозвіл<\/mark>/i);
      // every sheet is written in Ukrainian, none in Albanian: an Albanian reader searches the Italian texts
      const sq = translator('sq');
      const italian = await search('sq', 'conversione');
      expect(links(italian.body)).toContain('/portale/sq/schede/conversione-permesso');
      expect(italian.body).toContain(
        '<a href="/portale/sq/schede/conversione-permesso" lang="it" dir="ltr">',
      );
      expect(mainText(italian.body)).toContain(sq('search.inItalian'));
      expect(mainText(own.body)).not.toContain(uk('search.inItalian'));
      // the Italian text of a sheet the reader has in their language is not searched
      expect(links((await search('uk', 'datore')).body)).toEqual([]);
      expect(links((await search('it', 'datore')).body)).toContain('/portale/it/schede/lavoro-subordinato');
    });

    it('finds glossary words and offices', async () => {
      const terms = await search('it', 'ostativi');
      expect(mainText(terms.body)).toContain(translator('it')('search.glossary'));
      expect(terms.body).toMatch(/<dfn>motivi ostativi<\/dfn>/i);
      const offices = await search('fr', 'questura');
      expect(links(offices.body)).toContain('/portale/fr/uffici#questura');
      const desks = await search('it', 'sportello corso umberto');
      expect(links(desks.body)).toContain('/portale/it/uffici#sportello-1');
    });

    it('labels the drafts it finds, and the home page lists, as the sheet’s page does, in the reader’s language', async () => {
      const uk = translator('uk');
      const label = `<span class="tag">${uk('provenance.draft')}</span>`;
      const item = (html: string, code: string) =>
        new RegExp(`<li><a href="/portale/uk/schede/${code}"[\\s\\S]*?</li>`).exec(html)?.[0] ?? '';
      const found = (await search('uk', 'дозвіл')).body;
      expect(item(found, 'ricongiungimento-familiare')).toContain(label);
      expect(item((await t.app.inject({ url: '/portale/uk' })).body, 'ricongiungimento-familiare')).toContain(
        label,
      );

      // a mediator has checked the Ukrainian text: no label any more, the other drafts keep theirs
      const mediator = await makeUser(t.platform, [
        { organisationId: office.organisationId, role: 'mediator' },
      ]);
      await t.platform.database.db
        .updateTable('procedureSheetText')
        .set({ publishedReviewedBy: mediator.id, publishedReviewedAt: t.clock.now() })
        .where('sheetCode', '=', 'ricongiungimento-familiare')
        .where('language', '=', 'uk')
        .execute();
      t.clock.advance(PAGE_CACHE_MS);
      const checked = (await search('uk', 'дозвіл')).body;
      expect(item(checked, 'ricongiungimento-familiare')).not.toContain(label);
      const home = (await t.app.inject({ url: '/portale/uk' })).body;
      expect(item(home, 'ricongiungimento-familiare')).not.toContain(label);
      expect(item(home, 'lavoro-stagionale')).toContain(label);
      // in English the text is still a draft
      expect((await search('en', 'reunification')).body).toContain(
        `<span class="tag">${translator('en')('provenance.draft')}</span>`,
      );
    });

    it('says in the reader’s language when there is nothing to search or nothing found', async () => {
      const empty = await search('ar');
      expect(empty.statusCode).toBe(200);
      expect(mainText(empty.body)).toContain(translator('ar')('search.empty'));
      const punctuation = await search('ar', '?!');
      expect(mainText(punctuation.body)).toContain(translator('ar')('search.empty'));
      const nothing = await search('uk', 'жирафа');
      expect(nothing.statusCode).toBe(200);
      expect(mainText(nothing.body)).toContain(translator('uk')('search.none'));
      expect(nothing.body).toContain('href="/portale/uk"');
      expect(nothing.body).toContain('value="жирафа"');
    });

    it('refuses an over-long or repeated query with a page in the reader’s language, and takes any text', async () => {
      const long = await search('en', 'permit '.repeat(20));
      expect(long.statusCode).toBe(400);
      expect(mainText(long.body)).toContain(translator('en')('search.tooLong', { max: 100 }));
      const repeated = await t.app.inject({ url: '/portale/fr/cerca?q=a&q=b' });
      expect(repeated.statusCode).toBe(422);
      expect(repeated.body).toContain('lang="fr"');
      for (const q of ["' & | ! ( ) :* <b>", 'نص\u200fمع', '\u{1F600}', '0'.repeat(100)]) {
        const response = await search('it', q);
        expect(response.statusCode, q).toBe(200);
      }
    });

    it('offers the search form in the header of every portal page, without scripts', async () => {
      for (const url of [
        '/portale/it',
        '/portale/ar/uffici',
        '/portale/uk/schede/ricongiungimento-familiare',
      ]) {
        const lang = url.split('/')[2] ?? '';
        const page = await t.app.inject({ url });
        expect(page.body, url).toContain(`<form action="/portale/${lang}/cerca" method="get">`);
        expect(page.body).toContain(
          `<label for="cerca-sito" class="vh">${translator(lang)('search.title')}</label>`,
        );
        expect(page.body).toContain('maxLength="100" name="q"');
      }
    });
  });
}
