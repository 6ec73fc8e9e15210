import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserTest,
  browserAvailable,
  closePage,
  expectAccessible,
  openSignedIn,
  startBrowserTest,
  stopBrowserTest,
} from '../support/browser.ts';
import { workPermitApplication } from '../support/cases.ts';
import { makeOrganisation, makeUser, signIn } from '../support/identity.ts';
import { setQuota } from '../support/intake.ts';

const TITLE = 'Nulla osta al lavoro: i 60 giorni decorrono dall’imputazione alla quota';

/**
 * The legal expert writes and publishes an update on work permits; the operator finds it on an open work-permit
 * case, in the worklist and in their list of updates to read, and marks it read.
 */
describe.skipIf(!browserAvailable())('legal updates reaching the cases, in Chromium', () => {
  let t: BrowserTest;
  let caseId: string;
  let expertEmail: string;
  let operatorEmail: string;
  let trainerEmail: string;

  beforeAll(async () => {
    t = await startBrowserTest();
    const prefecture = await makeOrganisation(t.platform, { type: 'PREFECTURE', name: 'Prefettura di Lodi' });
    expertEmail = (await makeUser(t.platform, [{ organisationId: prefecture.id, role: 'legal_expert' }]))
      .email;
    operatorEmail = (await makeUser(t.platform, [{ organisationId: prefecture.id, role: 'sui_operator' }]))
      .email;
    const manager = await signIn(
      t.app,
      (await makeUser(t.platform, [{ organisationId: prefecture.id, role: 'sui_manager' }])).email,
    );
    await setQuota(t.app, manager, 10);
    const coop = await makeOrganisation(t.platform, { type: 'COOPERATIVE', name: 'Cooperativa LULE' });
    const trainer = await makeUser(t.platform, [{ organisationId: coop.id, role: 'trainer' }]);
    trainerEmail = trainer.email;
    const course = await t.app.inject({
      method: 'POST',
      url: '/api/training/courses',
      headers: (await signIn(t.app, trainerEmail)).headers,
      payload: {
        title: 'Il lavoro dei cittadini stranieri',
        track: 'PUBLIC',
        objectives: 'Conoscere le procedure del nulla osta al lavoro.',
        topics: 'Quote e flussi d’ingresso',
        hours: 8,
        trainerIds: [trainer.id],
        targetRoles: 'Operatori dello Sportello Unico',
        completionPercent: 75,
      },
    });
    expect(course.statusCode, course.body).toBe(201);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: manager.headers,
      payload: workPermitApplication(9300),
    });
    expect(created.statusCode).toBe(201);
    caseId = created.json().id;
  });

  afterAll(() => stopBrowserTest(t));

  it('lets the legal expert write a draft, refused field by field until complete, and publish it', async () => {
    const expert = await openSignedIn(t.browser, t.base, '/novita-normative/nuova', expertEmail);
    await expert.getByRole('heading', { level: 1, name: 'Nuova novità normativa' }).waitFor();
    await expert.getByRole('button', { name: 'Salva la bozza' }).click();
    await expert.getByText('Campo obbligatorio').first().waitFor();
    await expert.getByLabel("Autorità che l'ha emanato").fill('Governo');
    await expert.getByLabel('Numero').fill('146/2025');
    await expert.getByLabel("Data dell'atto").fill('2025-10-03');
    await expert.getByLabel('In vigore dal').fill('2025-10-04');
    await expert.getByLabel('Titolo').fill(TITLE);
    await expert.getByLabel('Sintesi').fill('Il termine decorre dall’imputazione della domanda alla quota.');
    await expert.getByLabel('Testo integrale').fill('Art. 22, comma 5, D.Lgs. 286/1998 come modificato.');
    await expert.getByLabel('Articolo (1)').fill('22');
    await expert.getByLabel('Comma (1)').fill('5');
    // bootstrap-italia draws the box on the label, which takes the click
    const types = expert.getByRole('group', { name: 'Tipi di pratica interessati' });
    await types.getByText('Nulla osta al lavoro subordinato', { exact: true }).click();
    expect(await types.getByLabel('Nulla osta al lavoro subordinato').isChecked()).toBe(true);
    await expectAccessible(expert);
    await expert.getByRole('button', { name: 'Salva la bozza' }).click();
    await expert.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await expert.getByText('D.Lgs. 286/1998 art. 22 c.5').waitFor();
    await expert.getByRole('button', { name: 'Pubblica' }).click();
    await expert.getByText('Novità pubblicata', { exact: false }).waitFor();
    await expectAccessible(expert);
    await closePage(expert);
  });

  it('shows the update on the open case, in the worklist and in the operator’s unread list', async () => {
    const operator = await openSignedIn(t.browser, t.base, '/pratiche', operatorEmail);
    await operator.getByRole('table').getByText('Novità', { exact: true }).waitFor();
    await operator.goto(`${t.base}/pratiche/${caseId}`);
    const notices = operator.getByRole('region', { name: 'Novità normative su questo tipo di pratica' });
    await notices.getByText('Novità normativa del 3 ottobre 2025', { exact: false }).waitFor();
    await expectAccessible(operator);
    await notices.getByRole('link', { name: 'leggi' }).click();
    await operator.getByRole('heading', { level: 1, name: TITLE }).waitFor();

    await operator.getByRole('link', { name: 'Novità normative' }).first().click();
    const unread = operator.getByRole('region', { name: 'Novità normative da leggere' });
    await unread.getByRole('link', { name: TITLE }).click();
    await operator.getByRole('button', { name: 'Segna come letta' }).click();
    await operator.getByText('Letta il', { exact: false }).waitFor();
    await expectAccessible(operator);
    await operator.getByRole('link', { name: 'Novità normative' }).first().click();
    await operator.getByText('Hai letto tutte le novità pubblicate.').waitFor();
    await closePage(operator);
  });

  it('lets the legal expert propose the update for training, and a trainer put it in their course', async () => {
    const expert = await openSignedIn(t.browser, t.base, '/novita-normative', expertEmail);
    await expert.getByRole('link', { name: TITLE }).click();
    await expert.getByRole('button', { name: 'Proponi come argomento di formazione' }).click();
    await expect
      .poll(() => expert.getByText('Nessun corso la tratta ancora.', { exact: false }).textContent())
      .toMatch(/^Proposta ai formatori come argomento di formazione il \d+ \S+ \d{4}\. Nessun corso/);
    await closePage(expert);

    const trainer = await openSignedIn(t.browser, t.base, '/formazione/fabbisogni', trainerEmail);
    const proposals = trainer.getByRole('region', { name: 'Argomenti proposti dalle novità normative' });
    await proposals
      .getByLabel(`Corso per «${TITLE}»`)
      .selectOption({ label: 'Il lavoro dei cittadini stranieri' });
    await proposals.getByRole('button', { name: 'Metti in programma' }).click();
    await proposals.getByRole('button', { name: `Togli «${TITLE}» dal programma` }).waitFor();
    await expectAccessible(trainer);
    await proposals.getByRole('link', { name: 'Il lavoro dei cittadini stranieri' }).click();
    await trainer.getByRole('heading', { level: 1, name: 'Il lavoro dei cittadini stranieri' }).waitFor();
    expect(await trainer.getByRole('listitem').filter({ hasText: TITLE }).count()).toBe(1);
    await closePage(trainer);
  });
});
