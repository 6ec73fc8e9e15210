import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
 * Needs and resources in the browser: a member answers a questionnaire with a conditional question and lists a
 * service of its own, and the map of the province's municipalities shows the needs, the services and the gaps.
 */
describe.skipIf(!browserAvailable())('the map of needs and resources, in Chromium', () => {
  let t: BrowserTest;
  let memberEmail: string;
  let questionnaireId: string;

  beforeAll(async () => {
    t = await startBrowserTest();
    const prefecture = await makeOrganisation(t.platform, { type: 'PREFECTURE', name: 'Prefettura di Lodi' });
    const codogno = await makeOrganisation(t.platform, {
      type: 'MUNICIPALITY',
      name: 'Comune di Codogno',
      municipalityIstatCode: '098019',
    });
    const secretariat = await signIn(
      t.app,
      (await makeUser(t.platform, [{ organisationId: prefecture.id, role: 'council_secretariat' }])).email,
    );
    memberEmail = (await makeUser(t.platform, [{ organisationId: codogno.id, role: 'council_member' }]))
      .email;
    const post = (url: string, payload: object) =>
      t.app.inject({ method: 'POST', url, headers: secretariat.headers, payload });
    const created = await post('/api/council/questionnaires', {
      title: 'Rilevazione 2026',
      intro: 'Bisogni del territorio per tema.',
      questions: [
        {
          kind: 'CHOICE',
          key: 'has_desk',
          label: 'C’è uno sportello per stranieri?',
          required: true,
          options: ['Sì', 'No'],
        },
        {
          kind: 'TEXT',
          key: 'desk_hours',
          label: 'Con quali orari?',
          required: true,
          showIf: { key: 'has_desk', anyOf: ['Sì'] },
        },
        { kind: 'SCALE', key: 'housing', label: 'Bisogno abitativo', required: true, theme: 'HOUSING' },
      ],
    });
    questionnaireId = created.json().id;
    await post(`/api/council/questionnaires/${questionnaireId}/open`, {});
    for (const [code, level] of [
      ['098031', 5],
      ['098010', 4],
    ] as const)
      await post(`/api/council/questionnaires/${questionnaireId}/responses`, {
        municipalityIstatCode: code,
        answers: { has_desk: 'No', housing: level },
      });
    await post('/api/council/services', {
      name: 'Agenzia sociale per la casa',
      description: 'Intermediazione tra proprietari e inquilini.',
      municipalityIstatCode: '098031',
      themes: ['HOUSING'],
      targetGroups: [],
      languages: [],
    });
  });

  afterAll(() => stopBrowserTest(t));

  it('lets a municipality answer the questionnaire, showing the conditional question when it applies', async () => {
    const page = await openSignedIn(t.browser, t.base, `/cti/questionari/${questionnaireId}`, memberEmail);
    const errors = watchErrors(page);
    await page.getByRole('heading', { level: 1, name: 'Rilevazione 2026' }).waitFor();
    await expect(page.getByLabel('Con quali orari?').count()).resolves.toBe(0);
    await page.getByLabel('Comune a cui si riferisce la risposta').selectOption({ label: 'Codogno' });
    await page.getByLabel('C’è uno sportello per stranieri?').selectOption('Sì');
    await page.getByLabel('Bisogno abitativo').selectOption({ label: 'Bisogno 4' });
    await page.getByRole('button', { name: 'Invia la risposta' }).click();
    await page.getByText('risposta obbligatoria', { exact: false }).first().waitFor();
    await page.getByLabel('Con quali orari?').fill('Lunedì 9–12');
    await page.getByRole('button', { name: 'Invia la risposta' }).click();
    await page.getByText('Risposta registrata.').waitFor();
    await expectAccessible(page);
    await closeAfterRefusals(page, errors);
  });

  it('lets the member list a service of its own', async () => {
    const page = await openSignedIn(t.browser, t.base, '/cti/servizi', memberEmail);
    await page.getByLabel('Nome del servizio').fill('Sportello casa comunale');
    await page.getByLabel('Comune', { exact: true }).selectOption({ label: 'Codogno' });
    await page.getByLabel('Descrizione').fill('Orientamento alla ricerca di un alloggio.');
    await page.getByRole('group', { name: 'Temi' }).getByText('Casa e abitare', { exact: true }).click();
    await page.getByLabel('Lingue parlate').fill('ar, en');
    await page.getByRole('button', { name: 'Aggiungi il servizio' }).click();
    await page.getByText('Servizio «Sportello casa comunale» salvato.').waitFor();
    await page.getByRole('button', { name: 'Modifica «Sportello casa comunale»' }).waitFor();
    await expect(
      page.getByRole('button', { name: 'Modifica «Agenzia sociale per la casa»' }).count(),
    ).resolves.toBe(0);
    await expectAccessible(page);
    await closePage(page);
  });

  it('draws the 60 municipalities with the needs reported, the services and the gaps', async () => {
    const page = await openSignedIn(t.browser, t.base, '/cti/mappa', memberEmail);
    const map = page.getByRole('img', { name: /Mappa dei comuni della provincia di Lodi.*Casa e abitare/ });
    await map.waitFor();
    await expect(map.locator('[data-municipality] path').count()).resolves.toBe(60);
    await page.getByText('Confini amministrativi: ISTAT, elaborazione Openpolis (CC BY 4.0)').waitFor();
    await expect(map.locator('circle').count()).resolves.toBe(2);
    await page.getByText('1 comune con una lacuna sul tema «Casa e abitare».').waitFor();
    const rows = page.getByRole('row');
    await expect(rows.nth(1).textContent()).resolves.toMatch(/^Casalpusterlengo\s*Lacuna410$/);
    await expect(page.getByRole('row', { name: /^Codogno/ }).textContent()).resolves.toMatch(
      /^Codogno\s*411$/,
    );
    await expect(page.getByRole('row', { name: /^Lodi/ }).textContent()).resolves.toMatch(/^Lodi\s*511$/);
    await expect(
      map.locator('[data-municipality="Casalpusterlengo"] path').getAttribute('stroke'),
    ).resolves.toBe('#c00');
    await expectAccessible(page);
    await page
      .getByLabel('Tema', { exact: true })
      .selectOption({ label: 'Lavoro e formazione professionale' });
    await page.getByText('Nessun bisogno segnalato e nessun servizio per questo tema.').waitFor();
    await closePage(page);
  });
});
