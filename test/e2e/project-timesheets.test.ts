import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/kernel/permissions.ts';
import {
  type BrowserTest,
  browserAvailable,
  closeAfterRefusals,
  closePage,
  expectAccessible,
  openSignedIn,
  startBrowserTest,
  stopBrowserTest,
  watchErrors,
} from '../support/browser.ts';
import { makeOrganisation, makeUser, signIn } from '../support/identity.ts';

/**
 * On a 360 px wide phone: the operator fills in February's sheet and sends it, the supervisor approves it and
 * reads the staff cost, the manager reads the register of staff and contracts.
 */
describe.skipIf(!browserAvailable())('staff and timesheets on a narrow screen, in Chromium', () => {
  let t: BrowserTest;
  let projectId: string;
  const emails = {} as Record<'pm' | 'supervisor' | 'operator', string>;

  beforeAll(async () => {
    t = await startBrowserTest();
    const prefecture = await makeOrganisation(t.platform, { type: 'PREFECTURE', name: 'Prefettura di Lodi' });
    const people: ['pm' | 'supervisor' | 'operator', Role][] = [
      ['pm', 'project_manager'],
      ['supervisor', 'project_supervisor'],
      ['operator', 'sui_operator'],
    ];
    for (const [who, role] of people)
      emails[who] = (await makeUser(t.platform, [{ organisationId: prefecture.id, role }])).email;
    const pm = await signIn(t.app, emails.pm);
    const call = async (method: 'POST' | 'PUT', url: string, payload: object) =>
      (await t.app.inject({ method, url, headers: pm.headers, payload })).json();
    projectId = (
      await call('POST', '/api/project/projects', {
        code: 'LOVIT-2',
        acronym: 'LO.V.I.T. 2.0',
        title: 'Lodi verso l’integrazione territoriale 2.0',
        programme: 'FAMI_2021_2027',
        objective: 'Capacity building',
        startsOn: '2025-10-01',
        endsOn: '2027-06-30',
      })
    ).id;
    await call('PUT', `/api/project/projects/${projectId}/partners`, {
      organisationId: prefecture.id,
      role: 'LEAD',
    });
    const wp = await call('POST', `/api/project/projects/${projectId}/work-packages`, {
      code: 'WP2',
      title: 'Sportello unico',
    });
    await call('POST', `/api/project/work-packages/${wp.workPackages[0].id}/items`, {
      kind: 'ACTIVITY',
      code: 'A2.1',
      title: 'Équipe allo Sportello unico',
      plannedStart: '2025-10-01',
      plannedEnd: '2027-06-30',
      actualStart: '2025-10-01',
      status: 'IN_PROGRESS',
    });
    await call('POST', `/api/project/projects/${projectId}/staff`, {
      organisationId: prefecture.id,
      userEmail: emails.operator,
      personName: 'Mario Rossi',
      kind: 'INTERNAL',
      contractReference: 'Ordine di servizio 12/2025',
      contractStartsOn: '2025-11-01',
      contractEndsOn: '2026-06-30',
      monthlyHoursCap: 40,
      annualGrossCostCents: 3_850_000,
      annualHours: 1720,
    });
  });

  afterAll(() => stopBrowserTest(t));

  /** The page does not scroll sideways on a 360 px screen: wide tables and the tabs scroll in their own box. */
  const fitsWidth = async (page: Awaited<ReturnType<typeof openSignedIn>>) =>
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  it('lets the person send a month and the supervisor approve it, on 360 px', async () => {
    const page = await openSignedIn(t.browser, t.base, `/progetto/${projectId}/fogli-ore`, emails.operator, {
      width: 360,
    });
    const errors = watchErrors(page);
    await page.getByRole('heading', { level: 1, name: 'Fogli ore – LO.V.I.T. 2.0' }).waitFor();
    await page.getByLabel('Mese', { exact: true }).fill('2026-02');
    await page.getByLabel('A2.1 Équipe allo Sportello unico').fill('41');
    await page.getByRole('button', { name: 'Invia al supervisore' }).click();
    await page
      .getByRole('alert')
      .getByText('Le ore del mese (41 ore) superano il limite mensile del contratto (40 ore)', {
        exact: false,
      })
      .waitFor();
    await page.getByLabel('A2.1 Équipe allo Sportello unico').fill('30,5');
    await page.getByRole('button', { name: 'Invia al supervisore' }).click();
    await page.getByRole('status').getByText('Foglio ore inviato al supervisore.').waitFor();
    await page.getByText('Questo foglio ore non si modifica più.').waitFor();
    await fitsWidth(page);
    await expectAccessible(page);
    await closeAfterRefusals(page, errors);

    const review = await openSignedIn(
      t.browser,
      t.base,
      `/progetto/${projectId}/fogli-ore`,
      emails.supervisor,
      {
        width: 360,
      },
    );
    await review.getByRole('heading', { name: 'Mario Rossi – febbraio 2026' }).waitFor();
    await review.getByText('30,5 ore × 22,38 € = 682,59 €').waitFor();
    await fitsWidth(review);
    await expectAccessible(review);
    await review.getByRole('button', { name: 'Approva' }).click();
    await review.getByRole('status').getByText('Foglio ore approvato.').waitFor();
    await closePage(review);
  });

  it('shows the manager the register with the hourly cost, on 360 px', async () => {
    const page = await openSignedIn(t.browser, t.base, `/progetto/${projectId}/personale`, emails.pm, {
      width: 360,
    });
    await page.getByRole('heading', { level: 1, name: 'Personale e incarichi – LO.V.I.T. 2.0' }).waitFor();
    await page.getByText('22,38 € all’ora').waitFor();
    await page.getByText('30,5 ore').waitFor();
    await fitsWidth(page);
    await expectAccessible(page);
    await closePage(page);
  });
});
