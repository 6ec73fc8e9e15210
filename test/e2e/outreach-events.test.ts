import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  type BrowserTestWithMail,
  browserAvailable,
  closeAfterRefusals,
  closePage,
  expectAccessible,
  openSignedIn,
  startBrowserTest,
  stopBrowserTest,
  watchErrors,
} from '../support/browser.ts';
import { makeOrganisation, makeUser, type Session, signIn } from '../support/identity.ts';
import { waitForMail } from '../support/smtp.ts';

const PHONE = 360;
const TITLE = 'Voci di confine – installazione teatrale';
/** The form's refusal of a missing title comes back as a 400, on purpose. */
const REFUSED_FORM = /Failed to load resource: the server responded with a status of (400|401)/;

/**
 * The theatre installation of WP4 as its people live it: the communications officer prepares and publishes it,
 * visitors register on a phone without scripts (one in Arabic, right to left), a freed seat goes to the first in
 * the waitlist by e-mail, the officer lets the ticket in at the door on a phone; a request for a date by
 * invitation is accepted, and its holder moves to another date.
 */
describe.skipIf(!browserAvailable())(
  'events: preparation, public registration and the door, in Chromium',
  () => {
    let t: BrowserTestWithMail;
    let officerEmail: string;
    let officer: Session;
    let eventId: string;
    let firstSessionId: string;
    let confirmedCode: string;
    const waitingEmail = 'giulia.bianchi@example.org';

    beforeAll(async () => {
      t = await startBrowserTest({ smtp: true });
      const prefettura = await makeOrganisation(t.platform, {
        name: 'Prefettura di Lodi',
        type: 'PREFECTURE',
      });
      officerEmail = (await makeUser(t.platform, [{ organisationId: prefettura.id, role: 'communications' }]))
        .email;
      officer = await signIn(t.app, officerEmail);
    });

    afterAll(() => stopBrowserTest(t));

    it('lets the communications officer prepare the installation with two performances and publish it', async () => {
      const page = await openSignedIn(t.browser, t.base, '/comunicazione', officerEmail);
      const errors = watchErrors(page, REFUSED_FORM);
      await page.getByText('Non ci sono ancora eventi').waitFor();
      await page.getByRole('link', { name: 'Nuovo evento' }).click();
      await page.getByRole('heading', { level: 1, name: 'Nuovo evento' }).waitFor();
      await page.getByLabel('Tipo di evento').selectOption({ label: 'Spettacolo o installazione teatrale' });
      await page.getByRole('button', { name: 'Crea l’evento' }).click();
      const title = page.getByLabel('Titolo');
      await page.getByText('Campo obbligatorio').first().waitFor();
      await expect(title.getAttribute('aria-invalid')).resolves.toBe('true');
      await title.fill(TITLE);
      await page.getByLabel('In breve').fill('Un’installazione teatrale sulle storie di chi arriva a Lodi.');
      await page
        .getByLabel('Descrizione')
        .fill('Due repliche al Teatro alle Vigne.\n\nIngresso libero con iscrizione.');
      await page.getByRole('button', { name: 'Crea l’evento' }).click();
      await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      eventId = new URL(page.url()).pathname.split('/').at(-1) as string;
      await page.getByText('In preparazione: l’evento non è ancora visibile sul portale.').waitFor();

      const form = page.getByRole('region', { name: 'Aggiungi una data' });
      await form.getByLabel('Nome della data').fill('Prima replica');
      await form.getByLabel('Giorno').fill('2026-04-18');
      await form.getByLabel('Inizio').fill('20:30');
      await form.getByLabel('Fine').fill('22:00');
      await form.getByLabel('Posti', { exact: true }).fill('1');
      await form.getByLabel('Sede').fill('Teatro alle Vigne');
      await form.getByLabel('Indirizzo').fill('Via Cavour 66, Lodi');
      await form
        .getByLabel('Accessibilità del luogo')
        .fill('Ingresso senza gradini, posti riservati in platea.');
      await form.getByRole('button', { name: 'Aggiungi la data' }).click();
      await page.getByRole('status').getByText('Data aggiunta: Prima replica.').waitFor();
      const first = page.getByRole('region', { name: 'Prima replica' });
      await first.getByText('sabato 18 aprile 2026, 20:30–22:00').waitFor();
      await first.getByText('venerdì 17 aprile 2026').waitFor();

      // the second performance through the API, as another officer's tab would add it
      const second = await t.app.inject({
        method: 'POST',
        url: `/api/outreach/events/${eventId}/sessions`,
        headers: officer.headers,
        payload: {
          label: 'Seconda replica',
          day: '2026-04-19',
          startTime: '17:00',
          endTime: '18:30',
          venue: 'Teatro alle Vigne',
          address: 'Via Cavour 66, Lodi',
          accessibility: 'Ingresso senza gradini.',
          capacity: 30,
        },
      });
      expect(second.statusCode).toBe(201);
      firstSessionId = second.json().sessions[0].id;
      await page.reload();
      await page.getByRole('region', { name: 'Seconda replica' }).waitFor();

      // a typo in the summary, corrected on the event's own form
      await page.getByRole('link', { name: 'Modifica i dati dell’evento' }).click();
      await page
        .getByLabel('In breve')
        .fill('Un’installazione teatrale sulle storie di chi arriva a Lodi, in due repliche.');
      await page.getByRole('button', { name: 'Salva le modifiche' }).click();
      await page
        .getByText('Un’installazione teatrale sulle storie di chi arriva a Lodi, in due repliche.')
        .waitFor();

      await page.getByRole('button', { name: 'Pubblica sul portale' }).click();
      await page.getByRole('status').getByText('Evento pubblicato sul portale.').waitFor();
      const publicLink = page.getByRole('link', { name: 'Apri la pagina pubblica dell’evento' });
      await expect(publicLink.getAttribute('href')).resolves.toBe(`${t.base}/portale/it/eventi/${eventId}`);
      await page.getByRole('button', { name: 'Ritira dal portale' }).waitFor();
      await expectAccessible(page);

      await page.getByRole('link', { name: 'Comunicazione' }).first().click();
      const row = page.getByRole('row', { name: new RegExp(TITLE) });
      await row.getByText('Pubblicato').waitFor();
      await row.getByText('sabato 18 aprile 2026 alle ore 20:30').waitFor();
      await closeAfterRefusals(page, errors);
    });

    it('registers visitors on a phone without scripts, and passes a freed seat to the first waiting by e-mail', async () => {
      const phone = await t.browser.newContext({
        javaScriptEnabled: false,
        viewport: { width: PHONE, height: 800 },
      });
      const register = async (visitor: Page, lang: string, name: string, email: string) => {
        await visitor.goto(`${t.base}/portale/${lang}/eventi/${eventId}`);
        await visitor.getByRole('radio', { name: /Prima replica/ }).check();
        await visitor
          .getByRole('textbox', { name: lang === 'ar' ? 'الاسم واللقب' : 'Nome e cognome' })
          .fill(name);
        await visitor
          .getByRole('textbox', { name: lang === 'ar' ? 'البريد الإلكتروني' : 'E-mail' })
          .fill(email);
        await visitor.getByRole('checkbox').check();
        await visitor.getByRole('button', { name: lang === 'ar' ? 'سجّل' : 'Iscriviti' }).click();
      };

      const amina = await phone.newPage();
      await register(amina, 'ar', 'Amina Haddad', 'amina.haddad@example.org');
      expect(await amina.locator('html').getAttribute('dir')).toBe('rtl');
      // the form's answer is the ticket itself (post, then redirect: a reload does not register again)
      await amina.getByRole('heading', { level: 2, name: 'تم تأكيد التسجيل' }).waitFor();
      await amina.getByRole('img', { name: 'رمز QR للتذكرة' }).waitFor();
      expect(await amina.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE);

      const giulia = await phone.newPage();
      await register(giulia, 'it', 'Giulia Bianchi', waitingEmail);
      await giulia.getByRole('heading', { level: 2, name: 'È in lista d’attesa' }).waitFor();
      expect((await waitForMail(t.smtp.inbox, waitingEmail, 10_000)).subject).toBe(
        `Lista d’attesa: ${TITLE}`,
      );

      await amina.getByRole('link', { name: 'ألغِ التسجيل' }).click();
      await amina.getByRole('button', { name: 'نعم، ألغِ التسجيل' }).click();
      await amina.getByRole('status').getByText('تم إلغاء التسجيل. شكراً لإبلاغنا.').waitFor();

      const offer = await vi.waitFor(
        () => {
          const mail = t.smtp.inbox.find(
            (m) => m.to.includes(waitingEmail) && m.subject === `Un posto è libero per Lei: ${TITLE}`,
          );
          if (!mail) throw new Error('no offer yet');
          return mail;
        },
        { timeout: 10_000, interval: 100 },
      );
      const link = /(https?:\/\/\S+\/biglietto\?t=\S+)/.exec(offer.text)?.[1];
      expect(link).toBeDefined();
      await giulia.goto(link as string);
      await giulia.getByRole('button', { name: 'Conferma il posto' }).click();
      await giulia.getByRole('status').getByText('Posto confermato. La aspettiamo!').waitFor();
      await giulia.getByRole('img', { name: 'Codice QR del biglietto' }).waitFor();
      confirmedCode = ((await giulia.getByText(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/).textContent()) ?? '').trim();
      expect(confirmedCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      await phone.close();
    });

    it('lets the officer follow the registrations and admit the ticket at the door on a phone', async () => {
      // the evening of the first performance: the door opens three hours before it
      t.clock.set('2026-04-18T19:00:00+02:00');
      const page = await openSignedIn(t.browser, t.base, `/comunicazione/eventi/${eventId}`, officerEmail, {
        width: PHONE,
      });
      const registrations = page.getByRole('region', { name: 'Iscrizioni', exact: true });
      await registrations
        .getByRole('row', { name: /Amina Haddad/ })
        .getByText('Annullata')
        .waitFor();
      const giulia = registrations.getByRole('row', { name: /Giulia Bianchi/ });
      await giulia.getByText('Confermata').waitFor();
      await giulia.getByText(confirmedCode).waitFor();
      await page.getByRole('region', { name: 'Prima replica' }).getByText('Confermati: 1').waitFor();

      await page.getByRole('link', { name: 'Apri la pagina della porta' }).click();
      await page.getByRole('heading', { level: 1, name: `Ingressi: ${TITLE}` }).waitFor();
      await page.getByLabel('Data', { exact: true }).selectOption(firstSessionId);
      await expect.poll(() => new URL(page.url()).searchParams.get('data')).toBe(firstSessionId);
      await page.getByText('Entrati per questa data: 0 su 1 con il posto confermato').waitFor();

      const code = page.getByLabel('Codice del biglietto');
      const result = page.getByRole('status');
      await code.fill(confirmedCode.toLowerCase());
      await page.getByRole('button', { name: 'Registra l’ingresso' }).click();
      await result.getByText('Ingresso registrato: Giulia Bianchi.').waitFor();
      await result.getByText('Può entrare').waitFor();
      await page.getByText('Entrati per questa data: 1 su 1 con il posto confermato').waitFor();
      await page.getByText('Ingresso: 1 ingresso registrato').waitFor();
      await expect(code.inputValue()).resolves.toBe('');

      await code.fill(confirmedCode);
      await code.press('Enter');
      await result.getByText(/^Già entrato\/a alle \d\d:\d\d da «Ingresso»\.$/).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE);
      await expectAccessible(page);
      await closePage(page);
    });

    it('asks the school on the form, accepts the request for a date by invitation, and moves the ticket on a phone', async () => {
      // weeks later on the test's clock: a new sign-in
      officer = await signIn(t.app, officerEmail);
      const added = await t.app.inject({
        method: 'POST',
        url: `/api/outreach/events/${eventId}/sessions`,
        headers: officer.headers,
        payload: {
          label: 'Replica per le scuole',
          day: '2026-04-25',
          startTime: '10:00',
          endTime: '11:30',
          venue: 'Teatro alle Vigne',
          address: 'Via Cavour 66, Lodi',
          accessibility: 'Ingresso senza gradini.',
          capacity: 20,
          requiresApproval: true,
        },
      });
      expect(added.json()).toMatchObject({ id: eventId });
      const invitedId = added
        .json()
        .sessions.find((session: { label: string }) => session.label === 'Replica per le scuole').id;
      // the officer asks each class its school on the form
      const page = await openSignedIn(
        t.browser,
        t.base,
        `/comunicazione/eventi/${eventId}?data=${invitedId}`,
        officerEmail,
      );
      const questions = page.getByRole('region', { name: 'Domande del modulo d’iscrizione' });
      await questions.getByText('Il modulo non ha domande in più.').waitFor();
      await questions.getByLabel('Domanda', { exact: true }).fill('Quale scuola?');
      await questions.getByLabel('Tipo di risposta').selectOption('CHOICE');
      await questions.getByLabel('Scelte').fill('Liceo Verri\nITIS Volta');
      // the box is drawn by its label, as a person sees it
      await questions.getByText('Risposta obbligatoria').click();
      expect(await questions.getByLabel('Risposta obbligatoria').isChecked()).toBe(true);
      await questions.getByRole('button', { name: 'Aggiungi la domanda' }).click();
      await page.getByRole('status').getByText('Domanda aggiunta: Quale scuola?.').waitFor();
      await questions.getByText('0 risposte').waitFor();

      const phone = await t.browser.newContext({
        javaScriptEnabled: false,
        viewport: { width: PHONE, height: 800 },
      });
      const teacher = await phone.newPage();
      await teacher.goto(`${t.base}/portale/it/eventi/${eventId}`);
      await teacher.getByRole('radio', { name: /Replica per le scuole/ }).check();
      await teacher.getByRole('textbox', { name: 'Nome e cognome' }).fill('Marta Colombo');
      await teacher.getByRole('textbox', { name: 'E-mail' }).fill('marta.colombo@example.org');
      await teacher.getByLabel('Quale scuola?').selectOption('ITIS Volta');
      await teacher.getByRole('checkbox').check();
      await teacher.getByRole('button', { name: 'Iscriviti' }).click();
      await teacher.getByRole('heading', { level: 2, name: 'Richiesta ricevuta' }).waitFor();

      await page.reload();
      await page
        .getByRole('region', { name: 'Replica per le scuole' })
        .getByText('Da approvare: 1')
        .waitFor();
      const row = page.getByRole('row', { name: /Marta Colombo/ });
      await row.getByText('ITIS Volta').waitFor();
      await page.getByRole('button', { name: 'Accogli la richiesta di Marta Colombo' }).click();
      await page
        .getByRole('status')
        .getByText('Richiesta di Marta Colombo accolta: ha un posto e riceve il biglietto per e-mail.')
        .waitFor();
      // answered, the question keeps its choices; its wording is corrected
      await questions.getByRole('button', { name: 'Correggi la domanda «Quale scuola?»' }).click();
      await expect(questions.getByLabel('Tipo di risposta').isDisabled()).resolves.toBe(true);
      await questions.getByLabel('Domanda', { exact: true }).fill('Quale scuola frequenta la classe?');
      await questions.getByRole('button', { name: 'Salva la domanda' }).click();
      await page
        .getByRole('status')
        .getByText('Domanda corretta: Quale scuola frequenta la classe?.')
        .waitFor();
      await questions.getByText('1 risposta').waitFor();
      await expectAccessible(page);
      await closePage(page);

      const mail = await vi.waitFor(
        () => {
          const found = t.smtp.inbox.find(
            (m) =>
              m.to.includes('marta.colombo@example.org') && m.subject.startsWith('Iscrizione confermata'),
          );
          if (!found) throw new Error('no confirmation yet');
          return found;
        },
        { timeout: 10_000, interval: 100 },
      );
      await teacher.goto(/(https?:\/\/\S+\/biglietto\?t=\S+)/.exec(mail.text)?.[1] as string);
      await teacher.getByRole('link', { name: 'Cambia data' }).click();
      await teacher.getByRole('radio', { name: /Seconda replica/ }).check();
      await teacher.getByRole('button', { name: 'Passa a questa data' }).click();
      await teacher
        .getByRole('status')
        .getByText('Fatto: la Sua iscrizione è passata alla nuova data.', { exact: false })
        .waitFor();
      await teacher.getByText(/Seconda replica – Teatro alle Vigne/).waitFor();
      expect(await teacher.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE);
      await phone.close();
    });
  },
);
