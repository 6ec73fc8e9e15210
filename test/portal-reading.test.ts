import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as glossaryMigration from '../src/db/migrations/20261208T0800-glossary-validation.ts';
import { LANGUAGES, translator } from '../src/modules/portal/languages.ts';
import { PAGE_CACHE_MS } from '../src/modules/portal/page-cache.ts';
import { loadPortalContent } from '../src/modules/portal/sheets/content.ts';
import { startTestApp, stopTestApp, type TestApp } from './support/app.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';
import { mainText, openPortalOffice, type PortalOffice } from './support/portal.ts';

const SHIPPED = ['it', 'en', 'fr', 'ar', 'uk'];

/** The text of one section of a sheet page, by its anchor. */
const section = (html: string, id: string) =>
  mainText(
    `<main>${new RegExp(`<section aria-labelledby="${id}">([\\s\\S]*?)</section>`).exec(html)?.[1] ?? ''}</main>`,
  );

/** The card of one office on the offices page, by its anchor. */
const officeCard = (html: string, key: string) =>
  new RegExp(`<section class="card" aria-labelledby="${key}">([\\s\\S]*?)</section>`).exec(html)?.[1] ?? '';

for (const backend of BACKENDS) {
  describe(`what the portal's pages say, and how right-to-left pages show it, on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    let office: PortalOffice;
    const page = async (url: string) => {
      const response = await t.app.inject({ url });
      expect(response.statusCode).toBe(200);
      return response.body;
    };

    beforeAll(async () => {
      database = await openTestDatabase(backend);
      t = await startTestApp(database);
      office = await openPortalOffice(t);
    });

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
    });

    it('isolates telephone numbers, e-mail addresses and Italian words in the text of Arabic sheets and search', async () => {
      const asylum = await page('/portale/ar/schede/asilo');
      expect(asylum).toContain('المقسم: <bdi dir="ltr">0371 4441</bdi>');
      const citizenship = await page('/portale/ar/schede/cittadinanza');
      expect(citizenship).toContain('<bdi dir="ltr">prefettura.lodi@interno.it</bdi>');
      const work = await page('/portale/ar/schede/lavoro-subordinato');
      expect(work).toContain('<bdi dir="ltr" lang="it">(nulla osta)</bdi>');
      expect(work).toContain('<dfn><bdi dir="ltr" lang="it">click day</bdi></dfn>');
      // a lone number needs no isolation: the pages stay light
      expect(work).not.toMatch(/<bdi dir="ltr">\d+<\/bdi>/);
      const found = await page(`/portale/ar/cerca?q=${encodeURIComponent('المقسم')}`);
      expect(found).toContain('<bdi dir="ltr">0371 4441</bdi>');
      expect(await page('/portale/it/schede/asilo')).not.toContain('<bdi dir="ltr">0371 4441</bdi>');
      expect(await page('/portale/uk/schede/asilo')).not.toContain('<bdi dir="ltr">0371');
    });

    it('marks the Italian text of right-to-left pages as Italian written left to right', async () => {
      const home = await page('/portale/ur');
      expect(home).toMatch(/<a href="\/portale\/ur\/schede\/asilo" lang="it" dir="ltr">/);
      expect(home).toMatch(/<p class="meta" lang="it" dir="ltr">/);
      const untranslated = await page('/portale/ur/schede/lavoro-casi-particolari');
      expect(untranslated).toContain('<h1 lang="it" dir="ltr">Nulla osta al lavoro fuori quota');
      expect(await page('/portale/ar/schede/lavoro-casi-particolari')).toMatch(/<h1>[^<]/);
      const offices = await page('/portale/ar/uffici');
      expect(offices).toContain('<h2 id="questura" lang="it" dir="ltr">Questura di Lodi');
      expect(offices).toMatch(/<h2 id="sportello-1" lang="it" dir="ltr">Sportello Unico/);
      expect(offices).toMatch(/<dd lang="it" dir="ltr">Prefettura di Lodi, Corso Umberto I 40/);
      expect(await page('/portale/it/uffici')).toContain('<h2 id="questura">Questura di Lodi');
      const found = await page(`/portale/ur/cerca?q=${encodeURIComponent('ricongiungimento')}`);
      expect(found).toMatch(
        /<a href="\/portale\/ur\/schede\/ricongiungimento-familiare" lang="it" dir="ltr">/,
      );
      expect(found).toMatch(/<p class="meta" lang="it" dir="ltr"><span>/);
    });

    it('requires two years of residence for the spouse, the disabled adult children and the parents, with its source', async () => {
      const expected: Record<string, string[]> = {
        it: ['figli maggiorenni a carico con invalidità totale', 'art. 29 c.1 lettere a, c e d'],
        en: ['dependent adult children with total disability', 'art. 29(1)(a), (c) and (d)'],
        fr: ['enfants majeurs à charge atteints d’une invalidité totale', 'art. 29 al. 1 lettres a, c et d'],
        ar: ['والأبناء البالغين المُعالين ذوي العجز الكلي', 'المادة 29 الفقرة 1'],
        uk: ['повнолітніх дітей на утриманні з повною непрацездатністю', 'ст. 29 ч. 1 пункти a, c і d'],
      };
      for (const lang of SHIPPED) {
        const requirements = section(
          await page(`/portale/${lang}/schede/ricongiungimento-familiare`),
          'requirements',
        );
        for (const words of expected[lang] ?? []) expect(requirements, lang).toContain(words);
      }
    });

    it('gives no time limit for a conversion the sources do not give, and says who tells it', async () => {
      const expected: Record<string, string> = {
        it: 'Lo Sportello comunica i tempi quando convoca il richiedente',
        en: 'The Desk tells you the times when it calls you in',
        fr: 'Le Guichet communique les délais quand il convoque le demandeur',
        ar: 'يبلّغ الشباك بالمواعيد عندما يستدعي مقدم الطلب',
        uk: 'Бюро повідомляє строки, коли запрошує заявника',
      };
      for (const lang of SHIPPED) {
        const limits = section(await page(`/portale/${lang}/schede/conversione-permesso`), 'timeLimits');
        expect(limits, lang).toContain(expected[lang]);
        expect(limits, lang).not.toMatch(/60|30/);
      }
    });

    it('brings the corrected wording to an existing install whose texts nobody touched', async () => {
      const { db } = t.platform.database;
      const shipped = await db
        .selectFrom('procedureSheetText')
        .select('content')
        .where('sheetCode', '=', 'conversione-permesso')
        .where('language', '=', 'en')
        .executeTakeFirstOrThrow();
      const old = JSON.stringify({
        ...(shipped.content as object),
        timeLimits: 'The Desk decides within 60 days.',
      });
      await db
        .updateTable('procedureSheetText')
        .set({ content: old, publishedContent: old })
        .where('sheetCode', '=', 'conversione-permesso')
        .where('language', '=', 'en')
        .execute();
      await loadPortalContent(t.platform);
      t.clock.advance(PAGE_CACHE_MS);
      const limits = section(await page('/portale/en/schede/conversione-permesso'), 'timeLimits');
      expect(limits).not.toContain('60 days');
      expect(limits).toContain('The Desk tells you the times');
    });

    it('tells to call the Questura’s switchboard, with its source, in every language, never "by appointment only"', async () => {
      for (const { code } of LANGUAGES) {
        const t_ = translator(code);
        const html = await page(`/portale/${code}/uffici`);
        const police = mainText(`<main>${officeCard(html, 'questura')}</main>`);
        expect(police, code).toContain(t_('offices.callSwitchboard'));
        expect(police, code).toContain('0371 4441');
        expect(police, code).toContain(
          `${t_('offices.source')} notizie del sito della Questura di Lodi, 2023`,
        );
        expect(police, code).not.toContain(t_('offices.byAppointment'));
        expect(mainText(`<main>${officeCard(html, 'sportello-1')}</main>`), code).toContain(
          t_('offices.byAppointment'),
        );
      }
    });

    it('labels glossary words no reviewer has checked as drafts, in search and on sheets, until one publishes them', async () => {
      const draft = translator('en')('provenance.draft');
      const glossaryOf = (html: string) =>
        /<section aria-labelledby="risultati-glossario">([\s\S]*?)<\/section>/.exec(html)?.[1] ?? '';
      const before = glossaryOf(await page('/portale/en/cerca?q=click+day'));
      expect(mainText(`<main>${before}</main>`)).toMatch(
        /click day .*The day on which .* Draft, not yet checked/,
      );
      const sheet = section(await page('/portale/en/schede/lavoro-subordinato'), 'glossario');
      expect(sheet).toMatch(/click day The day on which [^.]*\. Draft, not yet checked/);
      const untranslated = await page('/portale/ro/schede/lavoro-subordinato');
      expect(untranslated).toContain(
        `<p class="meta" lang="ro" dir="ltr"><span class="tag">${translator('ro')('provenance.draft')}</span></p>`,
      );

      const mediator = await office.member('mediator');
      const set = await t.app.inject({
        method: 'PUT',
        url: `/api/mediators/${mediator.id}/languages`,
        headers: office.manager.headers,
        payload: { languages: ['en'] },
      });
      expect(set.statusCode).toBe(200);
      const communications = (await office.member('communications')).session;
      const step = async (headers: Record<string, string>, action: 'review' | 'publish') =>
        (await t.app.inject({ method: 'POST', url: `/api/portal/glossary/en/click-day/${action}`, headers }))
          .statusCode;
      const saved = await t.app.inject({
        method: 'PUT',
        url: '/api/portal/glossary/en/click-day',
        headers: mediator.session.headers,
        payload: { term: 'click day', definition: 'The day on which applications are sent, checked.' },
      });
      expect(saved.statusCode).toBe(200);
      expect(await step(mediator.session.headers, 'review')).toBe(200);
      expect(await step(communications.headers, 'publish')).toBe(200);
      const after = mainText(`<main>${glossaryOf(await page('/portale/en/cerca?q=click+day'))}</main>`);
      expect(after).toContain('checked.');
      expect(after).not.toContain(draft);
      const reviewed = section(await page('/portale/en/schede/lavoro-subordinato'), 'glossario');
      expect(reviewed).toMatch(/click day The day on which applications are sent, checked\. (?!Draft)/);
    });

    it('keeps on an existing install the reviewer of a term only where the published words are the ones reviewed', async () => {
      const db = database.db as unknown as Kysely<unknown>;
      await glossaryMigration.down(db);
      await glossaryMigration.up(db);
      const terms = await database.db
        .selectFrom('glossaryTerm')
        .select(['language', 'termKey', 'publishedReviewedBy'])
        .execute();
      const reviewed = terms.filter((term) => term.publishedReviewedBy !== null);
      expect(reviewed.map((term) => `${term.language}/${term.termKey}`)).toEqual(['en/click-day']);
      expect(terms.length).toBeGreaterThan(10);
    });
  });
}
