import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserTest,
  browserAvailable,
  closeAfterRefusals,
  expectAccessible,
  openSignedIn,
  startBrowserTest,
  stopBrowserTest,
  watchErrors,
} from '../support/browser.ts';
import { makeOrganisation, makeUser, signIn } from '../support/identity.ts';

/**
 * Questionnaires in the browser: an invited trainee answers an anonymous course evaluation with a conditional
 * question, and the trainer builds a needs survey and reads the evaluation's results as charts and tables.
 */
describe.skipIf(!browserAvailable())('questionnaires, in Chromium', () => {
  let t: BrowserTest;
  let trainerEmail: string;
  let lastTraineeEmail: string;
  let evaluationId: string;

  beforeAll(async () => {
    t = await startBrowserTest();
    const prefecture = await makeOrganisation(t.platform, { type: 'PREFECTURE', name: 'Prefettura di Lodi' });
    const caritas = await makeOrganisation(t.platform, { type: 'THIRD_SECTOR', name: 'Caritas Lodigiana' });
    trainerEmail = (await makeUser(t.platform, [{ organisationId: prefecture.id, role: 'trainer' }])).email;
    const trainer = await signIn(t.app, trainerEmail);
    const post = (headers: Record<string, string>, url: string, payload: object = {}) =>
      t.app.inject({ method: 'POST', url, headers, payload });
    const created = await post(trainer.headers, '/api/surveys', {
      ownerKind: 'COURSE_EVALUATION',
      ownerLabel: 'Diritto dell’immigrazione, edizione di marzo',
      title: 'Valutazione del corso',
      intro: 'Le risposte sono anonime.',
      anonymous: true,
      reminderDays: 3,
      questions: [
        {
          kind: 'CHOICE',
          key: 'useful',
          label: 'Il corso è stato utile?',
          required: true,
          options: ['Sì', 'No'],
        },
        {
          kind: 'TEXT',
          key: 'missing',
          label: 'Che cosa è mancato?',
          required: true,
          showIf: { key: 'useful', anyOf: ['No'] },
        },
        { kind: 'SCALE', key: 'overall', label: 'Giudizio complessivo', required: true },
      ],
    });
    evaluationId = created.json().id;
    const trainees = [];
    for (const n of [1, 2, 3, 4, 5])
      trainees.push(
        await makeUser(t.platform, [{ organisationId: caritas.id, role: 'trainee' }], {
          email: `corsista${n}@caritas.example`,
        }),
      );
    await post(trainer.headers, `/api/surveys/${evaluationId}/invitations`, {
      userIds: trainees.map((u) => u.id),
    });
    await post(trainer.headers, `/api/surveys/${evaluationId}/open`);
    for (const [index, trainee] of trainees.slice(0, 4).entries()) {
      const session = await signIn(t.app, trainee.email);
      await post(session.headers, `/api/surveys/${evaluationId}/answers`, {
        answers: { useful: 'Sì', overall: 3 + (index % 3) },
      });
    }
    lastTraineeEmail = trainees[4]?.email ?? '';
  });

  afterAll(() => stopBrowserTest(t));

  it('lets an invited trainee answer the anonymous evaluation, the conditional question appearing when it applies', async () => {
    const page = await openSignedIn(t.browser, t.base, `/questionari/${evaluationId}`, lastTraineeEmail);
    const errors = watchErrors(page);
    await page.getByRole('heading', { level: 1, name: 'Valutazione del corso' }).waitFor();
    await page.getByText('alla chiusura, si mescolano alle altre senza alcun legame con te').waitFor();
    await expect(page.getByLabel('Che cosa è mancato?').count()).resolves.toBe(0);
    await page.getByLabel('Il corso è stato utile?').selectOption('No');
    await page.getByLabel('Giudizio complessivo').selectOption({ label: '2 su 5' });
    await page.getByRole('button', { name: 'Invia la risposta' }).click();
    await page.getByText('risposta obbligatoria', { exact: false }).first().waitFor();
    await page.getByLabel('Che cosa è mancato?').fill('Più casi pratici');
    await page.getByRole('button', { name: 'Invia la risposta' }).click();
    await page.getByRole('status').getByText('Grazie: la tua risposta anonima è registrata.').waitFor();
    await expectAccessible(page);
    await closeAfterRefusals(page, errors);
  });

  it('lets the trainer build a needs survey and read the evaluation’s results as charts and tables', async () => {
    const page = await openSignedIn(t.browser, t.base, '/questionari', trainerEmail);
    const errors = watchErrors(page);
    await page.getByRole('heading', { level: 1, name: 'Questionari' }).waitFor();
    await page
      .getByRole('row', { name: /Valutazione del corso/ })
      .getByText('5 risposte')
      .waitFor();
    await expectAccessible(page);
    await page.getByLabel('Titolo del questionario').fill('Fabbisogni formativi 2026');
    await page.getByLabel('Presentazione').fill('Su quali temi volete formarvi?');
    await page.getByLabel('A cosa serve').selectOption({ label: 'Rilevazione dei fabbisogni formativi' });
    await page.getByLabel('Testo della domanda 1').fill('Tema di maggiore interesse');
    await page
      .getByLabel('Opzioni della domanda 1')
      .fill('Ricongiungimenti\nProtezione, asilo\nricongiungimenti');
    // A question added by mistake is removed from the keyboard.
    await page.getByRole('button', { name: 'Aggiungi una domanda' }).click();
    await page.getByRole('button', { name: 'Rimuovi la domanda 2' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByLabel('Testo della domanda 2').count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Aggiungi una domanda' }).click();
    await page.getByLabel('Tipo della domanda 2').selectOption({ label: 'Testo libero' });
    await page.getByLabel('Testo della domanda 2').fill('Quale corso manca?');
    await page.getByLabel('Mostra la domanda 2').selectOption({
      label: 'Solo se alla domanda 1 («Tema di maggiore interesse») si risponde…',
    });
    await page.locator('label', { hasText: 'Protezione, asilo' }).click();
    await expect(page.getByLabel('Protezione, asilo').isChecked()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Crea il questionario' }).click();
    await page.getByText('opzioni ripetute', { exact: false }).first().waitFor();
    await page.getByLabel('Opzioni della domanda 1').fill('Ricongiungimenti\nProtezione, asilo');
    await page.getByRole('button', { name: 'Crea il questionario' }).click();
    await page.getByRole('heading', { level: 1, name: 'Fabbisogni formativi 2026' }).waitFor();
    await page.getByRole('listitem').filter({ hasText: 'Quale corso manca?' }).waitFor();
    const built = await (
      await page.request.get(`${t.base}/api/surveys/${page.url().split('/').pop()}`)
    ).json();
    expect(built.questions.map((q: { key: string; showIf: unknown }) => [q.key, q.showIf])).toEqual([
      ['tema_di_maggiore_interesse', null],
      ['quale_corso_manca', { key: 'tema_di_maggiore_interesse', anyOf: ['Protezione, asilo'] }],
    ]);
    await page.getByRole('button', { name: 'Apri alle risposte e invia gli inviti' }).click();
    await page.getByText('Aperto', { exact: true }).waitFor();

    await page.goto(`${t.base}/questionari/${evaluationId}`);
    const invited = page.getByRole('region', { name: 'Persone invitate e risposte' });
    await invited.getByRole('row').nth(5).waitFor();
    await expect(invited.getByRole('row').count()).resolves.toBe(6);
    await expect(invited.getByText('Sì', { exact: true }).count()).resolves.toBe(5);
    await expect(page.getByRole('link', { name: 'Esporta le risposte (CSV)' }).count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Chiudi il questionario' }).click();
    await page.getByText('Chiuso', { exact: true }).waitFor();
    await page.getByRole('link', { name: 'Esporta le risposte (CSV)' }).waitFor();
    await page.getByRole('link', { name: 'Vedi i risultati' }).click();
    await page.getByRole('heading', { level: 1, name: 'Risultati: Valutazione del corso' }).waitFor();
    await page
      .getByRole('img', { name: /Grafico delle risposte alla domanda «Giudizio complessivo»/ })
      .waitFor();
    const overall = page.getByRole('region', { name: 'Cifre della domanda «Giudizio complessivo»' });
    await expect(overall.getByRole('row').allTextContents()).resolves.toEqual([
      'LivelloRisposteSu chi ha risposto',
      '100%',
      '2120%',
      '3240%',
      '4120%',
      '5120%',
    ]);
    await page.getByText('Media: 3,4.').waitFor();
    await page.getByText('Più casi pratici').waitFor();
    await expect(page.getByLabel('Tipo di ente di chi ha risposto').count()).resolves.toBe(0);
    await expectAccessible(page);
    await closeAfterRefusals(page, errors);
  });
});
