import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/kernel/permissions.ts';
import { pressIndicators, publicationIndicators } from '../src/modules/outreach/service.ts';
import { startTestApp, stopTestApp, type TestApp } from './support/app.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';
import { makePdf, multipartBody, PNG } from './support/documents.ts';
import { makeOrganisation, makeUser, type Session, signIn } from './support/identity.ts';

type Person = 'comms' | 'mediator' | 'trainee';

const LEAFLET = {
  kind: 'LEAFLET',
  title: 'Lo Sportello Unico in breve',
  description: 'Chi siamo, cosa facciamo, come prendere un appuntamento.',
  printFormat: 'A4 piegato in tre',
  pages: 6,
  copiesPrinted: 500,
  printedOn: '2026-02-20',
};

for (const backend of BACKENDS) {
  describe(`publications and press coverage on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    const sessions = {} as Record<Person, Session>;
    let publicationId: string;

    const api = (who: Person, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
      t.app.inject({ method, url, headers: sessions[who].headers, ...(payload ? { payload } : {}) });
    const page = (url: string) => t.app.inject({ method: 'GET', url });
    const send = async (url: string, content: Buffer, name: string, fields: Record<string, string> = {}) => {
      const { payload, headers } = await multipartBody(fields, { content, name });
      return t.app.inject({
        method: 'POST',
        url,
        headers: { ...sessions.comms.headers, ...headers },
        payload,
      });
    };
    const publicFiles = async (lang: string) =>
      [
        ...(await page(`/portale/${lang}/pubblicazioni`)).body.matchAll(
          /\/portale\/pubblicazioni\/file\/([0-9a-f-]{36})/g,
        ),
      ].map((match) => match[1]);

    beforeAll(async () => {
      database = await openTestDatabase(backend);
      t = await startTestApp(database);
      const prefettura = await makeOrganisation(t.platform, {
        name: 'Prefettura di Lodi',
        type: 'PREFECTURE',
      });
      const people: [Person, Role][] = [
        ['comms', 'communications'],
        ['mediator', 'mediator'],
        ['trainee', 'trainee'],
      ];
      for (const [who, role] of people) {
        const user = await makeUser(t.platform, [{ organisationId: prefettura.id, role }]);
        sessions[who] = await signIn(t.app, user.email);
      }
    });

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
    });

    it('registers a leaflet with its print run, refusing wrong input field by field', async () => {
      const wrong = await api('comms', 'POST', '/api/outreach/publications', {
        ...LEAFLET,
        title: '',
        copiesPrinted: -1,
        printedOn: '0000-01-01',
      });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().errors).toEqual(
        expect.arrayContaining([
          { path: 'body.title', message: 'Campo obbligatorio' },
          { path: 'body.copiesPrinted', message: 'non può essere negativo' },
          { path: 'body.printedOn', message: expect.any(String) },
        ]),
      );
      expect((await api('mediator', 'POST', '/api/outreach/publications', LEAFLET)).statusCode).toBe(403);
      expect((await api('trainee', 'GET', '/api/outreach/publications')).statusCode).toBe(403);
      const created = await api('comms', 'POST', '/api/outreach/publications', LEAFLET);
      expect(created.statusCode).toBe(201);
      publicationId = created.json().id;
      const early = await api('comms', 'PUT', `/api/outreach/publications/${publicationId}/published`, {
        published: true,
      });
      expect(early.statusCode).toBe(409);
      expect(early.json().detail).toBe('Caricare il PDF in italiano prima di pubblicare.');
    });

    it('keeps a PDF per language in versions, refusing anything but a PDF', async () => {
      const url = (lang: string) => `/api/outreach/publications/${publicationId}/files/${lang}`;
      const image = await send(url('it'), PNG, 'volantino.png', { title: 'Lo Sportello Unico in breve' });
      expect(image.statusCode).toBe(422);
      expect(image.json().errors).toEqual([{ path: 'file', message: 'È accettato solo un file PDF' }]);
      const text = await send(url('it'), Buffer.from('testo'), 'volantino.pdf', { title: 'x' });
      expect(text.statusCode).toBe(415);
      expect(text.json().errors).toEqual([{ path: 'file', message: 'È accettato solo un file PDF' }]);
      const untitled = await send(url('it'), await makePdf('senza titolo'), 'volantino.pdf');
      expect(untitled.statusCode).toBe(422);
      expect(untitled.json().errors).toEqual([{ path: 'body.title', message: 'Campo obbligatorio' }]);
      expect((await send(url('xx'), await makePdf('x'), 'x.pdf', { title: 'x' })).statusCode).toBe(400);

      expect(
        (
          await send(url('it'), await makePdf('prima stesura'), 'volantino-v1.pdf', {
            title: 'Lo Sportello in breve',
          })
        ).statusCode,
      ).toBe(201);
      expect(
        (
          await send(url('it'), await makePdf('seconda stesura'), 'volantino-v2.pdf', {
            title: 'Lo Sportello Unico in breve',
          })
        ).statusCode,
      ).toBe(201);
      const english = await send(url('en'), await makePdf('english'), 'leaflet.pdf', {
        title: 'The One-Stop Desk at a glance',
      });
      expect(english.statusCode).toBe(201);
      expect(
        english
          .json()
          .files.map((file: { language: string; version: number; isCurrent: boolean }) => [
            file.language,
            file.version,
            file.isCurrent,
          ]),
      ).toEqual([
        ['it', 2, true],
        ['it', 1, false],
        ['en', 1, true],
      ]);
      expect(await publicFiles('it')).toEqual([]);
    });

    it('offers the latest PDF of the visitor’s language, else the Italian, and counts downloads without names', async () => {
      const published = await api('comms', 'PUT', `/api/outreach/publications/${publicationId}/published`, {
        published: true,
      });
      expect(published.statusCode).toBe(200);
      // a double click
      const twice = await api('comms', 'PUT', `/api/outreach/publications/${publicationId}/published`, {
        published: true,
      });
      expect(twice.statusCode).toBe(200);
      expect(twice.json().publishedAt).toBe(published.json().publishedAt);
      const [italianV2, italianV1, englishV1] = published.json().files.map((file: { id: string }) => file.id);

      const english = await page('/portale/en/pubblicazioni');
      expect(english.body).toContain('The One-Stop Desk at a glance');
      expect(await publicFiles('en')).toEqual([englishV1, italianV2]);
      const arabic = await page('/portale/ar/pubblicazioni');
      expect(arabic.body).toContain('<h2 lang="it" dir="ltr">Lo Sportello Unico in breve</h2>');
      expect(await publicFiles('ar')).toEqual([italianV2, englishV1]);

      expect((await page(`/portale/pubblicazioni/file/${italianV1}`)).statusCode).toBe(404);
      for (let n = 0; n < 2; n++) {
        const pdf = await page(`/portale/pubblicazioni/file/${italianV2}`);
        expect(pdf.statusCode).toBe(200);
        expect(pdf.headers['content-type']).toBe('application/pdf');
        expect(pdf.headers['content-disposition']).toContain('inline; filename="volantino-v2.pdf"');
      }
      await page(`/portale/pubblicazioni/file/${englishV1}`);
      // a link checker's HEAD is not a download
      expect(
        (await t.app.inject({ method: 'HEAD', url: `/portale/pubblicazioni/file/${englishV1}` })).statusCode,
      ).toBe(200);
      const counted = await database.db
        .selectFrom('outreachDownload')
        .selectAll()
        .orderBy('downloads')
        .execute();
      expect(counted).toEqual([
        { fileId: englishV1, day: '2026-03-02', downloads: 1 },
        { fileId: italianV2, day: '2026-03-02', downloads: 2 },
      ]);
      expect((await page('/sitemap.xml')).body).toContain('/portale/en/pubblicazioni');
    });

    it('shows a cover image with its description, replaced or taken away by the staff', async () => {
      const put = async (content: Buffer, name: string, fields: Record<string, string>) => {
        const { payload, headers } = await multipartBody(fields, { content, name });
        return t.app.inject({
          method: 'POST',
          url: `/api/outreach/publications/${publicationId}/cover`,
          headers: { ...sessions.comms.headers, ...headers },
          payload,
        });
      };
      const noAlt = await put(PNG, 'copertina.png', {});
      expect(noAlt.statusCode).toBe(422);
      expect(noAlt.json().errors).toEqual([{ path: 'body.alt', message: 'Campo obbligatorio' }]);
      const notImage = await put(await makePdf('non è un’immagine'), 'copertina.png', { alt: 'Copertina' });
      expect(notImage.statusCode).toBe(422);
      expect(JSON.stringify(notImage.json())).toContain('Sono accettate solo immagini JPEG o PNG');
      const set = await put(PNG, 'copertina.png', {
        alt: 'Il volantino: uno sportello e una fila di persone',
      });
      expect(set.statusCode).toBe(200);
      expect(set.json().cover).toMatchObject({ alt: 'Il volantino: uno sportello e una fila di persone' });

      const library = await page('/portale/ar/pubblicazioni');
      expect(library.body).toContain(`src="/portale/pubblicazioni/copertina/${publicationId}"`);
      expect(library.body).toContain('alt="Il volantino: uno sportello e una fila di persone" lang="it"');
      const image = await page(`/portale/pubblicazioni/copertina/${publicationId}`);
      expect(image.statusCode).toBe(200);
      expect(image.headers['content-type']).toBe('image/png');
      expect(image.rawPayload.equals(PNG)).toBe(true);

      const removed = await t.app.inject({
        method: 'DELETE',
        url: `/api/outreach/publications/${publicationId}/cover`,
        headers: sessions.comms.headers,
      });
      expect(removed.json().cover).toBeNull();
      expect((await page(`/portale/pubblicazioni/copertina/${publicationId}`)).statusCode).toBe(404);
      expect((await page('/portale/it/pubblicazioni')).body).not.toContain('/copertina/');
      await put(PNG, 'copertina.png', { alt: 'Il volantino' });
    });

    it('records where the copies went, never more than were printed', async () => {
      const url = `/api/outreach/publications/${publicationId}/distributions`;
      const first = await api('comms', 'POST', url, {
        point: 'Comune di Codogno – Ufficio anagrafe',
        copies: 300,
        deliveredOn: '2026-02-25',
        notes: '',
      });
      expect(first.statusCode).toBe(201);
      const tooMany = await api('comms', 'POST', url, {
        point: 'Questura di Lodi',
        copies: 201,
        deliveredOn: '2026-02-26',
        notes: null,
      });
      expect(tooMany.statusCode).toBe(422);
      expect(tooMany.json().errors).toEqual([
        { path: 'body.copies', message: 'restano 200 copie da distribuire' },
      ]);
      const fewer = await api('comms', 'PUT', `/api/outreach/publications/${publicationId}`, {
        ...LEAFLET,
        copiesPrinted: 250,
      });
      expect(fewer.statusCode).toBe(422);
      expect(fewer.json().errors[0].path).toBe('body.copiesPrinted');

      expect(await publicationIndicators(t.platform)).toEqual({
        publicationsPublished: 1,
        copiesPrinted: 500,
        copiesDistributed: 300,
        downloads: 3,
        downloadsByLanguage: [
          { language: 'en', downloads: 1 },
          { language: 'it', downloads: 2 },
        ],
      });
      const withdrawn = await api('comms', 'PUT', `/api/outreach/publications/${publicationId}/published`, {
        published: false,
      });
      expect(withdrawn.statusCode).toBe(200);
      expect(await publicFiles('it')).toEqual([]);
      expect((await page(`/portale/pubblicazioni/file/${withdrawn.json().files[0].id}`)).statusCode).toBe(
        404,
      );
    });

    it('logs the press coverage with its reach and clipping, for the indicators', async () => {
      const wrong = await api('comms', 'POST', '/api/outreach/coverage', {
        publishedOn: '2026-03-01',
        outlet: 'Il Cittadino',
        title: 'Lo Sportello Unico raddoppia gli orari',
        media: 'NEWSPAPER',
        url: 'javascript:alert(1)',
        reach: 12000,
        notes: null,
      });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().errors).toEqual(
        expect.arrayContaining([
          { path: 'body.media', message: 'Scegliere il mezzo dall’elenco' },
          { path: 'body.url', message: 'indicare un indirizzo web che inizia con https://' },
        ]),
      );
      const future = await api('comms', 'POST', '/api/outreach/coverage', {
        publishedOn: '2026-03-03',
        outlet: 'Il Cittadino',
        title: 'Domani',
        media: 'PRINT',
        url: null,
        reach: null,
        notes: null,
      });
      expect(future.statusCode).toBe(422);
      expect(future.json().errors).toEqual([
        { path: 'body.publishedOn', message: 'la data non può essere futura' },
      ]);
      expect(
        (
          await api('mediator', 'POST', '/api/outreach/coverage', {
            publishedOn: '2026-03-01',
            outlet: 'x',
            title: 'x',
            media: 'PRINT',
            url: null,
            reach: null,
            notes: null,
          })
        ).statusCode,
      ).toBe(403);

      const print = await api('comms', 'POST', '/api/outreach/coverage', {
        publishedOn: '2026-03-01',
        outlet: 'Il Cittadino',
        title: 'Lo Sportello Unico raddoppia gli orari',
        media: 'PRINT',
        url: '',
        reach: 12000,
        notes: 'Pagina 7, cronaca di Lodi',
      });
      expect(print.statusCode).toBe(201);
      await api('comms', 'POST', '/api/outreach/coverage', {
        publishedOn: '2026-02-27',
        outlet: 'Radio Lodi',
        title: 'Intervista alla Prefettura sul progetto LO.V.I.T.',
        media: 'RADIO',
        url: 'https://radio.example/lovit',
        reach: 3000,
        notes: null,
      });
      const clipping = await send(
        `/api/outreach/coverage/${print.json().id}/clipping`,
        await makePdf('ritaglio'),
        'il-cittadino.pdf',
      );
      expect(clipping.statusCode).toBe(201);
      expect(clipping.json().clipping).toEqual({ fileName: 'il-cittadino.pdf', size: expect.any(Number) });
      const download = await api('mediator', 'GET', `/api/outreach/coverage/${print.json().id}/clipping`);
      expect(download.statusCode).toBe(200);
      expect(download.headers['content-type']).toBe('application/pdf');

      const list = await api('mediator', 'GET', '/api/outreach/coverage?pageSize=1');
      expect(list.json()).toMatchObject({
        total: 2,
        items: [{ outlet: 'Il Cittadino', publishedOn: '2026-03-01' }],
      });
      expect(await pressIndicators(t.platform)).toEqual({
        releasesSent: 0,
        releaseRecipients: 0,
        coverageItems: 2,
        coverageReach: 15000,
        coverageByMedia: [
          { media: 'PRINT', items: 1, reach: 12000 },
          { media: 'RADIO', items: 1, reach: 3000 },
        ],
      });
    });
  });
}
