import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retentionCategories } from '../src/kernel/personal-data.ts';
import { intlLocale, LANGUAGES, translator } from '../src/modules/portal/languages.ts';
import { noticeKeys, noticeLanguages, noticeText } from '../src/modules/privacy/notices/catalogue.ts';
import { NOTICE_FORMS, periodInWords } from '../src/modules/privacy/notices/rules.ts';
import { startTestApp, stopTestApp, type TestApp } from './support/app.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';
import { makeOrganisation, makeUser, type Session, signIn } from './support/identity.ts';
import { mainText, openPortalOffice, type PortalOffice } from './support/portal.ts';
import { startSmtpServer } from './support/smtp.ts';

const CONTROLLER = 'Prefettura – Ufficio Territoriale del Governo di Lodi';
const DPO = 'responsabileprotezionedati@interno.it';
const FORM_HEADERS = { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' };
const LETTER_LINK = /http:\/\/localhost:\d+(\/portale\/[a-z]{2}\/appuntamento\?t=[A-Za-z0-9._-]+)/;
const VOID = new Set(['meta', 'link', 'input', 'br', 'img', 'hr', 'source', 'area', 'col', 'wbr']);

/**
 * What a browser needs to read a page as it was meant: every element closed in order, ids unique, every
 * `aria-labelledby` naming an element of the page, one main heading.
 */
function structuralFaults(html: string): string[] {
  const faults: string[] = [];
  const open: string[] = [];
  const body = html.replace(/^<!doctype html>/, '');
  for (const [, closing, name = '', selfClosing] of body.matchAll(
    /<(\/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(\/?)>/g,
  )) {
    const tag = name.toLowerCase();
    if (closing) {
      const last = open.pop();
      if (last !== tag) faults.push(`</${tag}> closes <${last}>`);
    } else if (!VOID.has(tag) && !selfClosing) open.push(tag);
  }
  if (open.length) faults.push(`left open: ${open.join(', ')}`);
  const ids = [...body.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]);
  for (const id of new Set(ids))
    if (ids.filter((other) => other === id).length > 1) faults.push(`id ${id} twice`);
  for (const [, id] of body.matchAll(/aria-labelledby="([^"]+)"/g))
    if (!ids.includes(id)) faults.push(`aria-labelledby ${id} names nothing`);
  if ((body.match(/<h1[\s>]/g) ?? []).length !== 1) faults.push('not one h1');
  return faults;
}

describe('the notices’ catalogues', () => {
  it('have every text of the Italian one in every portal language, and no other', () => {
    expect(noticeLanguages()).toEqual(LANGUAGES.map((language) => language.code).sort());
    const italian = noticeKeys('it');
    for (const form of NOTICE_FORMS) {
      expect(italian).toContain(`forms.${form.slug}.name`);
      for (const kept of form.keptFor) expect(italian).toContain(`forms.${form.slug}.keep.${kept.text}`);
    }
    const placeholders = (text: string) => text.match(/\{\{\w+\}\}/g) ?? [];
    for (const { code } of LANGUAGES) {
      expect(noticeKeys(code), code).toEqual(italian);
      for (const key of italian)
        expect(placeholders(noticeText(code)(key)), `${code} ${key}`).toEqual(
          placeholders(noticeText('it')(key)),
        );
    }
  });

  it('write periods in the language’s words, whole years as years', () => {
    expect(periodInWords('it-IT', 24)).toBe('2 anni');
    expect(periodInWords('it-IT', 18)).toBe('18 mesi');
    expect(periodInWords('it-IT', 1)).toBe('1 mese');
    expect(periodInWords('en-GB', 12)).toBe('1 year');
    expect(periodInWords('ar-EG', 24)).toBe('سنتان');
    expect(periodInWords('ar-EG', 18)).toBe('١٨ شهرًا');
  });
});

for (const backend of BACKENDS) {
  describe(`the privacy notices of the portal's forms on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    let office: PortalOffice;
    let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
    let comms: Session;
    let commsEmail: string;
    let reviewer: Session;
    let eventId: string;
    let firstSession: string;

    const get = (url: string) => t.app.inject({ url });
    const post = (url: string, fields: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url,
        headers: FORM_HEADERS,
        payload: new URLSearchParams(fields).toString(),
      });
    const api = (method: 'POST' | 'PUT', url: string, payload: object) =>
      t.app.inject({ method, url, headers: comms.headers, payload });
    const setMonths = async (category: string, months: number) => {
      await t.platform.database.db
        .insertInto('retentionSchedule')
        .values({ category, months, legalBasis: 'Art. 6, par. 1, lett. a) GDPR', updatedAt: new Date() })
        .onConflict((conflict) => conflict.column('category').doUpdateSet({ months }))
        .execute();
    };
    /** The link a form's page must carry: its notice, in the page's language, with the words of that language. */
    // The sheets' feedback form, anonymous, links its notice from the sentence that says so (the page's weight).
    const expectNoticeLink = (html: string, lang: string, slug: string, key = 'privacy.notice') => {
      const words = translator(lang)(key);
      expect(words).not.toBe(key);
      expect(html, `${lang} ${slug}`).toContain(`<a href="/portale/${lang}/privacy/${slug}">${words}</a>`);
    };

    beforeAll(async () => {
      smtp = await startSmtpServer();
      database = await openTestDatabase(backend);
      t = await startTestApp(database, { jobs: true, config: { SMTP_URL: smtp.url } });
      office = await openPortalOffice(t);
      const prefecture = await makeOrganisation(t.platform, {
        name: 'Prefettura di Lodi',
        type: 'PREFECTURE',
      });
      const user = await makeUser(t.platform, [{ organisationId: prefecture.id, role: 'communications' }]);
      commsEmail = user.email;
      comms = await signIn(t.app, user.email);
      const manager = await makeUser(t.platform, [
        { organisationId: prefecture.id, role: 'project_manager' },
      ]);
      reviewer = await signIn(t.app, manager.email);
      const created = await api('POST', '/api/outreach/events', {
        kind: 'PERFORMANCE',
        title: 'Voci di confine',
        summary: 'Un’installazione teatrale sulle storie di chi arriva a Lodi.',
        description: 'Due repliche al Teatro alle Vigne.',
        offerHours: 48,
      });
      expect(created.statusCode).toBe(201);
      eventId = created.json().id;
      const session = {
        day: '2026-04-18',
        startTime: '20:30',
        endTime: '22:00',
        venue: 'Teatro alle Vigne',
        address: 'Via Cavour 66, Lodi',
        accessibility: 'Ingresso senza gradini.',
        capacity: 20,
      };
      await api('POST', `/api/outreach/events/${eventId}/sessions`, { ...session, label: 'Prima replica' });
      const both = await api('POST', `/api/outreach/events/${eventId}/sessions`, {
        ...session,
        label: 'Seconda replica',
        day: '2026-04-19',
      });
      expect(both.statusCode, both.body).toBe(201);
      firstSession = both.json().sessions[0].id;
      await api('PUT', `/api/outreach/events/${eventId}/published`, { published: true });
    });

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
      await smtp.stop();
    });

    it('serves every form’s notice in every language, in the layout, with the controller and the officer', async () => {
      for (const { code, dir } of LANGUAGES)
        for (const place of ['/privacy', ...NOTICE_FORMS.map((form) => `/privacy/${form.slug}`)]) {
          const response = await get(`/portale/${code}${place}`);
          expect(response.statusCode, `${code}${place}`).toBe(200);
          const html = response.body;
          expect(html).toContain(`<html lang="${code}" dir="${dir}">`);
          expect(html).not.toMatch(/<script/);
          expect(html).toContain('<footer class="foot">');
          expect(html).toContain(`<dd lang="it" dir="ltr">${CONTROLLER}</dd>`);
          expect(html).toContain(`href="mailto:${DPO}"`);
          expect(html).toContain('href="https://www.garanteprivacy.it"');
          expect(structuralFaults(html), `${code}${place}`).toEqual([]);
          // the switcher leads to the same notice in every other language
          for (const other of LANGUAGES) expect(html).toContain(`href="/portale/${other.code}${place}"`);
        }
      const events = await get('/portale/it/privacy/eventi');
      expect(mainText(events.body)).toContain('articolo 6, paragrafo 1, lettera a');
      expect(mainText(events.body)).toContain('Può ritirare il consenso in ogni momento');
      const status = await get('/portale/it/privacy/stato');
      expect(mainText(status.body)).toContain('articolo 6, paragrafo 1, lettera e');
      expect(mainText(status.body)).not.toContain('ritirare il consenso');
      const arabic = await get('/portale/ar/privacy/eventi');
      expect(arabic.body).toContain(
        `<h1>${noticeText('ar')('title')} – ${noticeText('ar')('forms.eventi.name')}</h1>`,
      );
      expect(arabic.body).toContain(`<a href="mailto:${DPO}"><bdi dir="ltr">${DPO}</bdi></a>`);
    });

    it('gives the months of the retention schedule, in words of the language, and follows a change', async () => {
      await setMonths('outreach.registrations', 24);
      const text = async (lang: string) => mainText((await get(`/portale/${lang}/privacy/eventi`)).body);
      expect(await text('it')).toContain(
        'Le iscrizioni sono conservate per 2 anni dopo la fine dell’evento.',
      );
      expect(await text('en')).toContain(periodInWords('en-GB', 24));
      expect(await text('ar')).toContain('سنتان');
      await setMonths('outreach.registrations', 30);
      expect(await text('it')).toContain(
        'Le iscrizioni sono conservate per 30 mesi dopo la fine dell’evento.',
      );
      expect(await text('zh')).toContain(periodInWords(intlLocale('zh'), 30));
      expect(await text('it')).not.toContain('2 anni');
    });

    it('falls back to the category’s default, then to the archives’ rule, where the schedule has no row', async () => {
      await t.platform.database.db
        .deleteFrom('retentionSchedule')
        .where('category', 'in', ['audit.entries', 'identity.failed-attempts'])
        .execute();
      const page = mainText((await get('/portale/it/privacy/stato')).body);
      for (const key of ['audit.entries', 'identity.failed-attempts']) {
        const category = retentionCategories().find((known) => known.key === key);
        expect(page).toContain(
          category ? periodInWords('it-IT', category.defaultMonths) : noticeText('it')('unknownPeriod'),
        );
      }
      await setMonths('audit.entries', 61);
      expect(mainText((await get('/portale/it/privacy/stato')).body)).toContain('conservato per 61 mesi.');
    });

    it('answers an unknown form or language with the 404 page of the layout', async () => {
      for (const url of [
        '/portale/it/privacy/nessuno',
        '/portale/xx/privacy',
        '/portale/xx/privacy/eventi',
      ]) {
        const response = await get(url);
        expect(response.statusCode, url).toBe(404);
        expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
        expect(response.body).toContain('<footer class="foot">');
        expect(response.body).toContain('<meta name="robots" content="noindex"/>');
      }
      const arabic = await get('/portale/ar/privacy/nessuno');
      expect(arabic.body).toContain('<html lang="ar" dir="rtl">');
    });

    it('links every public form to its notice, in the page’s language', async () => {
      for (const lang of ['it', 'ar', 'uk']) {
        expectNoticeLink((await get(`/portale/${lang}/stato`)).body, lang, 'stato');
        expectNoticeLink((await get(`/portale/${lang}/verifica`)).body, lang, 'verifica');
        expectNoticeLink(
          (await get(`/portale/${lang}/schede/ricongiungimento-familiare`)).body,
          lang,
          'schede',
          'feedback.anonymous',
        );
        expectNoticeLink((await get(`/portale/${lang}/eventi/${eventId}`)).body, lang, 'eventi');
      }
      // the refused status look-up shows the form again, with its link
      const refused = await post('/portale/en/stato', {
        number: 'LO-2026-999999',
        passport: 'X1',
        birthDate: '',
      });
      expectNoticeLink(refused.body, 'en', 'stato');
      // the ticket's change of date
      const registered = await post(`/portale/fr/eventi/${eventId}`, {
        sessionId: firstSession,
        name: 'Amina Haddad',
        email: 'amina@example.org',
        language: 'fr',
        consent: 'yes',
      });
      expect(registered.statusCode).toBe(303);
      const ticket = registered.headers.location as string;
      const change = await get(ticket.replace('/biglietto?', '/biglietto/cambia?').replace(/&nuova=1$/, ''));
      expect(change.statusCode).toBe(200);
      expect(change.body).toContain('name="sessionId"');
      expectNoticeLink(change.body, 'fr', 'eventi');
      // the unsubscription from press releases, behind the link of a release
      const contact = await api('POST', '/api/outreach/press/contacts', {
        outlet: 'Il Cittadino',
        name: 'Giornalista',
        beat: 'Cronaca',
        email: 'redazione@cittadino.example',
        phone: '+39 0371 123456',
        language: 'it',
        legalBasis: 'LEGITIMATE_INTEREST',
        legalBasisNote: 'Indirizzo della redazione pubblicato sul sito della testata',
      });
      expect(contact.statusCode, contact.body).toBe(201);
      const release = await api('POST', '/api/outreach/press/releases', {
        title: 'Nuovi orari dello Sportello Unico',
        summary: 'Da lunedì lo sportello riceve anche il giovedì pomeriggio.',
        body: 'Lo **Sportello Unico** riceve anche il giovedì dalle 14 alle 16.',
      });
      const releaseId = release.json().id;
      const reviewed = await t.app.inject({
        method: 'POST',
        url: `/api/outreach/press/releases/${releaseId}/review`,
        headers: reviewer.headers,
      });
      expect(reviewed.statusCode).toBe(200);
      const sent = await api('POST', `/api/outreach/press/releases/${releaseId}/send`, {
        contactIds: [contact.json().id],
      });
      expect(sent.statusCode, sent.body).toBe(200);
      await expect
        .poll(() => smtp.inbox.some((mail) => mail.to.includes('redazione@cittadino.example')), {
          timeout: 10_000,
        })
        .toBe(true);
      const pressMail = smtp.inbox.find((mail) => mail.to.includes('redazione@cittadino.example'));
      const unsubscribe = /<https?:\/\/[^/]+(\/portale\/it\/stampa\/disiscrizione\?t=[^>]+)>/.exec(
        pressMail?.headers['list-unsubscribe'] ?? '',
      )?.[1] as string;
      const question = await get(unsubscribe.replace('/it/', '/ur/'));
      expect(question.statusCode).toBe(200);
      expectNoticeLink(question.body, 'ur', 'stampa');
    });

    it('links the appointment of a convocation letter to its notice', async () => {
      const kase = await office.newCase(1);
      const booked = await t.app.inject({
        method: 'POST',
        url: `/api/cases/${kase.id}/appointments`,
        headers: office.manager.headers,
        payload: {
          deskId: office.deskId,
          startsAt: '2026-03-05T09:00:00+01:00',
          purpose: 'CONTRACT_SIGNATURE',
          documentsToBring: ['Passaporto'],
        },
      });
      expect(booked.statusCode).toBe(201);
      await expect
        .poll(() => smtp.inbox.some((mail) => mail.subject.includes(kase.number)), { timeout: 10_000 })
        .toBe(true);
      const letter = smtp.inbox.find((mail) => mail.subject.includes(kase.number));
      const link = LETTER_LINK.exec(letter?.text ?? '')?.[1] as string;
      const appointment = await get(link.replace('/it/', '/ar/'));
      expect(appointment.statusCode).toBe(200);
      expectNoticeLink(appointment.body, 'ar', 'appuntamento');
    });

    it('shows nobody’s data on a notice, and lists every notice in the sitemap', async () => {
      // the people the earlier tests registered, for an event and for press releases
      for (const form of NOTICE_FORMS) {
        const html = (await get(`/portale/it/privacy/${form.slug}`)).body;
        for (const personal of ['Amina Haddad', 'amina@example.org', 'redazione@cittadino.example'])
          expect(html).not.toContain(personal);
      }
      const sitemap = (await get('/sitemap.xml')).body;
      const base = t.platform.config.publicUrl;
      for (const { code } of LANGUAGES) {
        expect(sitemap).toContain(`<loc>${base}/portale/${code}/privacy</loc>`);
        for (const form of NOTICE_FORMS)
          expect(sitemap).toContain(`<loc>${base}/portale/${code}/privacy/${form.slug}</loc>`);
      }
    });

    it('links the questionnaire after the event to its notice, in the guest’s language', async () => {
      t.clock.set('2026-04-20T09:00:00+02:00');
      comms = await signIn(t.app, commsEmail);
      const launched = await api('POST', `/api/outreach/events/${eventId}/follow-up/survey`, {
        audience: 'CONFIRMED',
        title: 'Com’è andata?',
        intro: 'Due minuti, in forma anonima.',
      });
      expect(launched.statusCode, launched.body).toBe(201);
      const invitation = () =>
        smtp.inbox
          .filter((mail) => mail.to.includes('amina@example.org'))
          .map((mail) => /https?:\/\/[^/\s]+(\/\S+\/evento\/questionario\?t=\S+)/.exec(mail.text)?.[1])
          .find(Boolean);
      await expect.poll(invitation, { timeout: 10_000 }).toBeDefined();
      const survey = await get(invitation() as string);
      expect(survey.statusCode).toBe(200);
      expect(survey.body).toContain('<html lang="fr" dir="ltr">');
      expectNoticeLink(survey.body, 'fr', 'questionario');
    });
  });
}

// Another province is another installation: an app of its own, on a database of its own.
for (const backend of BACKENDS) {
  describe(`the notices of another province on ${backend}`, () => {
    it('names the controller the configuration gives, for any province', async () => {
      const own = await openTestDatabase(backend);
      const elsewhere = await startTestApp(own, {
        config: {
          PROVINCE_ISTAT: '015',
          PATRON_DAY: '12-07 Sant’Ambrogio',
          DPO_EMAIL: 'rpd@prefettura.example',
        },
      });
      try {
        const notice = await elsewhere.app.inject({ url: '/portale/en/privacy/stato' });
        expect(notice.statusCode).toBe(200);
        expect(notice.body).toContain('Prefettura – Ufficio Territoriale del Governo di Milano');
        expect(mainText(notice.body)).not.toContain('Lodi');
        expect(notice.body).toContain('href="mailto:rpd@prefettura.example"');
      } finally {
        await stopTestApp(elsewhere);
        await own.dispose();
      }
    });
  });
}
