import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_NOW } from '../support/app.ts';
import {
  type BrowserTestWithMail,
  browserAvailable,
  closePage,
  expectAccessible,
  openPage,
  openSignedIn,
  startBrowserTest,
  stopBrowserTest,
} from '../support/browser.ts';
import { makeOrganisation, makeUser, signIn } from '../support/identity.ts';

const TITLE = 'Il ricongiungimento familiare';

/** A trainer generates the certificates of a finished edition; the operator downloads theirs and checks it. */
describe.skipIf(!browserAvailable())('certificates of attendance, in Chromium', () => {
  let t: BrowserTestWithMail;
  let editionId: string;
  let trainerEmail: string;
  let annaEmail: string;

  beforeAll(async () => {
    // the jobs run: the certificates are issued by one
    t = await startBrowserTest({ smtp: true });
    const comune = await makeOrganisation(t.platform, { name: 'Comune di Lodi', type: 'MUNICIPALITY' });
    const coop = await makeOrganisation(t.platform, { name: 'Cooperativa LULE', type: 'COOPERATIVE' });
    const trainer = await makeUser(t.platform, [{ organisationId: coop.id, role: 'trainer' }]);
    const anna = await makeUser(t.platform, [{ organisationId: comune.id, role: 'trainee' }]);
    trainerEmail = trainer.email;
    annaEmail = anna.email;
    // the edition is planned and the operator enrolled the day before it
    t.clock.set('2026-03-01T10:00:00+01:00');
    const trainerSession = await signIn(t.app, trainer.email);
    const annaSession = await signIn(t.app, anna.email);
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
    await t.app.inject({
      method: 'POST',
      url: `/api/training/editions/${editionId}/enrolment`,
      headers: annaSession.headers,
    });
    // at 9:00 in Rome the only session is over, and its register is marked
    t.clock.set(TEST_NOW);
    const marked = await t.app.inject({
      method: 'POST',
      url: `/api/training/sessions/${edition.json().sessions[0].id}/register`,
      headers: (await signIn(t.app, trainer.email)).headers,
      payload: { userId: anna.id, present: true },
    });
    expect(marked.statusCode).toBe(200);
  });

  afterAll(() => stopBrowserTest(t));

  it('generates the certificates, lets the operator download theirs and anyone verify it', async () => {
    const page = await openSignedIn(t.browser, t.base, `/formazione/edizioni/${editionId}`, trainerEmail);
    await page.getByRole('heading', { name: 'Attestati di partecipazione' }).waitFor();
    await page.getByRole('button', { name: 'Genera attestati' }).click();
    await page.getByText('Generazione conclusa: 1 attestato rilasciato.').waitFor({ timeout: 15_000 });
    await page.getByRole('link', { name: 'LO-FORM-2026-000001' }).waitFor();
    await expectAccessible(page);
    await closePage(page);

    const own = await openSignedIn(t.browser, t.base, '/formazione', annaEmail);
    await own.getByRole('heading', { name: 'I miei attestati' }).waitFor();
    const download = own.waitForEvent('download');
    await own.getByRole('link', { name: `Scarica l’attestato di «${TITLE}» – Edizione di marzo` }).click();
    expect((await download).suggestedFilename()).toBe('attestato-LO-FORM-2026-000001.pdf');
    await expectAccessible(own);
    await closePage(own);

    const { verificationCode } = await t.platform.database.db
      .selectFrom('trainingCertificate')
      .select('verificationCode')
      .executeTakeFirstOrThrow();
    const check = await openPage(t.browser, `${t.base}/portale/it/verifica/${verificationCode}`);
    await check.getByText('Attestato di partecipazione').waitFor();
    await check.getByText(TITLE).waitFor();
    await check.getByText('valido', { exact: true }).waitFor();
    await expectAccessible(check);
    await closePage(check);
  });
});
