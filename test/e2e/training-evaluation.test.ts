import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_NOW } from '../support/app.ts';
import {
  type BrowserTest,
  browserAvailable,
  expectAccessible,
  openSignedIn,
  startBrowserTest,
  stopBrowserTest,
} from '../support/browser.ts';
import { makeOrganisation, makeUser, signIn } from '../support/identity.ts';

const TITLE = 'Il ricongiungimento familiare';
const SCALES = [
  'Soddisfazione complessiva per il corso',
  'I contenuti',
  'Chi ha tenuto il corso',
  'L’organizzazione (orari, luogo o collegamento, materiali)',
  'L’utilità per il suo lavoro',
];

/** An operator who took part in an ended edition answers its anonymous evaluation from the edition's page. */
describe.skipIf(!browserAvailable())('the anonymous evaluation of an edition, in Chromium', () => {
  let t: BrowserTest;
  let editionId: string;
  let annaEmail: string;
  let annaId: string;

  beforeAll(async () => {
    t = await startBrowserTest();
    const comune = await makeOrganisation(t.platform, { name: 'Comune di Lodi', type: 'MUNICIPALITY' });
    const coop = await makeOrganisation(t.platform, { name: 'Cooperativa LULE', type: 'COOPERATIVE' });
    const trainer = await makeUser(t.platform, [{ organisationId: coop.id, role: 'trainer' }]);
    const anna = await makeUser(t.platform, [{ organisationId: comune.id, role: 'trainee' }]);
    annaEmail = anna.email;
    annaId = anna.id;
    // the edition is planned and the operator enrolled the day before it
    t.clock.set('2026-03-01T10:00:00+01:00');
    const trainerSession = await signIn(t.app, trainer.email);
    const course = await t.app.inject({
      method: 'POST',
      url: '/api/training/courses',
      headers: trainerSession.headers,
      payload: {
        title: TITLE,
        track: 'PUBLIC',
        objectives: 'Orientare le famiglie.',
        topics: 'Requisiti',
        hours: 1,
        trainerIds: [trainer.id],
        targetRoles: 'Operatori dei Comuni',
        completionPercent: 75,
      },
    });
    const edition = await t.app.inject({
      method: 'POST',
      url: `/api/training/courses/${course.json().id}/editions`,
      headers: trainerSession.headers,
      payload: {
        name: 'Edizione di marzo',
        capacity: 5,
        cancelUntil: '2026-03-02',
        sessions: [{ day: '2026-03-02', startTime: '07:00', endTime: '08:30', place: 'Prefettura di Lodi' }],
      },
    });
    editionId = edition.json().id;
    const enrolled = await t.app.inject({
      method: 'POST',
      url: `/api/training/editions/${editionId}/enrolment`,
      headers: (await signIn(t.app, anna.email)).headers,
    });
    expect(enrolled.statusCode).toBe(201);
    // at 9:00 in Rome the only session is over: the trainer sends the evaluation to those who held a place
    t.clock.set(TEST_NOW);
    const sent = await t.app.inject({
      method: 'POST',
      url: `/api/training/editions/${editionId}/evaluation`,
      headers: (await signIn(t.app, trainer.email)).headers,
    });
    expect(sent.statusCode).toBe(201);
  });

  afterAll(() => stopBrowserTest(t));

  it('lets the operator answer from the edition page, and acknowledges the answer there', async () => {
    const page = await openSignedIn(t.browser, t.base, `/formazione/edizioni/${editionId}`, annaEmail);
    await page.getByRole('heading', { name: 'Valutazione anonima del corso' }).waitFor();
    await page.getByRole('link', { name: 'Compila la valutazione anonima' }).click();
    await page.getByRole('heading', { level: 1, name: `Valutazione del corso «${TITLE}»` }).waitFor();
    await page.getByLabel(SCALES[0] as string).selectOption({ label: '4 su 5' });
    await page.getByRole('button', { name: 'Invia la risposta' }).click();
    await page.getByText('risposta obbligatoria', { exact: false }).first().waitFor();
    for (const label of SCALES.slice(1)) await page.getByLabel(label).selectOption({ label: '5 su 5' });
    await page.getByLabel('Che cosa cambierebbe, che cosa terrebbe').fill('Più esempi di pratiche');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Invia la risposta' }).click();
    await page.getByRole('status').getByText('Grazie: la tua risposta anonima è registrata.').waitFor();

    await page.goto(`${t.base}/formazione/edizioni/${editionId}`);
    await page.getByRole('heading', { name: 'Valutazione anonima del corso' }).waitFor();
    await page.getByText('Grazie: la tua risposta anonima è registrata.').waitFor();
    await expect(page.getByRole('link', { name: 'Compila la valutazione anonima' }).count()).resolves.toBe(0);
    await expectAccessible(page);

    // one answer held until the evaluation closes, and nothing in it says whose
    const held = await t.platform.database.db.selectFrom('surveyHeldAnswer').selectAll().execute();
    expect(held).toHaveLength(1);
    expect(JSON.stringify(held)).toContain('Più esempi di pratiche');
    expect(JSON.stringify(held)).not.toContain(annaId);
  });
});
