import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserTestWithMail,
  browserAvailable,
  closeAfterRefusals,
  closePage,
  expectAccessible,
  openSignedIn as openSignedInAs,
  startBrowserTest,
  stopBrowserTest,
  watchErrors,
} from '../support/browser.ts';
import { workPermitApplication } from '../support/cases.ts';
import { makeOrganisation, makeUser, type Session, signIn } from '../support/identity.ts';
import { setQuota } from '../support/intake.ts';
import { waitForMail } from '../support/smtp.ts';

/** The application's number: its employer's PEC is `azienda<N mod 5000>@pec.lovit.example`. */
const APPLICATION = 11;
const EMPLOYER_PEC = `azienda${APPLICATION % 5000}@pec.lovit.example`;
const PLACE = 'Prefettura di Lodi, Corso Umberto I 40, 26900 Lodi – piano terra';

/**
 * The SUI team around a case in the browser: the manager opens a desk, books the signature of the contratto di
 * soggiorno (the letter goes to the employer's PEC), moves it, records that nobody came, and asks the legal
 * expert, who finds the question in her queue and answers it on the case page.
 */
describe.skipIf(!browserAvailable())('appointments and questions to the legal expert, in Chromium', () => {
  let t: BrowserTestWithMail;
  let managerEmail: string;
  let expertEmail: string;
  const filed = { id: '', number: '' };
  /** Another case, whose booking takes a slot from under the manager's eyes. */
  const other = { id: '' };
  let prefectureId: string;

  beforeAll(async () => {
    t = await startBrowserTest({ smtp: true });
    const prefecture = await makeOrganisation(t.platform, { type: 'PREFECTURE', code: 'PREF-LO' });
    prefectureId = prefecture.id;
    managerEmail = (await makeUser(t.platform, [{ organisationId: prefecture.id, role: 'sui_manager' }]))
      .email;
    expertEmail = (await makeUser(t.platform, [{ organisationId: prefecture.id, role: 'legal_expert' }]))
      .email;
    const api = await managerApi();
    await setQuota(t.app, api, 10);
    for (const [n, into] of [
      [APPLICATION, filed],
      [APPLICATION + 1, other],
    ] as const) {
      const submitted = await t.app.inject({
        method: 'POST',
        url: '/api/cases',
        headers: api.headers,
        payload: workPermitApplication(n),
      });
      expect(submitted.statusCode).toBe(201);
      Object.assign(into, submitted.json());
    }
  });

  afterAll(() => stopBrowserTest(t));

  /** The manager's session for calls made behind the user's back. */
  const managerApi = (): Promise<Session> => signIn(t.app, managerEmail);

  const openSignedIn = (path: string, email = managerEmail, width = 1280): Promise<Page> =>
    openSignedInAs(t.browser, t.base, path, email, { width });

  async function openCase(email = managerEmail): Promise<Page> {
    const page = await openSignedIn(`/pratiche/${filed.id}`, email);
    await page.getByRole('heading', { level: 1, name: `Pratica ${filed.number}` }).waitFor();
    return page;
  }

  it('opens a desk with its weekly hours, refusing hours that close before they open', async () => {
    const page = await openSignedIn('/pratiche');
    const errors = watchErrors(page);
    await page.getByRole('link', { name: 'Sportelli' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sportelli' }).waitFor();
    await page.getByText('Nessuno sportello configurato').waitFor();
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Crea lo sportello' }).click();
    await expect
      .poll(() => page.getByLabel('Nome', { exact: true }).getAttribute('aria-invalid'))
      .toBe('true');
    await page.getByLabel('Nome', { exact: true }).fill('Sportello 1');
    await page.getByLabel('Luogo').fill(PLACE);
    // the first window is Monday 9 to 12 in half hours; the next one copies it onto the following day
    await page.getByRole('button', { name: 'Aggiungi una fascia oraria' }).click();
    const tuesday = page.getByRole('group', { name: 'Fascia n. 2' });
    expect(await tuesday.getByLabel('Giorno').inputValue()).toBe('2');
    expect(await tuesday.getByLabel('Apertura').inputValue()).toBe('09:00');
    await tuesday.getByLabel('Chiusura').fill('08:00');
    await page.getByRole('button', { name: 'Crea lo sportello' }).click();
    await tuesday.getByText('L’orario di chiusura deve seguire quello di apertura').waitFor();
    await page.getByRole('alert').getByText('Alcuni dati non rispettano le regole.').waitFor();
    await expectAccessible(page);

    await tuesday.getByLabel('Chiusura').fill('12:00');
    await page.getByRole('button', { name: 'Crea lo sportello' }).click();
    await page.getByRole('status').getByText('Sportello «Sportello 1» creato.').waitFor();
    const row = page.getByRole('table', { name: 'Sportelli' }).getByRole('row', { name: /Sportello 1/ });
    await row.getByText('lunedì 09:00–12:00, turni di 30 minuti').waitFor();
    await row.getByText('martedì 09:00–12:00, turni di 30 minuti').waitFor();
    await row.getByText(PLACE).waitFor();
    await expectAccessible(page);
    await closeAfterRefusals(page, errors);
  });

  it('books the signature on the case page, takes another slot when one is gone, and sends the letter by PEC', async () => {
    const page = await openCase();
    const errors = watchErrors(page);
    // the day the application arrived, in words, and its time
    await page.getByText(/^Ricevuta il \d{1,2} [a-z]+ \d{4} alle \d\d:\d\d$/).waitFor();
    const section = page.getByRole('region', { name: 'Appuntamenti' });
    await section.getByText('Nessun appuntamento fissato per questa pratica.').waitFor();
    const booking = section.getByRole('region', { name: 'Fissa un appuntamento' });
    await booking.getByLabel('Sportello').selectOption({ label: 'Sportello 1' });
    const slot = booking.getByLabel('Orario');
    // Monday 2 March, 9:00: the first free slot is the next one
    await slot.locator('option', { hasText: 'lunedì 2 marzo, 09:30–10:00' }).waitFor({ state: 'attached' });
    expect(await slot.locator('option', { hasText: 'lunedì 2 marzo, 09:00' }).count()).toBe(0);
    expect(await slot.locator('optgroup').first().getAttribute('label')).toBe('lunedì 2 marzo 2026');
    await slot.selectOption({ label: 'lunedì 2 marzo, 09:30–10:00' });
    await booking
      .getByLabel('Motivo della convocazione')
      .selectOption({ label: 'Firma del contratto di soggiorno' });
    await booking
      .getByLabel('Documenti da portare')
      .fill('Passaporto del lavoratore\nMarca da bollo da 16 €');
    await expectAccessible(page);

    // Someone else books that slot for another case while the form is open
    const desks = await t.app.inject({ url: '/api/desks', headers: (await managerApi()).headers });
    const taken = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${other.id}/appointments`,
      headers: (await managerApi()).headers,
      payload: { deskId: desks.json()[0].id, startsAt: '2026-03-02T09:30:00+01:00', purpose: 'INTERVIEW' },
    });
    expect(taken.statusCode).toBe(201);
    await booking.getByRole('button', { name: "Fissa l'appuntamento e invia la convocazione" }).click();
    const refusal = booking.getByRole('alert');
    await refusal.getByText('L’orario scelto è già prenotato.').waitFor();
    expect(await slot.getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page);
    await refusal.getByRole('button', { name: 'lunedì 2 marzo, 10:00–10:30' }).click();
    expect(await slot.inputValue()).toBe('2026-03-02T10:00:00+01:00');
    await booking.getByRole('button', { name: "Fissa l'appuntamento e invia la convocazione" }).click();
    await page
      .getByRole('status')
      .getByText('Appuntamento fissato per lunedì 2 marzo 2026, 10:00–10:30.')
      .waitFor();

    const item = section.getByRole('listitem').filter({
      has: page.getByRole('heading', { level: 3, name: 'lunedì 2 marzo 2026, 10:00–10:30' }),
    });
    await item.getByText('Programmato').waitFor();
    await item.getByText('Firma del contratto di soggiorno').waitFor();
    await item.getByText(PLACE).waitFor();
    await item.getByText('Marca da bollo da 16 €').waitFor();
    await item.getByText(/^Inviata il /).waitFor();
    await item.getByText(`${EMPLOYER_PEC} (PEC)`).waitFor();
    const letter = await waitForMail(t.smtp.inbox, EMPLOYER_PEC);
    expect(letter.text).toContain(filed.number);
    expect(letter.attachments.some((file) => file.content.includes('BEGIN:VEVENT'))).toBe(true);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      item.getByRole('link', { name: /Scarica per il calendario/ }).click(),
    ]);
    expect(await readFile((await download.path()) as string, 'utf8')).toContain('BEGIN:VEVENT');
    await expectAccessible(page);
    await closeAfterRefusals(page, errors);
  });

  it('moves the appointment to another slot, and refuses its outcome before it begins', async () => {
    const page = await openCase();
    const errors = watchErrors(page);
    const section = page.getByRole('region', { name: 'Appuntamenti' });
    await section.getByRole('button', { name: /^Sposta/ }).click();
    const move = page.getByRole('dialog', { name: "Sposta l'appuntamento" });
    await move.getByText('Ora è fissato per lunedì 2 marzo 2026, 10:00–10:30.', { exact: false }).waitFor();
    expect(await move.getByLabel('Sportello').inputValue()).not.toBe('');
    await move
      .getByLabel('Orario')
      .locator('option', { hasText: 'martedì 3 marzo, 11:00–11:30' })
      .waitFor({ state: 'attached' });
    await move.getByLabel('Orario').selectOption({ label: 'martedì 3 marzo, 11:00–11:30' });
    await move.getByLabel('Note (facoltative)').fill('Il datore di lavoro è fuori sede lunedì.');
    await expectAccessible(page);
    await move.getByRole('button', { name: "Sposta l'appuntamento" }).click();
    await move.waitFor({ state: 'hidden' });
    await page
      .getByRole('status')
      .getByText('Appuntamento fissato per martedì 3 marzo 2026, 11:00–11:30.')
      .waitFor();
    const moved = section.getByRole('listitem').filter({
      has: page.getByRole('heading', { level: 3, name: 'martedì 3 marzo 2026, 11:00–11:30' }),
    });
    const before = section.getByRole('listitem').filter({
      has: page.getByRole('heading', { level: 3, name: 'lunedì 2 marzo 2026, 10:00–10:30' }),
    });
    await moved.getByText('Programmato').waitFor();
    await before.getByText('Rinviato').waitFor();
    expect(await before.getByRole('button').count()).toBe(0);
    await expect.poll(() => t.smtp.inbox.filter((mail) => mail.to.includes(EMPLOYER_PEC)).length).toBe(2);

    // Whether the applicant came is recorded from the appointment's start on
    await moved.getByRole('button', { name: /^Presente/ }).click();
    const outcome = page.getByRole('dialog', { name: "Registra l'esito: Presente" });
    await outcome.getByRole('button', { name: 'Conferma' }).click();
    await outcome
      .getByRole('alert')
      .getByText('L’esito di un appuntamento si registra dall’ora dell’appuntamento in poi.')
      .waitFor();
    await expectAccessible(page);
    await outcome.getByRole('button', { name: 'Annulla' }).click();
    await outcome.waitFor({ state: 'hidden' });
    await closeAfterRefusals(page, errors);
  });

  it('records that nobody came once the appointment has begun, and asks the legal expert', async () => {
    t.clock.set(new Date('2026-03-03T11:10:00+01:00'));
    // sessions idle out after 30 minutes: the manager signs in again
    const page = await openCase();
    const section = page.getByRole('region', { name: 'Appuntamenti' });
    const moved = section.getByRole('listitem').filter({
      has: page.getByRole('heading', { level: 3, name: 'martedì 3 marzo 2026, 11:00–11:30' }),
    });
    await moved.getByRole('button', { name: /^Non presentato/ }).click();
    const outcome = page.getByRole('dialog', { name: "Registra l'esito: Non presentato" });
    await outcome.getByLabel('Note (facoltative)').fill('Nessuno si è presentato allo sportello.');
    await outcome.getByRole('button', { name: 'Conferma' }).click();
    await page
      .getByRole('status')
      .getByText('Appuntamento di martedì 3 marzo 2026, 11:00–11:30: Non presentato.')
      .waitFor();
    await moved.getByText('Nessuno si è presentato allo sportello.').waitFor();
    expect(await moved.getByRole('button').count()).toBe(0);
    await page
      .getByRole('table', { name: 'Cronologia della pratica, dal primo evento' })
      .getByRole('row', { name: /Mancata presentazione/ })
      .waitFor();

    const questions = page.getByRole('region', { name: "Domande all'esperto legale" });
    await questions.getByText('Nessun quesito posto sulla pratica.').waitFor();
    await questions
      .getByLabel('Quesito', { exact: true })
      .fill(
        'Il datore di lavoro non si è presentato alla firma: si può archiviare la domanda o va convocato di nuovo?',
      );
    await questions.getByRole('button', { name: 'Invia il quesito' }).click();
    // five working days from Tuesday 3 March (Saturday is one), as the server sets it when none is given
    await page
      .getByRole('status')
      .getByText("Quesito inviato all'esperto legale: risposta attesa entro il 9 marzo 2026.")
      .waitFor();
    const asked = questions.getByRole('listitem').filter({
      has: page.getByRole('heading', { level: 3, name: 'Quesito del 3 marzo 2026' }),
    });
    await asked.getByText('In attesa di risposta').waitFor();
    await asked.getByText('9 marzo 2026').waitFor();
    await expectAccessible(page);
    await closePage(page);
  });

  it('shows the question in the legal expert’s queue, and her answer on the case page', async () => {
    let page = await openSignedIn('/pratiche', expertEmail);
    await page.getByRole('link', { name: 'Quesiti legali' }).click();
    await page.getByRole('heading', { level: 1, name: 'Quesiti legali' }).waitFor();
    const queue = page.getByRole('table', { name: 'Quesiti in attesa di risposta, per scadenza' });
    const row = queue.getByRole('row', { name: new RegExp(filed.number) });
    await row.getByText('9 marzo 2026').waitFor();
    await row.getByText(/si può archiviare la domanda/).waitFor();
    await expectAccessible(page);
    await row.getByRole('link', { name: filed.number }).click();
    await page.getByRole('heading', { level: 1, name: `Pratica ${filed.number}` }).waitFor();

    // the legal expert reads the appointments and answers; she neither books nor asks
    const appointments = page.getByRole('region', { name: 'Appuntamenti' });
    await appointments.getByText('Non presentato', { exact: true }).waitFor();
    expect(await appointments.getByRole('button').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Invia il quesito' }).count()).toBe(0);
    const questions = page.getByRole('region', { name: "Domande all'esperto legale" });
    await questions
      .getByLabel('Risposta')
      .fill(
        'Prima di archiviare va inviata una seconda convocazione: la mancata presentazione va documentata.',
      );
    await questions.getByRole('button', { name: /^Invia la risposta/ }).click();
    await page.getByRole('status').getByText('Risposta al quesito del 3 marzo 2026 registrata.').waitFor();
    await questions.getByText(/va inviata una seconda convocazione/).waitFor();
    await questions.getByText(/^Risposto da Mario Rossi il /).waitFor();
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Pratiche SUI' }).first().click();
    await page.getByRole('link', { name: 'Quesiti legali' }).click();
    await page.getByText('Nessun quesito in attesa di risposta.').waitFor();
    await closePage(page);

    page = await openCase();
    await page
      .getByRole('region', { name: "Domande all'esperto legale" })
      .getByText(/va inviata una seconda convocazione/)
      .waitFor();
    await closePage(page);
  });

  it('proposes the mediators who speak the applicant’s language at the chosen time, and books the one chosen', async () => {
    const api = await managerApi();
    for (const language of ['en', 'ar']) {
      const mediator = await makeUser(t.platform, [{ organisationId: prefectureId, role: 'mediator' }]);
      const saved = await t.app.inject({
        method: 'PUT',
        url: `/api/mediators/${mediator.id}/profile`,
        headers: api.headers,
        payload: { languages: [{ language, level: 'C1' }], availability: [] },
      });
      expect(saved.statusCode).toBe(200);
    }
    const page = await openSignedIn(`/pratiche/${other.id}`);
    const errors = watchErrors(page);
    const booking = page.getByRole('region', { name: 'Fissa un appuntamento' });
    // the worker prefers English, which one mediator speaks
    expect(await booking.getByLabel('Lingua della mediazione').inputValue()).toBe('en');
    await booking.getByText('Scegliere sportello e orario: saranno proposti i mediatori liberi.').waitFor();
    await booking.getByLabel('Sportello').selectOption({ label: 'Sportello 1' });
    const slot = booking.getByLabel('Orario');
    await slot.locator('option', { hasText: 'lunedì 9 marzo, 09:00–09:30' }).waitFor({ state: 'attached' });
    await slot.selectOption({ label: 'lunedì 9 marzo, 09:00–09:30' });
    const mediator = booking.getByLabel('Mediatore', { exact: true });
    await mediator
      .locator('option', { hasText: 'Mario Rossi (C1 – avanzato)' })
      .waitFor({ state: 'attached' });
    await booking.getByText('Perché non è proposto 1 altro mediatore').click();
    await booking.getByText('Mario Rossi: Non parla inglese').waitFor();
    await expectAccessible(page);
    await mediator.selectOption({ label: 'Mario Rossi (C1 – avanzato)' });
    await booking.getByLabel('Motivo della convocazione').selectOption({ label: 'Colloquio' });
    await booking.getByRole('button', { name: "Fissa l'appuntamento e invia la convocazione" }).click();
    await page
      .getByRole('status')
      .getByText('Appuntamento fissato per lunedì 9 marzo 2026, 09:00–09:30.')
      .waitFor();
    const item = page.getByRole('listitem').filter({
      has: page.getByRole('heading', { level: 3, name: 'lunedì 9 marzo 2026, 09:00–09:30' }),
    });
    await item.getByText('Mario Rossi – lingua: inglese').waitFor();
    await closeAfterRefusals(page, errors);
  });

  it('shows the staff the convocation in every language it is translated into', async () => {
    const page = await openSignedIn('/pratiche');
    await page.getByRole('link', { name: 'Convocazione nelle lingue' }).click();
    await page.getByRole('heading', { level: 1, name: 'Convocazione nelle lingue' }).waitFor();
    for (const name of ['Italiano', 'English', 'Français', 'العربية', 'Українська'])
      await page.getByRole('heading', { level: 2, name }).waitFor();
    await page.getByText('الشباك الموحّد للهجرة', { exact: false }).waitFor();
    await expectAccessible(page);
    await closePage(page);
  });

  it('fits the new pages in 360 px without widening the page', async () => {
    const pages = {
      '/pratiche/sportelli': 'Sportello 1',
      '/pratiche/quesiti': 'Nessun quesito in attesa di risposta.',
      '/pratiche/convocazioni': 'Українська',
      [`/pratiche/${filed.id}`]: 'Prima di archiviare va inviata una seconda convocazione',
    };
    for (const [path, shown] of Object.entries(pages)) {
      const page = await openSignedIn(path, managerEmail, 360);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.getByText(shown, { exact: false }).first().waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await closePage(page);
    }
  });
});
