import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SYSTEM_CALLER } from '../../src/kernel/auth.ts';
import { register } from '../../src/modules/outreach/events/seats.ts';
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

/**
 * The interpreter of an event as the staff and the mediator live it: the communications officer assigns the Arabic
 * mediator from the keyboard with a note, and the mediator finds the session, with how many asked, on her page.
 */
describe.skipIf(!browserAvailable())('events: a mediator assigned to interpret, in Chromium', () => {
  let t: BrowserTestWithMail;
  let officerEmail: string;
  let mediatorEmail: string;
  let eventId: string;

  beforeAll(async () => {
    t = await startBrowserTest({ smtp: true });
    const prefettura = await makeOrganisation(t.platform, { name: 'Prefettura di Lodi', type: 'PREFECTURE' });
    officerEmail = (await makeUser(t.platform, [{ organisationId: prefettura.id, role: 'communications' }]))
      .email;
    const mediator = await makeUser(t.platform, [{ organisationId: prefettura.id, role: 'mediator' }]);
    mediatorEmail = mediator.email;
    const managerEmail = (
      await makeUser(t.platform, [{ organisationId: prefettura.id, role: 'sui_manager' }])
    ).email;
    const as = async (session: Session, method: 'POST' | 'PUT', url: string, payload: object) =>
      (await t.app.inject({ method, url, headers: session.headers, payload })).json();
    const manager = await signIn(t.app, managerEmail);
    await as(manager, 'PUT', `/api/mediators/${mediator.id}/languages`, { languages: ['ar'] });
    const officer = await signIn(t.app, officerEmail);
    eventId = (
      await as(officer, 'POST', '/api/outreach/events', {
        kind: 'CONFERENCE',
        title: 'Convegno finale LOVIT',
        summary: 'I risultati del progetto.',
        description: 'Una mattina di interventi.',
        offerHours: 48,
      })
    ).id;
    const withSession = await as(officer, 'POST', `/api/outreach/events/${eventId}/sessions`, {
      label: 'Mattina',
      day: '2026-05-20',
      startTime: '09:30',
      endTime: '13:00',
      venue: 'Sala dei Comuni',
      address: 'Corso Umberto I 40, Lodi',
      accessibility: 'Ingresso senza gradini.',
      capacity: 50,
    });
    await as(officer, 'PUT', `/api/outreach/events/${eventId}/published`, { published: true });
    for (const i of [1, 2])
      await register(t.platform, SYSTEM_CALLER, {
        sessionId: withSession.sessions[0].id,
        name: `Ospite ${i}`,
        email: `ospite${i}@example.org`,
        organisation: null,
        organisationType: null,
        language: 'ar',
        accessibilityNeeds: null,
        interpretationLanguage: 'ar',
      });
  });

  afterAll(() => stopBrowserTest(t));

  it('lets the officer assign the Arabic mediator with a note, from the keyboard', async () => {
    const page = await openSignedIn(t.browser, t.base, `/comunicazione/eventi/${eventId}`, officerEmail);
    const panel = page.getByRole('region', { name: 'Interpreti e mediatori richiesti' });
    await panel.getByText('Nessun mediatore assegnato.').waitFor();
    await panel.getByRole('button', { name: 'Assegna un mediatore (arabo, Mattina)' }).focus();
    await page.keyboard.press('Enter');
    const form = panel.getByRole('form', { name: 'Mediatore per arabo, Mattina' });
    const choice = form.getByLabel('Mediatore', { exact: true });
    await vi.waitFor(async () =>
      expect(await choice.evaluate((element) => element === document.activeElement)).toBe(true),
    );
    await choice.selectOption({ label: 'Mario Rossi (Arabo)' });
    await form.getByLabel('Indicazioni per il mediatore (facoltative)').fill('Arrivare 30 minuti prima');
    await expectAccessible(page);
    await form.getByRole('button', { name: 'Assegna e avvisa per e-mail' }).click();
    await page.getByRole('status').getByText('Incarico affidato a Mario Rossi (arabo, Mattina)').waitFor();
    await panel.getByText('Mediatore: Mario Rossi').waitFor();
    await panel.getByText('Indicazioni: Arrivare 30 minuti prima').waitFor();
    await panel.getByRole('button', { name: 'Togli l’incarico (arabo, Mattina)' }).waitFor();
    await closePage(page);
  });

  it('shows the mediator her session with how many asked, without their names', async () => {
    const page = await openSignedIn(t.browser, t.base, '/comunicazione/interpretariato', mediatorEmail);
    await page.getByRole('heading', { level: 1, name: 'I miei incarichi di interpretariato' }).waitFor();
    const card = page.getByRole('region', { name: 'Convegno finale LOVIT – Mattina' });
    await card.getByText('Arabo: 2 persone hanno chiesto l’interprete').waitFor();
    await card.getByText('Sala dei Comuni, Corso Umberto I 40, Lodi').waitFor();
    await card.getByText('Arrivare 30 minuti prima').waitFor();
    await expectAccessible(page);
    await closePage(page);
  });
});
