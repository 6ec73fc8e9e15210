import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertWebBuilt,
  browserAvailable,
  closePage,
  expectAccessible,
  launchBrowser,
  openSignedIn,
  type ServedApp,
  serveTestApp,
  stopServedApp,
  takeStep,
} from '../support/browser.ts';
import { workPermitApplication } from '../support/cases.ts';
import { makePdf } from '../support/documents.ts';
import { makeOrganisation, makeUser, signIn } from '../support/identity.ts';
import { setQuota } from '../support/intake.ts';
import { startPeerNodes } from '../support/peers.ts';

/**
 * The Questura on its own LOVIT node: the SUI requests the opinion on the Prefettura's node, the officer signs in
 * to the Questura's node, finds it and answers with the report of the checks attached; the signed message brings
 * answer and file back to the case, whose review goes on, and the figures show how long the opinion took.
 */
describe.skipIf(!browserAvailable())('an opinion answered on the Questura’s own node, in Chromium', () => {
  type Node = ServedApp & { dataDir: string };
  const nodes = {} as Record<'sui' | 'questura', Node>;
  let browser: Browser;
  const emails = { manager: '', police: '', labour: '' };
  const filed = { id: '', number: '' };
  let report = '';

  /** A node with its files in a folder of its own: the report must travel to reach the other. */
  async function node(id: string, peers: string): Promise<Node> {
    const dataDir = await mkdtemp(path.join(tmpdir(), `lovit-node-${id}-`));
    const served = await serveTestApp({ DATA_DIR: dataDir, EXCHANGE_NODE: id, EXCHANGE_PEERS: peers });
    return { ...served, dataDir };
  }

  beforeAll(async () => {
    assertWebBuilt();
    [nodes.questura, nodes.sui] = await startPeerNodes(
      node,
      { id: 'questura-lodi', bodies: ['POLICE_HQ', 'LABOUR_INSPECTORATE'] },
      { id: 'prefettura-lodi', mayRequest: true },
    );
    const prefecture = await makeOrganisation(nodes.sui.platform, { type: 'PREFECTURE', code: 'PREF-LO' });
    const questura = await makeOrganisation(nodes.questura.platform, {
      type: 'POLICE_HQ',
      code: 'QUEST-LO',
    });
    const itl = await makeOrganisation(nodes.questura.platform, {
      type: 'LABOUR_INSPECTORATE',
      code: 'ITL-LO',
    });
    emails.manager = (
      await makeUser(nodes.sui.platform, [{ organisationId: prefecture.id, role: 'sui_manager' }])
    ).email;
    emails.police = (
      await makeUser(nodes.questura.platform, [{ organisationId: questura.id, role: 'questura_officer' }])
    ).email;
    emails.labour = (
      await makeUser(nodes.questura.platform, [{ organisationId: itl.id, role: 'inspectorate_officer' }])
    ).email;
    const manager = await signIn(nodes.sui.app, emails.manager);
    await setQuota(nodes.sui.app, manager, 10);
    const submitted = await nodes.sui.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: manager.headers,
      payload: workPermitApplication(31),
    });
    Object.assign(filed, submitted.json());
    report = path.join(nodes.questura.dataDir, 'esito-controlli.pdf');
    await writeFile(report, await makePdf('Esito dei controlli SDI: nessun elemento ostativo'));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    for (const served of Object.values(nodes)) {
      await stopServedApp(served);
      await rm(served.dataDir, { recursive: true, force: true });
    }
  });

  const bodyRow = (page: Page, body: string) =>
    page
      .getByRole('region', { name: 'Pareri richiesti' })
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: body }) });

  /** Reloads until the text shows: the message crosses between the nodes in the background. */
  async function reloadUntil(page: Page, find: () => ReturnType<Page['getByText']>) {
    for (let attempt = 0; attempt < 40; attempt++) {
      if ((await find().count()) > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
      await page.reload();
    }
    await find().first().waitFor({ timeout: 1000 });
  }

  it('requests on one node, answers on the other with a file, and the case goes on', async () => {
    const sui = await openSignedIn(browser, nodes.sui.base, `/pratiche/${filed.id}`, emails.manager);
    await sui.getByRole('heading', { level: 1, name: `Pratica ${filed.number}` }).waitFor();
    await takeStep(sui, 'Avvia l’istruttoria', 'In istruttoria');
    await takeStep(sui, 'Richiedi i pareri', 'In attesa dei pareri');

    const police = await openSignedIn(browser, nodes.questura.base, '/pareri', emails.police);
    await reloadUntil(police, () => police.getByRole('link', { name: filed.number }));
    await police.getByRole('link', { name: filed.number }).click();
    await police.getByRole('heading', { level: 1, name: `Parere sulla pratica ${filed.number}` }).waitFor();
    const answer = police.getByRole('group', { name: 'Rendi il parere' });
    await answer.getByText('Favorevole', { exact: true }).click();
    await answer.getByLabel('Allegati (facoltativi)').setInputFiles(report);
    await expectAccessible(police);
    await answer.getByRole('button', { name: 'Rendi il parere' }).click();
    await police.getByRole('status').getByText('Parere reso: Favorevole.').waitFor();
    await police.getByRole('link', { name: /^esito-controlli\.pdf/ }).waitFor();
    await closePage(police);

    const labour = await openSignedIn(browser, nodes.questura.base, '/pareri', emails.labour);
    await labour.getByLabel(`Seleziona il parere sulla pratica ${filed.number}`).check();
    await labour.getByRole('button', { name: 'Parere favorevole sui selezionati' }).click();
    await labour
      .getByRole('dialog', { name: 'Rendere parere favorevole su 1 pratica?' })
      .getByRole('button', { name: 'Conferma il parere favorevole' })
      .click();
    await labour.getByRole('status').getByText('Parere favorevole reso su 1 pratica.').waitFor();
    await closePage(labour);

    await reloadUntil(sui, () => bodyRow(sui, 'Ispettorato Territoriale del Lavoro').getByText('Reso'));
    await bodyRow(sui, 'Questura').getByText('Reso').waitFor();
    await takeStep(sui, 'Riprendi l’istruttoria', 'In istruttoria');

    // the report of the checks came with the answer, and is served by the Prefettura's own node
    await bodyRow(sui, 'Questura').getByRole('link', { name: 'Questura' }).click();
    const file = sui.getByRole('link', { name: /^esito-controlli\.pdf/ });
    const download = await fetch(`${nodes.sui.base}${await file.getAttribute('href')}`, {
      headers: { cookie: (await sui.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ') },
    });
    expect(download.headers.get('content-type')).toBe('application/pdf');

    await sui.goto(`${nodes.sui.base}/pareri/tempi`);
    const table = sui.getByRole('table', { name: 'Pareri per ente e tipo di pratica' });
    await table.getByRole('row', { name: /^Questura – Nulla osta/ }).waitFor();
    await expectAccessible(sui);
    await closePage(sui);
  }, 120_000);
});
