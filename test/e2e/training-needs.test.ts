import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserTestWithMail,
  browserAvailable,
  expectAccessible,
  openSignedIn,
  startBrowserTest,
  stopBrowserTest,
} from '../support/browser.ts';
import { makeOrganisation, makeUser, type Session, signIn } from '../support/identity.ts';

/** A trainer launches the needs survey from the template, and once closed reads the topics ranked by demand. */
describe.skipIf(!browserAvailable())('the training needs survey, in Chromium', () => {
  let t: BrowserTestWithMail;
  let trainerEmail: string;
  let trainer: Session;
  const trainees: Session[] = [];

  beforeAll(async () => {
    t = await startBrowserTest({ smtp: true });
    const comune = await makeOrganisation(t.platform, { name: 'Comune di Lodi', type: 'MUNICIPALITY' });
    const user = await makeUser(t.platform, [{ organisationId: comune.id, role: 'trainer' }]);
    trainerEmail = user.email;
    trainer = await signIn(t.app, user.email);
    for (let n = 0; n < 5; n++)
      trainees.push(
        await signIn(
          t.app,
          (await makeUser(t.platform, [{ organisationId: comune.id, role: 'trainee' }])).email,
        ),
      );
  });

  afterAll(() => stopBrowserTest(t));

  it('builds the survey from the template and shows the topic list to plan from', async () => {
    const page = await openSignedIn(t.browser, t.base, '/formazione', trainerEmail);
    await page.getByRole('link', { name: 'Rilevazione dei fabbisogni formativi' }).click();
    await page
      .getByLabel('Argomenti', { exact: true })
      .fill('Il decreto flussi\nIl ricongiungimento familiare');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Prepara la rilevazione' }).click();
    await page
      .getByRole('heading', { name: 'Rilevazione dei fabbisogni formativi degli operatori' })
      .waitFor();
    const id = page.url().split('/questionari/')[1] as string;

    const post = (session: Session, url: string, payload: object = {}) =>
      t.app.inject({ method: 'POST', url, headers: session.headers, payload });
    await post(trainer, `/api/surveys/${id}/invitations`, { userIds: trainees.map((s) => s.view.user.id) });
    await post(trainer, `/api/surveys/${id}/open`);
    for (const [index, session] of trainees.entries())
      await post(session, `/api/surveys/${id}/answers`, {
        answers: {
          ruolo: 'Assistente sociale',
          tipo_ente: 'Comune',
          percorso: 'Operatori degli enti pubblici',
          argomento_1: index < 3 ? 5 : 2,
          argomento_2: 3,
          formato: 'Online',
        },
      });
    await post(trainer, `/api/surveys/${id}/close`);

    await page.goto(`${t.base}/formazione/fabbisogni/${id}`);
    await page.getByRole('heading', { name: 'Argomenti in ordine di domanda' }).waitFor();
    await page.getByRole('rowheader', { name: 'Il decreto flussi' }).waitFor();
    expect(await page.getByRole('rowheader', { name: 'Il decreto flussi' }).count()).toBe(1);
    await page
      .getByRole('img', { name: 'Persone che indicano un bisogno alto (4 o 5), per argomento' })
      .waitFor();
    await page.getByRole('heading', { name: 'Per tipo di ente' }).waitFor();
    await expectAccessible(page);
  });
});
