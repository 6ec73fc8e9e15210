import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/kernel/permissions.ts';
import { publishDueArticles } from '../src/modules/outreach/news/service.ts';
import { articleIndicators } from '../src/modules/outreach/service.ts';
import { startTestApp, stopTestApp, type TestApp } from './support/app.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';
import { makePdf, multipartBody, PNG } from './support/documents.ts';
import { makeOrganisation, makeUser, type Session, signIn } from './support/identity.ts';

type Person = 'writer' | 'colleague' | 'mediator' | 'otherMediator' | 'trainee';

const ITALIAN = {
  title: 'Aperto lo sportello per i ricongiungimenti',
  summary: 'Dal 9 marzo lo sportello riceve il martedì e il giovedì, su appuntamento.',
  body: '## Cosa portare\n\n- il passaporto\n- la ricevuta della domanda\n\n<script>alert(1)</script>',
  imageAlt: null,
};
const ENGLISH = {
  title: 'The family reunification desk is open',
  summary: 'From 9 March the desk receives on Tuesdays and Thursdays, by appointment.',
  body: '## What to bring\n\n- your passport\n- the receipt of the application',
  imageAlt: null,
};

for (const backend of BACKENDS) {
  describe(`news on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    const sessions = {} as Record<Person, Session>;
    let articleId: string;
    let imageId: string;

    const api = (who: Person, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
      t.app.inject({ method, url, headers: sessions[who].headers, ...(payload ? { payload } : {}) });
    const page = (url: string) => t.app.inject({ method: 'GET', url });
    const upload = async (who: Person, content: Buffer, name: string) => {
      const { payload, headers } = await multipartBody({}, { content, name });
      return t.app.inject({
        method: 'POST',
        url: `/api/outreach/articles/${articleId}/images`,
        headers: { ...sessions[who].headers, ...headers },
        payload,
      });
    };

    beforeAll(async () => {
      database = await openTestDatabase(backend);
      t = await startTestApp(database, { config: { PUBLIC_URL: 'https://lovit.example' } });
      const prefettura = await makeOrganisation(t.platform, {
        name: 'Prefettura di Lodi',
        type: 'PREFECTURE',
      });
      const people: [Person, Role][] = [
        ['writer', 'communications'],
        ['colleague', 'communications'],
        ['mediator', 'mediator'],
        ['otherMediator', 'mediator'],
        ['trainee', 'trainee'],
      ];
      for (const [who, role] of people) {
        const user = await makeUser(t.platform, [{ organisationId: prefettura.id, role }]);
        sessions[who] = await signIn(t.app, user.email);
        if (who === 'mediator')
          await database.db
            .insertInto('mediatorLanguage')
            .values({ userId: user.id, language: 'en' })
            .execute();
      }
    });

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
    });

    it('writes an article in Italian, refusing wrong input in words a clerk reads', async () => {
      const empty = await api('writer', 'POST', '/api/outreach/articles', {
        kind: 'NEWS',
        tags: ['ricongiungimento', 'Ricongiungimento'],
        coverImageId: null,
        text: { ...ITALIAN, title: '' },
      });
      expect(empty.statusCode).toBe(400);
      expect(empty.headers['content-type']).toContain('application/problem+json');
      expect(empty.json().errors).toEqual(
        expect.arrayContaining([
          { path: 'body.text.title', message: 'Campo obbligatorio' },
          { path: 'body.tags', message: 'etichetta ripetuta' },
        ]),
      );
      const foreignImage = await api('writer', 'POST', '/api/outreach/articles', {
        kind: 'NEWS',
        tags: [],
        coverImageId: null,
        text: { ...ITALIAN, body: 'Guarda ![foto](https://tracker.example/pixel.png)' },
      });
      expect(foreignImage.statusCode).toBe(422);
      expect(foreignImage.json().errors).toEqual([
        { path: 'body.text.body', message: expect.stringContaining('non è tra quelle caricate') },
      ]);
      const trainee = await api('trainee', 'POST', '/api/outreach/articles', {
        kind: 'NEWS',
        tags: [],
        coverImageId: null,
        text: ITALIAN,
      });
      expect(trainee.statusCode).toBe(403);
      expect(await database.db.selectFrom('outreachArticle').selectAll().execute()).toEqual([]);

      const created = await api('writer', 'POST', '/api/outreach/articles', {
        kind: 'NEWS',
        tags: ['ricongiungimento', 'sportello'],
        coverImageId: null,
        text: ITALIAN,
      });
      expect(created.statusCode).toBe(201);
      articleId = created.json().id;
      expect(created.json()).toMatchObject({
        status: 'DRAFT',
        publicUrl: null,
        texts: [{ language: 'it', status: 'DRAFT', revision: 1, mayReview: false }],
      });
    });

    it('takes JPEG and PNG images only; a cover needs its description in every language', async () => {
      const pdf = await upload('writer', await makePdf('non è una foto'), 'volantino.pdf');
      expect(pdf.statusCode).toBe(422);
      expect(pdf.json().errors).toEqual([
        { path: 'file', message: 'Sono accettate solo immagini JPEG o PNG' },
      ]);
      const text = await upload('writer', Buffer.from('solo testo'), 'foto.png');
      expect(text.statusCode).toBe(415);
      expect(text.json().errors).toEqual([
        { path: 'file', message: 'Sono accettate solo immagini JPEG o PNG' },
      ]);
      const png = await upload('writer', PNG, 'sportello.png');
      expect(png.statusCode).toBe(201);
      imageId = png.json().id;
      expect(png.json().markdown).toBe(`![](/portale/immagini/${imageId})`);

      const cover = await api('writer', 'PUT', `/api/outreach/articles/${articleId}`, {
        kind: 'NEWS',
        tags: ['ricongiungimento', 'sportello'],
        coverImageId: imageId,
      });
      expect(cover.statusCode).toBe(200);
      const noAlt = await api('writer', 'PUT', `/api/outreach/articles/${articleId}/texts/it`, ITALIAN);
      expect(noAlt.statusCode).toBe(422);
      expect(noAlt.json().errors).toEqual([
        { path: 'body.imageAlt', message: 'descrivere l’immagine di copertina per chi non può vederla' },
      ]);
      const withAlt = await api('writer', 'PUT', `/api/outreach/articles/${articleId}/texts/it`, {
        ...ITALIAN,
        body: `${ITALIAN.body}\n\n![Lo sportello al piano terra](/portale/immagini/${imageId})`,
        imageAlt: 'Il bancone dello sportello con due operatrici',
      });
      expect(withAlt.statusCode).toBe(200);
      expect(withAlt.json().texts[0]).toMatchObject({ revision: 2, status: 'DRAFT' });
      const english = await api('writer', 'PUT', `/api/outreach/articles/${articleId}/texts/en`, {
        ...ENGLISH,
        imageAlt: 'The desk counter with two clerks',
      });
      expect(english.statusCode).toBe(200);
      // the image is not public while the article is not
      expect((await page(`/portale/immagini/${imageId}`)).statusCode).toBe(404);
    });

    it('has each language reviewed by someone other than its writer, a translation by a mediator of its language', async () => {
      const own = await api('writer', 'POST', `/api/outreach/articles/${articleId}/texts/it/review`, {
        revision: 2,
      });
      expect(own.statusCode).toBe(403);
      expect(own.json().detail).toBe('Un testo è revisionato da una persona diversa da chi l’ha scritto.');
      const early = await api('writer', 'POST', `/api/outreach/articles/${articleId}/publish`);
      expect(early.statusCode).toBe(409);
      expect(early.json().detail).toBe(
        'Il testo italiano deve essere revisionato prima della pubblicazione.',
      );

      const stale = await api('colleague', 'POST', `/api/outreach/articles/${articleId}/texts/it/review`, {
        revision: 1,
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().detail).toBe(
        'Il testo è cambiato dopo che l’hai aperto: rileggilo prima di revisionarlo.',
      );
      const italian = await api('colleague', 'POST', `/api/outreach/articles/${articleId}/texts/it/review`, {
        revision: 2,
      });
      expect(italian.statusCode).toBe(200);
      const other = await api(
        'otherMediator',
        'POST',
        `/api/outreach/articles/${articleId}/texts/en/review`,
        {
          revision: 1,
        },
      );
      expect(other.statusCode).toBe(403);
      const seen = await api('mediator', 'GET', `/api/outreach/articles/${articleId}`);
      expect(seen.json().texts.map((text: { mayReview: boolean }) => text.mayReview)).toEqual([false, true]);
      const english = await api('mediator', 'POST', `/api/outreach/articles/${articleId}/texts/en/review`, {
        revision: 1,
      });
      expect(english.statusCode).toBe(200);
      expect(english.json().texts).toMatchObject([
        { language: 'it', status: 'REVIEWED' },
        { language: 'en', status: 'REVIEWED' },
      ]);
    });

    it('takes a scheduled article back to preparation when its Italian text changes after the review', async () => {
      const other = await api('writer', 'POST', '/api/outreach/articles', {
        kind: 'ANNOUNCEMENT',
        tags: [],
        coverImageId: null,
        text: { ...ITALIAN, title: 'Avviso programmato' },
      });
      const id = other.json().id;
      await api('colleague', 'POST', `/api/outreach/articles/${id}/texts/it/review`, { revision: 1 });
      const scheduled = await api('writer', 'POST', `/api/outreach/articles/${id}/schedule`, {
        day: '2026-03-02',
        time: '09:05',
      });
      expect(scheduled.json().status).toBe('SCHEDULED');
      const edited = await api('writer', 'PUT', `/api/outreach/articles/${id}/texts/it`, {
        ...ITALIAN,
        title: 'Avviso cambiato dopo la revisione',
      });
      expect(edited.json()).toMatchObject({ status: 'DRAFT', publishAt: null });
      const again = await api('writer', 'POST', `/api/outreach/articles/${id}/publish`);
      expect(again.statusCode).toBe(409);
    });

    it('publishes at the time set, through the job, and not before', async () => {
      const past = await api('writer', 'POST', `/api/outreach/articles/${articleId}/schedule`, {
        day: '2026-03-01',
        time: '09:00',
      });
      expect(past.statusCode).toBe(422);
      expect(past.json().errors[0].path).toBe('body.time');
      const wrong = await api('writer', 'POST', `/api/outreach/articles/${articleId}/schedule`, {
        day: '2026-03-02',
        time: '25:00',
      });
      expect(wrong.statusCode).toBe(400);
      const scheduled = await api('writer', 'POST', `/api/outreach/articles/${articleId}/schedule`, {
        day: '2026-03-02',
        time: '09:10',
      });
      expect(scheduled.statusCode).toBe(200);
      expect(scheduled.json()).toMatchObject({ status: 'SCHEDULED', publishAt: '2026-03-02T08:10:00.000Z' });

      expect(await publishDueArticles(t.platform)).toBe(0);
      expect((await page('/portale/it/notizie')).body).toContain('Non ci sono ancora notizie.');
      expect((await page(`/portale/it/notizie/${articleId}`)).statusCode).toBe(404);

      t.clock.set('2026-03-02T09:10:30+01:00');
      expect(await publishDueArticles(t.platform)).toBe(1);
      expect(await publishDueArticles(t.platform)).toBe(0);
      const published = await api('writer', 'GET', `/api/outreach/articles/${articleId}`);
      expect(published.json()).toMatchObject({
        status: 'PUBLISHED',
        publishedAt: '2026-03-02T08:10:00.000Z',
        publicUrl: `https://lovit.example/portale/it/notizie/${articleId}`,
        texts: [
          { language: 'it', status: 'PUBLISHED' },
          { language: 'en', status: 'PUBLISHED' },
        ],
      });
      const audit = await database.db
        .selectFrom('auditEntry')
        .select(['action', 'actorLabel'])
        .where('entityId', '=', articleId)
        .where('action', '=', 'outreach.article.publish')
        .execute();
      expect(audit).toEqual([{ action: 'outreach.article.publish', actorLabel: 'sistema' }]);
    });

    it('shows the article in the visitor’s language, else in Italian, with its safe body, feed and sitemap', async () => {
      const english = await page('/portale/en/notizie');
      expect(english.statusCode).toBe(200);
      expect(english.body).toContain('The family reunification desk is open');
      expect(english.body).toContain('alt="The desk counter with two clerks"');
      expect(english.body).toContain('type="application/atom+xml"');

      const arabic = await page(`/portale/ar/notizie/${articleId}`);
      expect(arabic.statusCode).toBe(200);
      expect(arabic.body).toContain(
        '<h1 lang="it" dir="ltr">Aperto lo sportello per i ricongiungimenti</h1>',
      );
      expect(arabic.body).toContain('<h2>Cosa portare</h2>');
      expect(arabic.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(arabic.body).not.toContain('<script>alert');
      expect(arabic.body).toContain(
        `<img src="/portale/immagini/${imageId}" alt="Lo sportello al piano terra"`,
      );

      const image = await page(`/portale/immagini/${imageId}`);
      expect(image.statusCode).toBe(200);
      expect(image.headers['content-type']).toBe('image/png');
      expect(image.rawPayload.equals(PNG)).toBe(true);

      const feed = await page('/portale/en/notizie.atom');
      expect(feed.statusCode).toBe(200);
      expect(feed.headers['content-type']).toContain('application/atom+xml');
      expect(feed.body).toContain(
        '<title type="html"><![CDATA[The family reunification desk is open]]></title>',
      );
      expect(feed.body).toContain(`https://lovit.example/portale/en/notizie/${articleId}`);
      expect(feed.body).toContain('<category label="ricongiungimento" term="ricongiungimento"/>');

      const sitemap = await page('/sitemap.xml');
      expect(sitemap.body).toContain(`/portale/en/notizie/${articleId}`);

      expect((await page('/portale/it/notizie?pagina=2')).statusCode).toBe(404);
      expect((await page('/portale/it/notizie?pagina=abc')).statusCode).toBe(404);
      expect((await page('/portale/it/notizie/non-un-id')).statusCode).toBe(404);
    });

    it('keeps the published text while a new one is written and reviewed, then publishes it', async () => {
      const revised = await api('writer', 'PUT', `/api/outreach/articles/${articleId}/texts/it`, {
        ...ITALIAN,
        title: 'Sportello ricongiungimenti: nuovi orari',
        imageAlt: 'Il bancone dello sportello con due operatrici',
      });
      expect(revised.statusCode).toBe(200);
      expect((await page(`/portale/it/notizie/${articleId}`)).body).toContain(
        'Aperto lo sportello per i ricongiungimenti',
      );
      const unreviewed = await api('writer', 'POST', `/api/outreach/articles/${articleId}/texts/it/publish`);
      expect(unreviewed.statusCode).toBe(409);
      const review = await api('colleague', 'POST', `/api/outreach/articles/${articleId}/texts/it/review`, {
        revision: 3,
      });
      expect(review.statusCode).toBe(200);
      const now = await api('writer', 'POST', `/api/outreach/articles/${articleId}/texts/it/publish`);
      expect(now.statusCode).toBe(200);
      expect(now.json().texts[1]).toMatchObject({ language: 'en', outOfDate: true });
      expect((await page(`/portale/it/notizie/${articleId}`)).body).toContain(
        'Sportello ricongiungimenti: nuovi orari',
      );

      expect(await articleIndicators(t.platform)).toEqual({
        articlesPublished: 1,
        byLanguage: [
          { language: 'en', articles: 1 },
          { language: 'it', articles: 1 },
        ],
      });
    });

    it('archives the article: out of the list and the feed, its page still there with a warning', async () => {
      const archived = await api('writer', 'POST', `/api/outreach/articles/${articleId}/archive`);
      expect(archived.statusCode).toBe(200);
      expect((await page('/portale/en/notizie')).body).not.toContain(articleId);
      expect((await page('/portale/en/notizie.atom')).body).not.toContain(articleId);
      const kept = await page(`/portale/en/notizie/${articleId}`);
      expect(kept.statusCode).toBe(200);
      expect(kept.body).toContain('archived');
      const edit = await api('writer', 'PUT', `/api/outreach/articles/${articleId}/texts/it`, ITALIAN);
      expect(edit.statusCode).toBe(409);
      const list = await api('mediator', 'GET', '/api/outreach/articles?status=ARCHIVED');
      expect(list.json()).toMatchObject({
        total: 1,
        items: [{ id: articleId, title: 'Sportello ricongiungimenti: nuovi orari', status: 'ARCHIVED' }],
      });
    });
  });
}
