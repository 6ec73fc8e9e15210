import { existsSync } from 'node:fs';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_ROOT } from '../src/kernel/web.ts';
import { CASE_STATUS_ATTEMPTS, CASE_STATUS_DOOR } from '../src/modules/cases/public/status.ts';
import { LANGUAGES } from '../src/modules/portal/languages.ts';
import { INSTITUTION, STYLESHEET, STYLESHEET_PATH } from '../src/modules/portal/layout.tsx';
import { startTestApp, stopTestApp, type TestApp } from './support/app.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';
import { form, mainText, openPortalOffice, type PortalOffice } from './support/portal.ts';

for (const backend of BACKENDS) {
  describe(`public portal on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    let office: PortalOffice;

    const page = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers });
    const postStatus = (lang: string, values: Record<string, string>, address = '203.0.113.1') =>
      t.app.inject({
        method: 'POST',
        url: `/portale/${lang}/stato`,
        remoteAddress: address,
        ...form(values),
      });
    const audit = (action: string) =>
      t.platform.database.db.selectFrom('auditEntry').selectAll().where('action', '=', action).execute();

    beforeAll(async () => {
      database = await openTestDatabase(backend);
      t = await startTestApp(database);
      office = await openPortalOffice(t);
    });

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
    });

    it('serves every page in every language with its lang and dir, and remembers the language', async () => {
      for (const { code, dir } of LANGUAGES)
        for (const place of [
          '',
          '/schede/ricongiungimento-familiare',
          '/stato',
          '/uffici',
          '/verifica',
          '/privacy',
          '/accessibilita',
        ]) {
          const response = await page(`/portale/${code}${place}`);
          expect(response.statusCode, `${code}${place}`).toBe(200);
          expect(response.body).toContain(`<html lang="${code}" dir="${dir}">`);
          expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
          expect(response.body).not.toMatch(/<script/);
          expect(response.cookies.find((c) => c.name === 'lovit_lingua')?.value).toBe(code);
          // the switcher leads to the same page in every other language
          for (const other of LANGUAGES)
            expect(response.body).toContain(`href="/portale/${other.code}${place}"`);
        }
    });

    it('sends a first visit to the language the browser or the cookie asks for', async () => {
      const arabic = await page('/portale', { 'accept-language': 'ar-EG,ar;q=0.9,en;q=0.5' });
      expect(arabic.statusCode).toBe(302);
      expect(arabic.headers.location).toBe('/portale/ar');
      const unknown = await page('/portale', { 'accept-language': 'xx, uk;q=0.4' });
      expect(unknown.headers.location).toBe('/portale/uk');
      const chosen = await page('/portale', { 'accept-language': 'ar', cookie: 'lovit_lingua=en' });
      expect(chosen.headers.location).toBe('/portale/en');
      expect((await page('/portale')).headers.location).toBe('/portale/it');
    });

    it('answers unknown languages and pages with a 404 page in the visitor’s language', async () => {
      const unknownLanguage = await page('/portale/xx/stato', { 'accept-language': 'uk' });
      expect(unknownLanguage.statusCode).toBe(404);
      expect(unknownLanguage.body).toContain('<html lang="uk" dir="ltr">');
      const unknownSheet = await page('/portale/ar/schede/non-esiste');
      expect(unknownSheet.statusCode).toBe(404);
      expect(unknownSheet.body).toContain('<html lang="ar" dir="rtl">');
      const unknownPage = await page('/portale/en/nothing/here', { accept: 'text/html' });
      expect(unknownPage.statusCode).toBe(404);
      expect(unknownPage.body).toContain('<html lang="en"');
      const badSheet = await page('/portale/it/schede/%3Cscript%3E');
      expect(badSheet.statusCode).toBe(404);
    });

    it('serves one small stylesheet, cached for a year', async () => {
      const home = await page('/portale/it');
      expect(home.body).toContain(`<link rel="stylesheet" href="${STYLESHEET_PATH}"/>`);
      const css = await page(STYLESHEET_PATH);
      expect(css.statusCode).toBe(200);
      expect(css.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(Buffer.byteLength(css.body)).toBeLessThan(12_000);
    });

    it('draws every public page in one layout, the council’s too, within 30 KB of HTML and stylesheet', async () => {
      for (const url of [
        '/portale/it',
        '/portale/ar/schede/ricongiungimento-familiare',
        '/portale/uk/uffici',
        '/portale/en/note-legali',
        '/consiglio-territoriale',
      ]) {
        const response = await page(url);
        expect(response.statusCode, url).toBe(200);
        const html = response.body;
        expect(html, url).toContain(
          `<a href="https://www.prefettura.it/lodi/" lang="it" dir="ltr">${INSTITUTION}</a>`,
        );
        expect(html, url).toMatch(/<a class="reserved" href="\/accesso">[^<]+<\/a>/);
        expect(html, url).toContain(`<link rel="stylesheet" href="${STYLESHEET_PATH}"/>`);
        expect(html, url).toMatch(
          /<footer class="foot">[\s\S]*href="\/portale\/[a-z]+\/note-legali"[\s\S]*<\/footer>/,
        );
        expect(html, url).not.toMatch(/<style|<script/);
        // the offices page carries the province's map: its budget is 80 KB
        const budget = url.endsWith('/uffici') ? 80 : 30;
        expect(Buffer.byteLength(html) + Buffer.byteLength(STYLESHEET), url).toBeLessThanOrEqual(
          budget * 1024,
        );
      }
      const council = await page('/consiglio-territoriale');
      expect(council.body).toContain('<html lang="it" dir="ltr">');
      expect(council.body).toContain(
        '<span aria-current="page">Consiglio territoriale per l’immigrazione</span>',
      );
      const legal = await page('/portale/it/note-legali');
      expect(mainText(legal.body)).toContain('in caso di dubbio vale il testo italiano');
      const arabic = await page('/portale/ar');
      expect(arabic.body).toContain('<a class="reserved" href="/accesso">دخول الموظفين</a>');
      expect(arabic.body).toContain('محافظة لودي <bdi dir="ltr" lang="it">(Prefettura)</bdi>');
      expect(arabic.body).toContain('<bdi dir="ltr">prefettura.lodi@interno.it</bdi>');
    });

    it('tells search engines each page’s address in every language, and a summary of it', async () => {
      const sheet = await page('/portale/uk/schede/ricongiungimento-familiare');
      const base = t.platform.config.publicUrl;
      expect(sheet.body).toContain(
        `<link rel="canonical" href="${base}/portale/uk/schede/ricongiungimento-familiare"/>`,
      );
      for (const { code } of LANGUAGES)
        expect(sheet.body).toContain(
          `<link rel="alternate" hrefLang="${code}" href="${base}/portale/${code}/schede/ricongiungimento-familiare"/>`,
        );
      expect(sheet.body).toContain(
        `<link rel="alternate" hrefLang="x-default" href="${base}/portale/it/schede/ricongiungimento-familiare"/>`,
      );
      const descriptions = await Promise.all(
        [
          '/portale/it',
          '/portale/it/uffici',
          '/portale/it/privacy',
          '/portale/it/schede/lavoro-subordinato',
        ].map(async (url) => /<meta name="description" content="([^"]+)"/.exec((await page(url)).body)?.[1]),
      );
      expect(new Set(descriptions).size).toBe(4);
      expect(descriptions.every((text) => text && text.length > 20)).toBe(true);
      const missing = await page('/portale/uk/schede/non-esiste');
      expect(missing.body).toContain('<meta name="robots" content="noindex"/>');
      expect(missing.body).not.toContain('rel="canonical"');
    });

    it('lists every public page in the sitemap, and keeps robots out of personal links', async () => {
      const base = t.platform.config.publicUrl;
      const robots = await page('/robots.txt');
      expect(robots.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(robots.body).toContain('Disallow: /portale/*/appuntamento');
      expect(robots.body).toContain(`Sitemap: ${base}/sitemap.xml`);
      const sitemap = await page('/sitemap.xml');
      expect(sitemap.statusCode).toBe(200);
      expect(sitemap.headers['content-type']).toBe('application/xml; charset=utf-8');
      const urls = [...sitemap.body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => match[1] ?? '');
      for (const url of [
        `${base}/portale/ar/schede/ricongiungimento-familiare`,
        `${base}/portale/zh/uffici`,
        `${base}/portale/bn/note-legali`,
        `${base}/consiglio-territoriale`,
      ])
        expect(urls).toContain(url);
      expect(new Set(urls).size).toBe(urls.length);
      for (const url of urls.slice(0, 40))
        expect((await page(url.slice(base.length))).statusCode, url).toBe(200);
    });

    it('compresses pages with Brotli or gzip, and says they vary with the browser’s encodings', async () => {
      const plain = await page('/portale/ar/schede/ricongiungimento-familiare');
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers.vary).toContain('accept-encoding');
      const brotli = await t.app.inject({
        url: '/portale/ar/schede/ricongiungimento-familiare',
        headers: { 'accept-encoding': 'br, gzip' },
      });
      expect(brotli.headers['content-encoding']).toBe('br');
      expect(brotli.headers.vary).toContain('accept-encoding');
      expect(brotliDecompressSync(brotli.rawPayload).toString()).toBe(plain.body);
      expect(brotli.rawPayload.byteLength).toBeLessThan(Buffer.byteLength(plain.body) / 3);
      const gzip = await t.app.inject({ url: STYLESHEET_PATH, headers: { 'accept-encoding': 'gzip' } });
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gzip.rawPayload).toString()).toBe(STYLESHEET);
    });

    it('opens the public site to a visitor at the root address, the back-office to a signed-in one', async () => {
      const visitor = await page('/', { 'accept-language': 'ar,it;q=0.5', accept: 'text/html' });
      expect(visitor.statusCode).toBe(302);
      expect(visitor.headers.location).toBe('/portale/ar');
      expect(visitor.headers.vary).toBe('accept-language, cookie');
      const staff = await page('/', { cookie: office.manager.cookie, accept: 'text/html' });
      expect(staff.headers.location).toBeUndefined();
      const built = existsSync(path.join(WEB_ROOT, 'index.html'));
      expect(staff.statusCode).toBe(built ? 200 : 404);
      if (built) expect(staff.body).toContain('<div id="root">');
    });

    it('shows a translated sheet with its draft label and its glossary, and the Italian one where untranslated', async () => {
      const arabic = await page('/portale/ar/schede/ricongiungimento-familiare');
      expect(arabic.body).toContain('<html lang="ar" dir="rtl">');
      expect(arabic.body).not.toContain('<div lang=');
      expect(arabic.body).toContain('<dfn>');
      const home = await page('/portale/it');
      for (const title of [
        'Nulla osta al lavoro subordinato',
        'Nulla osta al lavoro stagionale',
        'Nulla osta al ricongiungimento familiare',
        'Conversione del permesso di soggiorno',
      ])
        expect(home.body).toContain(title);
      const italian = await page('/portale/it/schede/lavoro-subordinato');
      for (const section of [
        'Che cos’è',
        'Chi può fare domanda',
        'Requisiti',
        'Documenti',
        'Come funziona',
        'Tempi',
        'Costi',
        'Dove e come',
        'Motivi frequenti di rifiuto',
      ])
        expect(italian.body).toContain(section);
      expect(italian.body).toContain('Bozza, non ancora verificata');
      const untranslated = await page('/portale/es/schede/lavoro-stagionale');
      expect(untranslated.statusCode).toBe(200);
      expect(untranslated.body).toContain('<html lang="es" dir="ltr">');
      expect(untranslated.body).toContain('<div lang="it" dir="ltr">');
    });

    it('tells the state of a case in plain words, and nothing else about it', async () => {
      const kase = await office.newCase(1);
      const response = await postStatus('en', {
        number: kase.number.toLowerCase(),
        passport: ` ${kase.passport.toLowerCase()} `,
        birthDate: kase.birthDate,
      });
      expect(response.statusCode).toBe(200);
      const text = mainText(response.body);
      expect(text).toContain(kase.number);
      expect(text).toContain('The application has been admitted within this year’s entry quota.');
      expect(text).toContain('The office must decide by');
      // nothing is asked of the applicant yet, so no list of documents to send
      expect(text).not.toContain('Copy of the passport');
      expect(response.body).not.toContain('Azienda Agricola');
      expect(response.body).not.toContain('HOSSAIN');
      expect(response.headers['cache-control']).toBe('no-store');
      const read = await audit('portal.case_status.read');
      expect(read.map((entry) => entry.entityId)).toContain(kase.id);
      expect(read[0]?.clientAddress).toBe('203.0.113.1');
    });

    it('gives one answer whatever field is wrong, audits it, and refuses malformed input with 400', async () => {
      const kase = await office.newCase(2);
      const right = { number: kase.number, passport: kase.passport, birthDate: kase.birthDate };
      const answers = await Promise.all(
        [
          { ...right, passport: 'X1234567' },
          { ...right, birthDate: '1970-01-01' },
          { ...right, number: 'LO-2026-999999' },
        ].map((values, index) => postStatus('uk', values, `198.51.100.${index + 1}`)),
      );
      expect(answers.map((answer) => answer.statusCode)).toEqual([404, 404, 404]);
      expect(new Set(answers.map((answer) => mainText(answer.body))).size).toBe(1);
      expect(answers[0]?.body).toContain('<html lang="uk" dir="ltr">');
      expect((await audit('portal.case_status.no_match')).map((e) => e.entityId)).toEqual(
        expect.arrayContaining([kase.number, 'LO-2026-999999']),
      );
      const malformed = await postStatus('uk', { ...right, number: 'LO 2026 12' });
      expect(malformed.statusCode).toBe(400);
      const badDate = await postStatus('uk', { ...right, birthDate: '1990-02-31' });
      expect(badDate.statusCode).toBe(400);
      const empty = await t.app.inject({ method: 'POST', url: '/portale/uk/stato', ...form({}) });
      expect(empty.statusCode).toBe(400);
    });

    it('takes a form from a browser where a staff member is signed in, acting for nobody', async () => {
      const kase = await office.newCase(4);
      const response = await t.app.inject({
        method: 'POST',
        url: '/portale/it/stato',
        remoteAddress: '203.0.113.5',
        headers: { cookie: office.manager.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          number: kase.number,
          passport: kase.passport,
          birthDate: kase.birthDate,
        }).toString(),
      });
      expect(response.statusCode).toBe(200);
      const read = (await audit('portal.case_status.read')).find((entry) => entry.entityId === kase.id);
      expect(read).toMatchObject({ actorUserId: null, actorLabel: 'anonimo' });
    });

    it('slows an address that keeps guessing a case number, never its applicant elsewhere', async () => {
      const kase = await office.newCase(3);
      const right = { number: kase.number, passport: kase.passport, birthDate: kase.birthDate };
      for (let i = 0; i <= CASE_STATUS_ATTEMPTS.freeFailures; i++)
        expect((await postStatus('it', { ...right, passport: `WRONG${i}00` }, '192.0.2.7')).statusCode).toBe(
          404,
        );
      const refused = await postStatus('it', right, '192.0.2.7');
      expect(refused.statusCode).toBe(429);
      expect(refused.headers['retry-after']).toBe(String(CASE_STATUS_ATTEMPTS.firstDelaySeconds));
      expect(mainText(refused.body)).toContain('Troppi tentativi per questa pratica');
      expect((await audit('portal.case_status.refused')).map((e) => e.entityId)).toContain(kase.number);
      expect((await postStatus('it', right, '192.0.2.99')).statusCode).toBe(200);
      t.clock.advance(CASE_STATUS_ATTEMPTS.firstDelaySeconds * 1000);
      expect((await postStatus('it', right, '192.0.2.7')).statusCode).toBe(200);
    });

    it('counts every one of many parallel wrong look-ups, and lets none past a wait', async () => {
      const kase = await office.newCase(2);
      const wrong = { number: kase.number, passport: 'WRONG000', birthDate: kase.birthDate };
      const fromOne = await Promise.all(
        Array.from({ length: 10 }, () => postStatus('it', wrong, '198.18.1.1')),
      );
      const checked = CASE_STATUS_ATTEMPTS.freeFailures + 1;
      expect(fromOne.map((answer) => answer.statusCode).sort()).toEqual([
        ...Array(checked).fill(404),
        ...Array(10 - checked).fill(429),
      ]);
      const fromMany = await Promise.all(
        Array.from({ length: 40 }, (_, i) => postStatus('it', wrong, `198.18.0.${i + 1}`)),
      );
      expect(fromMany.map((answer) => answer.statusCode)).toEqual(Array(40).fill(404));
      const counts = await t.platform.database.db
        .selectFrom('failedAttempt')
        .select(['address', 'failures'])
        .where('door', '=', CASE_STATUS_DOOR)
        .where('subject', '=', kase.number)
        .where('address', 'in', ['*', '198.18.1.1'])
        .orderBy('address')
        .execute();
      expect(counts).toEqual([
        { address: '*', failures: 40 + checked },
        { address: '198.18.1.1', failures: checked },
      ]);
      const noMatch = (await audit('portal.case_status.no_match')).filter((e) => e.entityId === kase.number);
      const refused = (await audit('portal.case_status.refused')).filter((e) => e.entityId === kase.number);
      expect([noMatch.length, refused.length]).toEqual([40 + checked, 10 - checked]);
    });

    it('limits look-ups per address with a page in the language', async () => {
      const statuses: number[] = [];
      const attempt = (i: number) =>
        postStatus(
          'ar',
          {
            number: `LO-2026-1000${String(i).padStart(2, '0')}`,
            passport: 'AB12345',
            birthDate: '1990-01-01',
          },
          '203.0.113.77',
        );
      for (let i = 0; i < 10; i++) statuses.push((await attempt(i)).statusCode);
      expect(statuses).toEqual(Array(10).fill(404));
      const last = await attempt(10);
      expect(last.statusCode).toBe(429);
      expect(last.body).toContain('<html lang="ar" dir="rtl">');
    });

    it('lists the desks with their opening hours in the language, and the other offices', async () => {
      const offices = await page('/portale/fr/uffici');
      expect(offices.body).toContain('Sportello 1');
      expect(offices.body).toContain('lundi');
      expect(offices.body).toContain('09:00–12:00');
      expect(offices.body).toContain('prefettura.lodi@interno.it');
      expect(offices.body).toContain('0371 4441');
    });

    it('checks a document code in the language, 404 for an unknown one', async () => {
      const form = await page('/portale/es/verifica?codice=ABCD-EFGH');
      expect(form.statusCode).toBe(303);
      expect(form.headers.location).toBe('/portale/es/verifica/ABCD-EFGH');
      const unknown = await page('/portale/es/verifica/ABCD-EFGH');
      expect(unknown.statusCode).toBe(404);
      expect(unknown.body).toContain('<html lang="es" dir="ltr">');
    });

    it('leads the address printed on documents to the check in the visitor’s language', async () => {
      const arabic = await page('/verifica/ABCD-EFGH', { 'accept-language': 'ar-MA,fr;q=0.8' });
      expect(arabic.statusCode).toBe(303);
      expect(arabic.headers.location).toBe('/portale/ar/verifica/ABCD-EFGH');
      expect(arabic.headers.vary).toBe('accept-language, cookie');
      const chosen = await page('/verifica/ABCD%20EFGH', {
        'accept-language': 'ar',
        cookie: 'lovit_lingua=uk',
      });
      expect(chosen.headers.location).toBe('/portale/uk/verifica/ABCD%20EFGH');
      expect((await page('/verifica/ABCD-EFGH')).headers.location).toBe('/portale/it/verifica/ABCD-EFGH');
      const typed = await page('/verifica?codice=%20ABCD-EFGH%20', { 'accept-language': 'en' });
      expect(typed.headers.location).toBe('/portale/en/verifica/ABCD-EFGH');
      expect((await page('/verifica', { 'accept-language': 'ro' })).headers.location).toBe(
        '/portale/ro/verifica',
      );
      const tooLong = await page(`/verifica/${'A'.repeat(41)}`, { 'accept-language': 'ru' });
      expect(tooLong.headers.location).toBe('/portale/ru/verifica');
    });

    it('keeps the language for the whole site, replacing the cookie kept under /portale', async () => {
      const response = await page('/portale/zh/privacy', { cookie: 'lovit_lingua=it' });
      const cookies = response.cookies.filter((cookie) => cookie.name === 'lovit_lingua');
      expect(cookies.map((cookie) => [cookie.path, cookie.value])).toEqual([
        ['/', 'zh'],
        ['/portale', ''],
      ]);
    });
  });
}
