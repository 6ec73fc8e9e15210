import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserTestWithMail,
  browserAvailable,
  closeAfterRefusals,
  expectAccessible,
  openSignedIn,
  startBrowserTest,
  stopBrowserTest,
  watchErrors,
} from '../support/browser.ts';
import { setUpCouncilTable } from '../support/council.ts';

/** The secretariat moves a convened meeting and then cancels it; the participants get both calendar entries. */
describe.skipIf(!browserAvailable())('moving and cancelling a meeting, in Chromium', () => {
  let t: BrowserTestWithMail;
  let secretariatEmail: string;
  let meetingId: string;

  beforeAll(async () => {
    t = await startBrowserTest({ smtp: true });
    const council = await setUpCouncilTable(t, { name: 'Tavolo scuola', theme: 'SCHOOL' }, [
      {
        organisation: 'Comune di Lodi',
        type: 'MUNICIPALITY',
        representativeName: 'Roberto Conti',
        representativeEmail: 'roberto.conti@enti.example',
      },
    ]);
    const { post, tableId } = council;
    secretariatEmail = council.secretariatEmail;
    const meeting = await post(`/api/council/tables/${tableId}/meetings`, {
      title: 'Seduta di aprile',
      startsAt: '2026-04-14T10:00:00+02:00',
      place: 'Prefettura di Lodi',
      agenda: [{ title: 'Corsi di lingua', durationMinutes: 45 }],
    });
    meetingId = meeting.json().id;
  });

  afterAll(() => stopBrowserTest(t));

  it('moves the meeting with a reason, then cancels it', async () => {
    const page = await openSignedIn(t.browser, t.base, `/cti/sedute/${meetingId}`, secretariatEmail);
    // the move without a reason is refused by the server's validation (400), on purpose
    const errors = watchErrors(page, /Failed to load resource: the server responded with a status of 400/);
    await page.getByRole('heading', { level: 2, name: 'Spostamento o annullamento' }).waitFor();
    await page.getByLabel('Giorno', { exact: true }).fill('2026-04-21');
    await page.getByLabel('Ora di inizio', { exact: true }).fill('15:30');
    await page.getByRole('button', { name: 'Sposta e invia di nuovo le convocazioni' }).click();
    await page.getByLabel('Motivo dello spostamento').and(page.locator('[aria-invalid="true"]')).waitFor();
    await page.getByLabel('Motivo dello spostamento').fill('Concomitanza con il tavolo lavoro');
    await page.getByRole('button', { name: 'Sposta e invia di nuovo le convocazioni' }).click();
    await page.getByText('21/04/26, 15:30').waitFor();
    await expectAccessible(page);

    await page.getByLabel("Motivo dell'annullamento").fill('Sciopero dei trasporti');
    await page.getByRole('button', { name: 'Annulla la seduta e avvisa i partecipanti' }).click();
    await page.getByText('Sciopero dei trasporti').waitFor();
    await expect(page.getByRole('heading', { name: 'Spostamento o annullamento' }).count()).resolves.toBe(0);
    await expectAccessible(page);
    await closeAfterRefusals(page, errors);

    const calendars = t.smtp.inbox.map((mail) => mail.attachments[0]?.content ?? '');
    expect(calendars).toHaveLength(3);
    expect(calendars[1]).toContain('SEQUENCE:1');
    expect(calendars[1]).toContain('DTSTART:20260421T133000Z');
    expect(calendars[2]).toContain('METHOD:CANCEL');
    expect(calendars[2]).toContain('SEQUENCE:2');
  });
});
