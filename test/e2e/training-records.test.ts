import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_CALLER } from '../../src/kernel/auth.ts';
import { createUser } from '../../src/modules/identity/directory.ts';
import {
  type BrowserTest,
  browserAvailable,
  closePage,
  expectAccessible,
  openPage,
  openSignedIn,
  startBrowserTest,
  stopBrowserTest,
} from '../support/browser.ts';
import { makeOrganisation, PASSWORD } from '../support/identity.ts';

/**
 * The SUI manager logs an hour and a half of on-the-job training; the operator mentored finds it in their
 * training record; the public list of open courses reads without signing in.
 */
describe.skipIf(!browserAvailable())('on-the-job training and the training record, in Chromium', () => {
  let t: BrowserTest;

  beforeAll(async () => {
    t = await startBrowserTest();
    const pref = await makeOrganisation(t.platform, { name: 'Prefettura di Lodi', type: 'PREFECTURE' });
    const people = [
      ['responsabile.e2e@lovit.example', 'Giulia', 'Ferrari', 'sui_manager'],
      ['operatore.e2e@lovit.example', 'Marco', 'Bianchi', 'sui_operator'],
      ['affiancatore.e2e@lovit.example', 'Paolo', 'Esposito', 'sui_operator'],
    ] as const;
    for (const [email, givenName, familyName, role] of people)
      await createUser(t.platform, SYSTEM_CALLER, { email, givenName, familyName, password: PASSWORD }, [
        { organisationId: pref.id, role },
      ]);
  });

  afterAll(() => stopBrowserTest(t));

  it('records a mentoring that the person mentored then reads in their record', async () => {
    const page = await openSignedIn(
      t.browser,
      t.base,
      '/formazione/affiancamento',
      'responsabile.e2e@lovit.example',
    );
    await page.getByRole('heading', { level: 1, name: 'Formazione sul lavoro' }).waitFor();
    await page.getByRole('button', { name: 'Registra l’affiancamento' }).click();
    await page.getByText('Campo obbligatorio').first().waitFor();
    await page.getByLabel('Data').fill('2026-03-02');
    await page.getByLabel('Persona affiancata').selectOption({ label: 'Marco Bianchi' });
    await page.getByLabel('Affiancata da').selectOption({ label: 'Paolo Esposito' });
    await page.getByLabel('Argomento').fill('Il nulla osta al lavoro');
    await page.getByLabel('Ore', { exact: true }).fill('1.5');
    await page.getByRole('button', { name: 'Registra l’affiancamento' }).click();
    await page
      .getByRole('status')
      .getByText('Registrate 1,5 ore di affiancamento di Marco Bianchi')
      .waitFor();
    const logged = page.getByRole('row', { name: /Marco Bianchi.*Paolo Esposito.*Il nulla osta al lavoro/ });
    await logged.waitFor();
    expect(await logged.count()).toBe(1);
    await expectAccessible(page);
    await closePage(page);

    const own = await openSignedIn(t.browser, t.base, '/formazione', 'operatore.e2e@lovit.example');
    await own.getByRole('link', { name: 'Il mio percorso formativo' }).click();
    await own.getByText('1,5 ore di formazione: 0 nei corsi e 1,5 di affiancamento sul lavoro').waitFor();
    await own.getByText('Il nulla osta al lavoro, con Paolo Esposito: 1,5 ore').waitFor();
    await expectAccessible(own);
    await closePage(own);
  });

  it('lists the open courses on the public site, in Italian, without signing in', async () => {
    const page = await openPage(t.browser, `${t.base}/portale/it/formazione`);
    await page.getByRole('heading', { level: 1, name: 'Formazione per gli operatori' }).waitFor();
    await page.getByText('Al momento non ci sono corsi aperti alle iscrizioni.').waitFor();
    await page.getByRole('heading', { level: 2, name: 'Come iscriversi' }).waitFor();
    await expectAccessible(page);
    await closePage(page);
  });
});
