import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as provenanceMigration from '../src/db/migrations/20261207T0500-sheet-provenance-and-feedback.ts';
import { translator } from '../src/modules/portal/languages.ts';
import { STYLESHEET } from '../src/modules/portal/layout.tsx';
import { PAGE_CACHE_MS } from '../src/modules/portal/page-cache.ts';
import { loadPortalContent } from '../src/modules/portal/sheets/content.ts';
import { startTestApp, stopTestApp, type TestApp } from './support/app.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';
import type { Session } from './support/identity.ts';
import { form, mainText, openPortalOffice, type PortalOffice } from './support/portal.ts';

const CODE = 'ricongiungimento-familiare';
const SHEETS = [
  'lavoro-subordinato',
  'lavoro-casi-particolari',
  'lavoro-stagionale',
  'conversione-permesso',
  'ricongiungimento-familiare',
  'accordo-integrazione',
  'test-italiano',
  'cittadinanza',
  'rinnovo-permesso',
  'asilo',
];

for (const backend of BACKENDS) {
  describe(`procedure sheets and their translation workflow on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    let office: PortalOffice;
    let communications: Session;
    let lawyer: Session;
    let englishMediator: Session;
    let arabicMediator: Session;

    const call = (session: Session, method: 'GET' | 'PUT' | 'POST', url: string, payload?: object) =>
      t.app.inject({ method, url, headers: session.headers, ...(payload ? { payload } : {}) });
    const texts = async (session: Session) =>
      (await call(session, 'GET', '/api/portal/sheets')).json() as {
        code: string;
        language: string;
        status: string;
        revision: number;
        sourceRevision: number | null;
        outOfDate: boolean;
        content: Record<string, string>;
        provenance: { author: string; translation: string | null; translator: string | null } | null;
      }[];
    const textOf = async (language: string) =>
      (await texts(communications)).find((text) => text.code === CODE && text.language === language);
    const publicPage = async (lang: string) =>
      mainText((await t.app.inject({ url: `/portale/${lang}/schede/${CODE}` })).body);

    beforeAll(async () => {
      database = await openTestDatabase(backend);
      t = await startTestApp(database);
      office = await openPortalOffice(t);
      communications = (await office.member('communications')).session;
      lawyer = (await office.member('legal_expert')).session;
      const mediator = async (languages: string[]) => {
        const { id, session } = await office.member('mediator');
        const set = await call(office.manager, 'PUT', `/api/mediators/${id}/languages`, { languages });
        expect(set.statusCode).toBe(200);
        return session;
      };
      englishMediator = await mediator(['en']);
      arabicMediator = await mediator(['ar']);
    });

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
    });

    it('ships a sheet for every procedure in five languages, as drafts the public reads with that label', async () => {
      const all = await texts(communications);
      const codes = all.filter((text) => text.language === 'it').map((text) => text.code);
      expect(codes.sort()).toEqual(SHEETS.toSorted());
      for (const code of SHEETS)
        for (const language of ['it', 'en', 'fr', 'ar', 'uk'])
          expect(all.find((text) => text.code === code && text.language === language)).toMatchObject({
            status: 'DRAFT',
            revision: 1,
            reviewedAt: null,
            publishedRevision: 1,
            publishedReview: null,
          });
      expect(all.find((text) => text.language === 'en')?.provenance).toEqual({
        author: 'Gruppo di lavoro del progetto LOVIT, Prefettura di Lodi',
        translation: 'MACHINE',
        translator: null,
      });
      expect(await loadPortalContent(t.platform)).toBe(0);

      const italian = await publicPage('it');
      expect(italian).toContain('Bozza, non ancora verificata');
      expect(italian).toContain('Scritto da Gruppo di lavoro del progetto LOVIT, Prefettura di Lodi');
      expect(italian).not.toMatch(/Verificato da|Ultima revisione/);
      const english = await publicPage('en');
      expect(english).toContain('Draft, not yet checked');
      expect(english).toContain('Machine translation · Draft, not yet checked');
      expect(await publicPage('uk')).toContain('Чернетка, ще не перевірена');
    });

    it('shows the sheet in three steps, with pictograms, folded references, its languages and a feedback form', async () => {
      const html = (await t.app.inject({ url: `/portale/ar/schede/${CODE}` })).body;
      const text = mainText(html);
      expect(text).toContain('في 3 خطوات');
      expect(html.match(/<svg class="pict"/g)).toHaveLength(4);
      expect(html).toMatch(/<details class="refs"><summary>المراجع القانونية<\/summary>/);
      expect(text).toContain('اللغات التي يمكن قراءة هذه الصفحة بها');
      const list = /<ul class="langlist">(.*?)<\/ul>/.exec(html)?.[1] ?? '';
      const listed = [...list.matchAll(/href="\/portale\/([a-z]+)\/schede\//g)].map((m) => m[1]);
      expect(listed).toEqual(['it', 'ar', 'en', 'fr', 'uk']);
      expect(html).toContain(
        `<form class="card feedback" action="/portale/ar/schede/${CODE}/utile" method="post">`,
      );
      expect(html).not.toMatch(/[0-9]{4}-[0-9]{2}-[0-9]{2}|\[P\]|\[V\]|non verificata,/);

      const romanian = (await t.app.inject({ url: `/portale/ro/schede/${CODE}` })).body;
      expect(mainText(romanian)).toContain('Această fișă nu este încă tradusă');
      expect(romanian).toContain('<div lang="it" dir="ltr"><p>Il nulla osta al ricongiungimento');
      expect(mainText(romanian)).toContain('Ciornă, încă neverificată');
    });

    it('states the figures and offices it gives with their source and date, and where to ask for the ones it lacks', async () => {
      const sheet = async (lang: string, code: string) =>
        mainText((await t.app.inject({ url: `/portale/${lang}/schede/${code}` })).body);
      const expected: Record<string, string[]> = {
        it: ['imputata alla quota', 'DL 146/2025', 'quello del 2026', 'art. 29 c.3', 'Il Cittadino', '2023'],
        en: [
          'allocated to the quota',
          'DL 146/2025',
          'the 2026 amount',
          'art. 29(3)',
          'Il Cittadino',
          '2023',
        ],
        fr: ['imputée au quota', 'DL 146/2025', 'celui de 2026', 'art. 29 al. 3', 'Il Cittadino', '2023'],
        ar: ['احتساب الطلب ضمن الحصة', '146/2025', 'سنة 2026', 'المادة 29 الفقرة 3', 'Il Cittadino', '2023'],
        uk: ['зараховано до квоти', 'DL 146/2025', 'на 2026 рік', 'ст. 29 ч. 3', 'Il Cittadino', '2023'],
      };
      for (const [lang, [imputation, decree, year, rule, newspaper, questura]] of Object.entries(expected)) {
        const seasonal = await sheet(lang, 'lavoro-stagionale');
        expect(seasonal, lang).toContain(imputation);
        expect(seasonal, lang).toContain(decree);
        const family = await sheet(lang, CODE);
        expect(family, lang).toContain(year);
        expect(family, lang).toContain(rule);
        const citizenship = await sheet(lang, 'cittadinanza');
        expect(citizenship, lang).toContain('prefettura.lodi@interno.it');
        expect(citizenship, lang).toContain(newspaper);
        for (const code of ['rinnovo-permesso', 'asilo']) {
          const police = await sheet(lang, code);
          expect(police, `${lang} ${code}`).toContain('0371 4441');
          expect(police, `${lang} ${code}`).toContain(questura);
        }
      }
    });

    it('brings the new wording of a shipped text nobody has touched to an existing install, never over an edit', async () => {
      const { db } = t.platform.database;
      const shipped = await db
        .selectFrom('procedureSheetText')
        .select('content')
        .where('sheetCode', '=', 'rinnovo-permesso')
        .where('language', '=', 'it')
        .executeTakeFirstOrThrow();
      const old = JSON.stringify({ ...(shipped.content as object), whereHow: 'Vecchio.' });
      await db
        .updateTable('procedureSheetText')
        .set({ content: old, publishedContent: old })
        .where('sheetCode', '=', 'rinnovo-permesso')
        .where('language', 'in', ['it', 'fr'])
        .execute();
      await db
        .updateTable('procedureSheetText')
        .set({ editedBy: (await office.member('legal_expert')).id })
        .where('sheetCode', '=', 'rinnovo-permesso')
        .where('language', '=', 'fr')
        .execute();
      t.clock.advance(PAGE_CACHE_MS);
      expect(mainText((await t.app.inject({ url: '/portale/it/schede/rinnovo-permesso' })).body)).toContain(
        'Vecchio.',
      );
      await loadPortalContent(t.platform);
      expect(mainText((await t.app.inject({ url: '/portale/it/schede/rinnovo-permesso' })).body)).toContain(
        'non sono ancora verificati da questa scheda',
      );
      expect(mainText((await t.app.inject({ url: '/portale/fr/schede/rinnovo-permesso' })).body)).toContain(
        'Vecchio.',
      );
      const [loaded] = await db
        .selectFrom('auditEntry')
        .select('data')
        .where('action', '=', 'portal.content.load')
        .orderBy('seq', 'desc')
        .limit(1)
        .execute();
      expect(loaded?.data).toMatchObject({ after: { updated: ['rinnovo-permesso/it'] } });
    });

    it('keeps every sheet page within 30 KB of HTML and stylesheet in Italian, Arabic and Ukrainian', async () => {
      for (const code of SHEETS)
        for (const lang of ['it', 'ar', 'uk']) {
          const page = await t.app.inject({ url: `/portale/${lang}/schede/${code}` });
          expect(page.statusCode).toBe(200);
          expect(
            Buffer.byteLength(page.body) + Buffer.byteLength(STYLESHEET),
            `${code} ${lang}`,
          ).toBeLessThan(30 * 1024);
        }
    });

    it('publishes a new Italian text only after the legal expert’s review, and marks translations out of date', async () => {
      const italian = await textOf('it');
      const content = {
        ...italian?.content,
        timeLimits: 'Lo Sportello decide entro 150 giorni: testo aggiornato.',
      };
      const draft = await call(communications, 'PUT', `/api/portal/sheets/${CODE}/it`, content);
      expect(draft.statusCode).toBe(200);
      expect(draft.json()).toMatchObject({ status: 'DRAFT', revision: 2, publishedRevision: 1 });
      expect(await publicPage('it')).not.toContain('testo aggiornato');

      expect((await call(communications, 'POST', `/api/portal/sheets/${CODE}/it/publish`)).statusCode).toBe(
        409,
      );
      expect((await call(communications, 'POST', `/api/portal/sheets/${CODE}/it/review`)).statusCode).toBe(
        403,
      );
      expect((await call(englishMediator, 'POST', `/api/portal/sheets/${CODE}/it/review`)).statusCode).toBe(
        403,
      );
      const reviewed = await call(lawyer, 'POST', `/api/portal/sheets/${CODE}/it/review`);
      expect(reviewed.json()).toMatchObject({ status: 'REVIEWED' });
      const published = await call(communications, 'POST', `/api/portal/sheets/${CODE}/it/publish`);
      expect(published.json()).toMatchObject({ status: 'PUBLISHED', publishedRevision: 2 });

      const validated = await publicPage('it');
      expect(validated).toContain('testo aggiornato');
      expect(validated).toContain('Verificato da Mario Rossi (esperto legale) il 2 marzo 2026');
      // the sheet is no longer a draft; its glossary words, still unchecked, keep their own label
      const html = (await t.app.inject({ url: `/portale/it/schede/${CODE}` })).body;
      expect(html).not.toContain('class="card draft"');
      expect(/<section class="provenance"[\s\S]*?<\/section>/.exec(html)?.[0]).not.toContain(
        'Bozza, non ancora verificata',
      );
      expect(await textOf('en')).toMatchObject({ outOfDate: true });
      expect(await publicPage('en')).toContain('The Italian text of this sheet has changed');
      expect(await publicPage('ar')).toContain('تغيّر النص الإيطالي');
    });

    it('has a translation reviewed by a mediator of its language, and then it is up to date again', async () => {
      const english = await textOf('en');
      const content = { ...english?.content, timeLimits: 'The Desk decides within 150 days: updated text.' };
      const draft = await call(englishMediator, 'PUT', `/api/portal/sheets/${CODE}/en`, content);
      expect(draft.json()).toMatchObject({ status: 'DRAFT', revision: 2, sourceRevision: 2 });
      expect((await call(arabicMediator, 'POST', `/api/portal/sheets/${CODE}/en/review`)).statusCode).toBe(
        403,
      );
      expect((await call(lawyer, 'POST', `/api/portal/sheets/${CODE}/en/review`)).statusCode).toBe(403);
      expect((await call(englishMediator, 'POST', `/api/portal/sheets/${CODE}/en/review`)).statusCode).toBe(
        200,
      );
      expect((await call(englishMediator, 'POST', `/api/portal/sheets/${CODE}/en/publish`)).statusCode).toBe(
        403,
      );
      expect((await call(lawyer, 'POST', `/api/portal/sheets/${CODE}/en/publish`)).json()).toMatchObject({
        status: 'PUBLISHED',
        outOfDate: false,
      });
      const page = await publicPage('en');
      expect(page).toContain('updated text');
      expect(page).not.toContain('has changed since');
      expect(page).toContain(
        'Translated by Mario Rossi · Checked by Mario Rossi (language mediator) on 2 March 2026',
      );
      expect(page).toMatch(/English \(checked\)/);
      expect(page).toMatch(/Français \(draft\)/);
      const trail = await t.platform.database.db
        .selectFrom('auditEntry')
        .select('action')
        .where('entityId', '=', `${CODE}/en`)
        .orderBy('seq')
        .execute();
      expect(trail.map((entry) => entry.action)).toEqual([
        'portal.sheet.edit',
        'portal.sheet.review',
        'portal.sheet.publish',
      ]);
    });

    it('starts a new translation as a draft the public does not see', async () => {
      const italian = await textOf('it');
      const draft = await call(communications, 'PUT', `/api/portal/sheets/${CODE}/ro`, {
        ...italian?.content,
        title: 'Autorizație de reîntregire a familiei',
      });
      expect(draft.json()).toMatchObject({ status: 'DRAFT', revision: 1, sourceRevision: 2 });
      expect(await publicPage('ro')).not.toContain('Autorizație de reîntregire');
    });

    it('refuses bad input, unknown sheets and languages, and users without the permission', async () => {
      const italian = await textOf('it');
      const missing = await call(communications, 'PUT', `/api/portal/sheets/${CODE}/it`, {
        title: 'Solo il titolo',
      });
      expect(missing.statusCode).toBe(400);
      expect(missing.headers['content-type']).toContain('application/problem+json');
      expect(
        (await call(communications, 'PUT', `/api/portal/sheets/non-esiste/it`, italian?.content)).statusCode,
      ).toBe(404);
      expect(
        (await call(communications, 'PUT', `/api/portal/sheets/${CODE}/xx`, italian?.content)).statusCode,
      ).toBe(404);
      expect(
        (await call(communications, 'PUT', `/api/portal/sheets/${CODE}/EN`, italian?.content)).statusCode,
      ).toBe(400);
      expect((await call(office.manager, 'GET', '/api/portal/sheets')).statusCode).toBe(403);
      expect((await t.app.inject({ url: '/api/portal/sheets' })).statusCode).toBe(401);
      expect((await textOf('it'))?.revision).toBe(2);
    });

    it('refuses invisible direction controls and unreadable characters, naming the field, and never shows them', async () => {
      const italian = await textOf('it');
      const reversed = await call(communications, 'PUT', `/api/portal/sheets/${CODE}/it`, {
        ...italian?.content,
        title: 'Permesso \u202Eotanimret',
      });
      expect(reversed.statusCode).toBe(400);
      expect(reversed.headers['content-type']).toContain('application/problem+json');
      expect(reversed.json().errors).toEqual([
        {
          path: 'body.title',
          message: 'il testo contiene caratteri invisibili che ne invertono la direzione',
        },
      ]);
      const lone = await call(communications, 'PUT', `/api/portal/sheets/${CODE}/it`, {
        ...italian?.content,
        costs: 'Marca da bollo \uD800 da 16 euro.',
      });
      expect(lone.json().errors).toEqual([expect.objectContaining({ path: 'body.costs' })]);
      const invalidUtf8 = await t.app.inject({
        method: 'PUT',
        url: '/api/portal/glossary/it/nulla-osta',
        headers: { ...communications.headers, 'content-type': 'application/json' },
        payload: Buffer.concat([
          Buffer.from('{"term":"nulla osta","definition":"Atto '),
          Buffer.from([0xc3, 0x28]),
          Buffer.from(' rilasciato"}'),
        ]),
      });
      expect(invalidUtf8.statusCode).toBe(400);
      expect(invalidUtf8.json().errors).toEqual([
        {
          path: 'body.definition',
          message:
            'il testo contiene caratteri non leggibili: riscriverlo o ricopiarlo da un documento integro',
        },
      ]);
      const isolate = await call(lawyer, 'PUT', '/api/portal/glossary/it/nulla-osta', {
        term: 'nulla osta\u2066',
        definition: 'Atto che permette di chiedere il visto.',
      });
      expect(isolate.json().errors).toEqual([expect.objectContaining({ path: 'body.term' })]);
      expect((await textOf('it'))?.revision).toBe(2);
      const page = (await t.app.inject({ url: `/portale/it/schede/${CODE}` })).body;
      expect(page).not.toMatch(/[\u202A-\u202E\u2066-\u2069\uFFFD]/);
    });

    it('lets the glossary be written per language and shows the terms where they appear', async () => {
      const saved = await call(lawyer, 'PUT', '/api/portal/glossary/it/ricorso', {
        term: 'ricorso',
        definition: 'La domanda al giudice di annullare un provvedimento.',
      });
      expect(saved.statusCode).toBe(200);
      const terms = await call(lawyer, 'GET', '/api/portal/glossary');
      expect(terms.statusCode).toBe(200);
      expect(terms.json()).toContainEqual({
        language: 'it',
        termKey: 'ricorso',
        term: 'ricorso',
        definition: 'La domanda al giudice di annullare un provvedimento.',
        status: 'DRAFT',
        publishedTerm: null,
        publishedDefinition: null,
      });
      expect((await call(office.manager, 'GET', '/api/portal/glossary')).statusCode).toBe(403);
      const page = await publicPage('it');
      expect(page).toContain('idoneità alloggiativa');
      expect(page).toContain('Parole della legge spiegate');
      expect(page).not.toContain('La domanda al giudice di annullare');
      expect(await (await t.app.inject({ url: '/portale/it/schede/lavoro-subordinato' })).body).toContain(
        'click day',
      );
    });

    it('publishes a glossary term only after the review of someone allowed for its language', async () => {
      const shipped = (await call(communications, 'GET', '/api/portal/glossary'))
        .json()
        .find(
          (term: { language: string; termKey: string }) =>
            term.language === 'en' && term.termKey === 'nulla-osta',
        );
      const url = `/api/portal/glossary/en/${shipped.termKey}`;
      expect(await publicPage('en')).toContain(shipped.definition);
      const draft = await call(arabicMediator, 'PUT', url, {
        term: shipped.term,
        definition: 'A definition nobody has reviewed.',
      });
      expect(draft.json()).toMatchObject({
        status: 'DRAFT',
        definition: 'A definition nobody has reviewed.',
        publishedDefinition: shipped.definition,
      });
      t.clock.advance(PAGE_CACHE_MS);
      const before = await publicPage('en');
      expect(before).not.toContain('nobody has reviewed');
      expect(before).toContain(shipped.definition);

      expect((await call(communications, 'POST', `${url}/publish`)).statusCode).toBe(409);
      expect((await call(arabicMediator, 'POST', `${url}/review`)).statusCode).toBe(403);
      expect((await call(lawyer, 'POST', `${url}/review`)).statusCode).toBe(403);
      expect((await call(communications, 'POST', `${url}/review`)).statusCode).toBe(403);
      expect((await call(englishMediator, 'POST', `${url}/review`)).json()).toMatchObject({
        status: 'REVIEWED',
      });
      expect((await call(englishMediator, 'POST', `${url}/publish`)).statusCode).toBe(403);
      const published = await call(communications, 'POST', `${url}/publish`);
      expect(published.json()).toMatchObject({
        status: 'PUBLISHED',
        publishedDefinition: 'A definition nobody has reviewed.',
      });
      expect(await publicPage('en')).toContain('nobody has reviewed');
      expect((await call(lawyer, 'POST', '/api/portal/glossary/it/non-esiste/review')).statusCode).toBe(404);
      const trail = await t.platform.database.db
        .selectFrom('auditEntry')
        .select('action')
        .where('entityId', '=', `en/${shipped.termKey}`)
        .orderBy('seq')
        .execute();
      expect(trail.map((entry) => entry.action)).toEqual([
        'portal.glossary.save',
        'portal.glossary.review',
        'portal.glossary.publish',
      ]);
    });

    it('shows a publication made by another process once the page is half a minute old', async () => {
      t.clock.advance(PAGE_CACHE_MS);
      expect(await publicPage('it')).not.toContain('pubblicato altrove');
      const text = await database.db
        .selectFrom('procedureSheetText')
        .select('publishedContent')
        .where('sheetCode', '=', CODE)
        .where('language', '=', 'it')
        .executeTakeFirstOrThrow();
      const content = text.publishedContent as Record<string, string>;
      await database.db
        .updateTable('procedureSheetText')
        .set({ publishedContent: JSON.stringify({ ...content, timeLimits: 'Testo pubblicato altrove.' }) })
        .where('sheetCode', '=', CODE)
        .where('language', '=', 'it')
        .execute();
      t.clock.advance(PAGE_CACHE_MS - 1);
      expect(await publicPage('it')).not.toContain('pubblicato altrove');
      t.clock.advance(1);
      expect(await publicPage('it')).toContain('pubblicato altrove');
    });

    it('counts answers to "was this page useful?" without keeping anything of the reader, and slows a flood', async () => {
      const fromSheet = { 'sec-fetch-site': 'same-origin', origin: 'null' };
      const answer = (
        values: Record<string, string>,
        address = '198.51.100.1',
        code = CODE,
        from: Record<string, string> = fromSheet,
      ) => {
        const body = form(values);
        return t.app.inject({
          method: 'POST',
          url: `/portale/uk/schede/${code}/utile`,
          remoteAddress: address,
          ...body,
          headers: { ...body.headers, host: 'localhost:80', ...from },
        });
      };
      const yes = await answer({ useful: 'yes', reason: '' });
      expect(yes.statusCode).toBe(200);
      expect(mainText(yes.body)).toContain('Дякуємо за відповідь');
      expect(yes.headers['set-cookie'] ?? '').not.toContain('feedback');
      expect((await answer({ useful: 'no', reason: 'unclear' })).statusCode).toBe(200);
      expect((await answer({ useful: 'no' })).statusCode).toBe(200);
      const invalid = await answer({ useful: 'forse', reason: 'unclear' });
      expect(invalid.statusCode).toBe(400);
      expect(invalid.headers['content-type']).toContain('text/html');
      expect((await answer({ useful: 'no', reason: 'il mio nome è Ivan' })).statusCode).toBe(400);
      expect((await answer({ useful: 'yes' }, '198.51.100.1', 'non-esiste')).statusCode).toBe(404);

      const counts = await call(communications, 'GET', '/api/portal/sheets/feedback');
      expect(counts.json()).toEqual([
        {
          code: CODE,
          title: 'Nulla osta al ricongiungimento familiare',
          language: 'uk',
          useful: 1,
          notUseful: 2,
          reasons: { unclear: 1, missing: 0, outdated: 0, language: 0, other: 1 },
        },
      ]);
      expect((await call(office.manager, 'GET', '/api/portal/sheets/feedback')).statusCode).toBe(403);
      const trail = await t.platform.database.db
        .selectFrom('auditEntry')
        .select(['clientAddress'])
        .where('action', '=', 'portal.sheet.feedback')
        .execute();
      // anonymous counts, not acts of anyone: no audit entry per answer
      expect(trail).toEqual([]);

      // a post made elsewhere than the sheet's own form is not counted
      const uk = translator('uk');
      const elsewhere: Record<string, string>[] = [
        {},
        { 'sec-fetch-site': 'cross-site', origin: 'https://elsewhere.example' },
        { 'sec-fetch-site': 'same-site' },
        { origin: 'null' },
        { origin: 'https://elsewhere.example' },
        { referer: 'https://elsewhere.example/x' },
      ];
      for (const from of elsewhere) {
        const refused = await answer({ useful: 'no', reason: 'other' }, '198.51.100.3', CODE, from);
        expect(refused.statusCode).toBe(403);
        expect(mainText(refused.body)).toContain(uk('feedback.refusedText'));
      }
      // a browser without fetch metadata names the page it was on
      const fromOrigin = { origin: 'http://localhost:80' };
      expect((await answer({ useful: 'yes' }, '198.51.100.1', CODE, fromOrigin)).statusCode).toBe(200);
      const fromReferer = { referer: `http://localhost:80/portale/uk/schede/${CODE}` };
      expect((await answer({ useful: 'yes' }, '198.51.100.1', CODE, fromReferer)).statusCode).toBe(200);
      const [count] = (await call(communications, 'GET', '/api/portal/sheets/feedback')).json();
      expect(count).toMatchObject({ useful: 3, notUseful: 2 });

      for (let i = 0; i < 2; i++) expect((await answer({ useful: 'yes' })).statusCode).toBe(200);
      expect((await answer({ useful: 'yes' })).statusCode).toBe(429);
      expect((await answer({ useful: 'yes' }, '198.51.100.2')).statusCode).toBe(200);
    });

    it('turns the texts an older install published as "reviewed" without a reviewer into labelled drafts', async () => {
      const db = database.db as unknown as Kysely<unknown>;
      await provenanceMigration.down(db);
      // what the first release wrote at start-up: published, "reviewed" at the install time, by nobody
      const installedAt = new Date('2026-01-10T08:00:00Z');
      await database.db
        .updateTable('procedureSheetText')
        .set({ status: 'PUBLISHED', reviewedAt: installedAt, publishedReviewedAt: installedAt })
        .where('reviewedBy', 'is', null)
        .execute();
      await provenanceMigration.up(db);
      const rows = await database.db
        .selectFrom('procedureSheetText')
        .select([
          'sheetCode',
          'language',
          'status',
          'reviewedAt',
          'publishedReviewedAt',
          'publishedReviewedBy',
        ])
        .execute();
      const shipped = rows.find((row) => row.sheetCode === 'asilo' && row.language === 'fr');
      expect(shipped).toMatchObject({ status: 'DRAFT', reviewedAt: null, publishedReviewedAt: null });
      const validated = rows.find((row) => row.sheetCode === CODE && row.language === 'en');
      expect(validated?.publishedReviewedBy).not.toBeNull();
      expect(validated?.publishedReviewedAt).not.toBeNull();
      expect(rows.filter((row) => row.publishedReviewedAt?.getTime() === installedAt.getTime())).toEqual([]);

      expect(await loadPortalContent(t.platform)).toBe(0);
      const restored = (await texts(communications)).find(
        (text) => text.code === 'asilo' && text.language === 'fr',
      );
      expect(restored?.provenance?.translation).toBe('MACHINE');
      t.clock.advance(PAGE_CACHE_MS);
      expect(mainText((await t.app.inject({ url: '/portale/fr/schede/asilo' })).body)).toContain(
        'Brouillon, pas encore vérifié',
      );
    });
  });
}
