import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserTestWithMail,
  browserAvailable,
  closePage,
  expectAccessible,
  openSignedIn,
  startBrowserTest,
  stopBrowserTest,
} from '../support/browser.ts';
import { makeOrganisation, makeUser, type Session, signIn } from '../support/identity.ts';
import { waitForMail } from '../support/smtp.ts';

const PHONE = 360;

/**
 * An operator asks for a place in a full edition, waits, gets the place when another withdraws, and checks in on a
 * phone with the code on the trainer's screen.
 */
describe.skipIf(!browserAvailable())('enrolment, waitlist and check-in, in Chromium', () => {
  let t: BrowserTestWithMail;
  let editionId: string;
  let sessionId: string;
  let anna: Session;
  let brunoEmail: string;
  let trainerEmail: string;

  beforeAll(async () => {
    t = await startBrowserTest({ smtp: true });
    const comune = await makeOrganisation(t.platform, { name: 'Comune di Lodi', type: 'MUNICIPALITY' });
    const coop = await makeOrganisation(t.platform, { name: 'Cooperativa LULE', type: 'COOPERATIVE' });
    const trainer = await makeUser(t.platform, [{ organisationId: coop.id, role: 'trainer' }]);
    trainerEmail = trainer.email;
    const annaUser = await makeUser(t.platform, [{ organisationId: comune.id, role: 'trainee' }]);
    brunoEmail = (await makeUser(t.platform, [{ organisationId: comune.id, role: 'trainee' }])).email;
    const trainerSession = await signIn(t.app, trainer.email);
    anna = await signIn(t.app, annaUser.email);
    const post = (session: Session, url: string, payload: object = {}) =>
      t.app.inject({ method: 'POST', url, headers: session.headers, payload });
    const course = await post(trainerSession, '/api/training/courses', {
      title: 'Il ricongiungimento familiare',
      track: 'PUBLIC',
      objectives: 'Orientare le famiglie.',
      topics: 'Requisiti\nDocumenti',
      hours: 4,
      trainerIds: [trainer.id],
      targetRoles: 'Operatori dei Comuni',
      completionPercent: 75,
    });
    // the test clock stands at 9:00 in Rome: the session is under way
    const edition = await post(trainerSession, `/api/training/courses/${course.json().id}/editions`, {
      name: 'Edizione di marzo',
      capacity: 1,
      cancelUntil: '2026-03-02',
      sessions: [{ day: '2026-03-02', startTime: '08:30', endTime: '12:30', place: 'Prefettura di Lodi' }],
    });
    editionId = edition.json().id;
    sessionId = edition.json().sessions[0].id;
    expect((await post(anna, `/api/training/editions/${editionId}/enrolment`)).json().status).toBe(
      'ENROLLED',
    );
  });

  afterAll(() => stopBrowserTest(t));

  it('waitlists the operator, promotes them when a place frees, and takes their check-in on a phone', async () => {
    const page = await openSignedIn(t.browser, t.base, `/formazione/edizioni/${editionId}`, brunoEmail, {
      width: PHONE,
    });
    await page.getByText('I posti sono esauriti').waitFor();
    await page.getByRole('button', { name: 'Mettiti in lista d’attesa' }).click();
    await page.getByRole('status').getByText('è in lista d’attesa (posizione 1)').waitFor();
    await page.getByText('In lista d’attesa (posizione 1)').first().waitFor();
    await expectAccessible(page);

    const annaPlace = (
      await t.app.inject({ url: `/api/training/editions/${editionId}`, headers: anna.headers })
    ).json().mine.enrolmentId;
    const withdrawn = await t.app.inject({
      method: 'POST',
      url: `/api/training/enrolments/${annaPlace}/cancel`,
      headers: anna.headers,
    });
    expect(withdrawn.statusCode).toBe(204);
    const mail = await waitForMail(t.smtp.inbox, brunoEmail, 10_000);
    expect(mail.subject).toContain('Posto confermato dalla lista d’attesa');
    expect(mail.attachments.map((attachment) => attachment.filename)).toEqual(['sessioni.ics']);
    await page.reload();
    await page.getByText('Iscrizione confermata').first().waitFor();

    const screen = await openSignedIn(t.browser, t.base, `/formazione/sessioni/${sessionId}`, trainerEmail);
    await screen.getByRole('img', { name: 'Codice QR per registrare la presenza' }).waitFor();
    const shown = await screen.getByText(/^Codice da digitare:\s*\S{6}$/).textContent();
    const code = (shown ?? '').replace('Codice da digitare:', '').trim();
    expect(code).toMatch(/^[0-9A-Z]{6}$/);
    await expectAccessible(screen);

    await page.goto(`${t.base}/formazione/presenza`);
    await page.getByLabel('Codice').fill(code.toLowerCase());
    await page.getByRole('button', { name: 'Registra la presenza' }).click();
    await page.getByRole('status').getByText('Presenza registrata').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE);
    await expectAccessible(page);

    await screen.reload();
    await screen.getByText('Presenti: 1 su 1.').waitFor();
    await expect(screen.getByRole('checkbox', { name: /Mario Rossi/ }).isChecked()).resolves.toBe(true);
    await closePage(screen);
    await closePage(page);
  });

  it('keeps the trainer’s focus on the box just marked in the register, by keyboard', async () => {
    const screen = await openSignedIn(t.browser, t.base, `/formazione/sessioni/${sessionId}`, trainerEmail);
    await screen.getByText('Presenti: 1 su 1.').waitFor();
    const box = screen.getByRole('checkbox', { name: /Mario Rossi/ });
    const isFocused = () => box.evaluate((element) => element === document.activeElement);
    const press = async () => {
      const saved = screen.waitForResponse(
        (response) => response.url().endsWith('/register') && response.request().method() === 'POST',
      );
      await screen.keyboard.press('Space');
      expect((await saved).status()).toBe(200);
    };
    await box.focus();
    await press();
    await screen.getByText('Presenti: 0 su 1.').waitFor();
    await expect(isFocused()).resolves.toBe(true);
    await press();
    await screen.getByText('Presenti: 1 su 1.').waitFor();
    await expect(isFocused()).resolves.toBe(true);
    await screen.reload();
    await screen.getByText('Presenti: 1 su 1.').waitFor();
    await closePage(screen);
  });

  it('lets the trainer withdraw a participant after the deadline, saying why', async () => {
    const page = await openSignedIn(t.browser, t.base, `/formazione/edizioni/${editionId}`, trainerEmail);
    await page.getByRole('button', { name: 'Ritira Mario Rossi' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ritira Mario Rossi dall’edizione' });
    await dialog.getByRole('button', { name: 'Ritira dall’edizione' }).click();
    await dialog.getByText('Indicare il motivo del ritiro').waitFor();
    await expect(
      dialog.getByLabel('Motivo del ritiro').evaluate((element) => element === document.activeElement),
    ).resolves.toBe(true);
    await expectAccessible(page);
    await dialog.getByLabel('Motivo del ritiro').fill('In servizio allo sportello quel giorno.');
    await dialog.getByRole('button', { name: 'Ritira dall’edizione' }).click();
    await page.getByRole('status').getByText('Mario Rossi non è più iscritto/a all’edizione.').waitFor();
    await expect
      .poll(() => t.smtp.inbox.filter((mail) => mail.to.includes(brunoEmail)).map((mail) => mail.subject))
      .toContain('Iscrizione ritirata: Il ricongiungimento familiare');
    await closePage(page);
  });
});
