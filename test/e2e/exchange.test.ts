import type { Page } from 'playwright-core';
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
  takeStep,
  watchErrors,
} from '../support/browser.ts';
import { workPermitApplication } from '../support/cases.ts';
import { makeOrganisation, makeUser, type Session, signIn } from '../support/identity.ts';
import { setQuota } from '../support/intake.ts';

/** The applications' numbers: the worker's passport is `P` and the number on nine digits. */
const APPLICATION = 21;
const PASSPORT = `P${String(APPLICATION).padStart(9, '0')}`;

/**
 * Opinions between offices in the browser, each office with its own login: the SUI requests the opinions of a
 * case, the Questura finds it in its inbox and asks a question, the SUI replies on the case page, the Questura
 * answers; the inspectorate answers it and another case favourably at once; the SUI's review goes on.
 */
describe.skipIf(!browserAvailable())(
  'opinions between the SUI, the Questura and the inspectorate, in Chromium',
  () => {
    let t: BrowserTest;
    const emails = { manager: '', police: '', labour: '' };
    const filed = { id: '', number: '' };
    const other = { id: '', number: '' };

    beforeAll(async () => {
      t = await startBrowserTest();
      const prefecture = await makeOrganisation(t.platform, { type: 'PREFECTURE', code: 'PREF-LO' });
      const questura = await makeOrganisation(t.platform, { type: 'POLICE_HQ', code: 'QUEST-LO' });
      const itl = await makeOrganisation(t.platform, { type: 'LABOUR_INSPECTORATE', code: 'ITL-LO' });
      for (const [key, organisationId, role] of [
        ['manager', prefecture.id, 'sui_manager'],
        ['police', questura.id, 'questura_officer'],
        ['labour', itl.id, 'inspectorate_officer'],
      ] as const)
        emails[key] = (await makeUser(t.platform, [{ organisationId, role }])).email;
      const manager = await signIn(t.app, emails.manager);
      await setQuota(t.app, manager, 10);
      Object.assign(filed, await submit(manager, APPLICATION));
      // the other case's opinions are requested behind the scenes: the inspectorate answers both at once
      Object.assign(other, await submit(manager, APPLICATION + 1));
      for (const action of ['START_REVIEW', 'REQUEST_OPINIONS']) {
        const { version } = (
          await t.app.inject({ url: `/api/cases/${other.id}`, headers: manager.headers })
        ).json();
        const acted = await t.app.inject({
          method: 'POST',
          url: `/api/cases/${other.id}/actions`,
          headers: manager.headers,
          payload: { action, version },
        });
        expect(acted.statusCode).toBe(200);
      }
    });

    afterAll(() => stopBrowserTest(t));

    async function submit(session: Session, n: number): Promise<{ id: string; number: string }> {
      const submitted = await t.app.inject({
        method: 'POST',
        url: '/api/cases',
        headers: session.headers,
        payload: workPermitApplication(n),
      });
      expect(submitted.statusCode).toBe(201);
      return submitted.json();
    }

    const opinionsOfCase = (page: Page) => page.getByRole('region', { name: 'Pareri richiesti' });
    const bodyRow = (page: Page, body: string) =>
      opinionsOfCase(page)
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name: body }) });

    it('requests, asks and replies, answers one by one and in bulk, and the review goes on', async () => {
      const sui = await openSignedIn(t.browser, t.base, `/pratiche/${filed.id}`, emails.manager);
      await sui.getByRole('heading', { level: 1, name: `Pratica ${filed.number}` }).waitFor();
      await takeStep(sui, 'Avvia l’istruttoria', 'In istruttoria');
      await takeStep(sui, 'Richiedi i pareri', 'In attesa dei pareri');
      for (const body of ['Questura', 'Ispettorato Territoriale del Lavoro']) {
        await bodyRow(sui, body).getByText('In attesa di risposta').waitFor();
        await bodyRow(sui, body).getByText('Nei termini').waitFor();
      }

      // The Questura finds the case by the worker's passport, and asks the SUI before answering.
      const police = await openSignedIn(t.browser, t.base, '/pareri', emails.police);
      await police.getByRole('heading', { level: 1, name: 'Pareri' }).waitFor();
      await police.getByRole('link', { name: filed.number }).waitFor();
      await police.getByLabel('Cerca per nome, passaporto o numero di pratica').fill(PASSPORT);
      await police.getByRole('button', { name: 'Cerca' }).click();
      await police.getByText('1 parere', { exact: true }).waitFor();
      expect(await police.getByRole('link', { name: other.number }).count()).toBe(0);
      await expectAccessible(police);
      await police.getByRole('link', { name: filed.number }).click();
      await police.getByRole('heading', { level: 1, name: `Parere sulla pratica ${filed.number}` }).waitFor();
      await police.getByText(PASSPORT).waitFor();
      const question = police.getByRole('group', { name: 'Chiedi informazioni al SUI' });
      await question
        .getByLabel('Domanda')
        .fill('Il lavoratore ha usato altri nomi? Inviare il passaporto integrale.');
      await question.getByRole('button', { name: 'Invia la domanda al SUI' }).click();
      await police.getByRole('status').getByText('Domanda inviata al SUI').waitFor();
      await police.getByText('Sospeso (domanda al SUI)').waitFor();
      expect(await police.getByRole('group', { name: 'Rendi il parere' }).count()).toBe(0);
      await expectAccessible(police);

      // The SUI sees the question on the case page and replies: the clock of the opinion starts again.
      await sui.reload();
      await bodyRow(sui, 'Questura').getByText('Richiesta di informazioni al SUI').waitFor();
      await sui
        .getByRole('article', { name: 'Domanda di Questura' })
        .getByText('Il lavoratore ha usato altri nomi?')
        .waitFor();
      const reply = sui.getByRole('group', { name: /^Rispondi a Questura/ });
      await reply
        .getByLabel('Risposta')
        .fill('Nessun alias risulta; passaporto integrale allegato al fascicolo.');
      await expectAccessible(sui);
      await reply.getByRole('button', { name: 'Invia la risposta' }).click();
      await sui.getByRole('status').getByText('Risposta inviata a Questura').waitFor();
      await bodyRow(sui, 'Questura').getByText('In attesa di risposta').waitFor();
      expect(await sui.getByRole('group', { name: /^Rispondi a/ }).count()).toBe(0);

      // The Questura reads the reply and answers favourably.
      await police.reload();
      await police.getByText('Nessun alias risulta').waitFor();
      const answer = police.getByRole('group', { name: 'Rendi il parere' });
      await answer.getByText('Favorevole', { exact: true }).click();
      await answer.getByRole('button', { name: 'Rendi il parere' }).click();
      await police.getByRole('status').getByText('Parere reso: Favorevole.').waitFor();
      await police.getByRole('group', { name: /^Rettifica la risposta/ }).waitFor();
      await expectAccessible(police);
      await closePage(police);

      // The inspectorate answers both of its opinions favourably at once, confirming how many.
      const labour = await openSignedIn(t.browser, t.base, '/pareri', emails.labour);
      for (const number of [filed.number, other.number])
        await labour.getByLabel(`Seleziona il parere sulla pratica ${number}`).check();
      await labour.getByText('2 pareri selezionati.').waitFor();
      await labour.getByRole('button', { name: 'Parere favorevole sui selezionati' }).click();
      const confirm = labour.getByRole('dialog', { name: 'Rendere parere favorevole su 2 pratiche?' });
      await expectAccessible(labour);
      await confirm.getByRole('button', { name: 'Conferma 2 pareri favorevoli' }).click();
      await labour.getByRole('status').getByText('Parere favorevole reso su 2 pratiche.').waitFor();
      await labour.getByText('Nessun parere corrisponde ai filtri.').waitFor();
      await labour.getByLabel('Stato').selectOption({ label: 'Conclusi' });
      await labour.getByRole('button', { name: 'Cerca' }).click();
      await labour.getByText('2 pareri', { exact: true }).waitFor();
      await closePage(labour);

      // Both opinions are in: the SUI's review resumes.
      await sui.reload();
      for (const body of ['Questura', 'Ispettorato Territoriale del Lavoro']) {
        await bodyRow(sui, body).getByText('Reso', { exact: true }).waitFor();
        await bodyRow(sui, body).getByText('Favorevole', { exact: true }).waitFor();
      }
      expect(await sui.getByRole('group', { name: /^Registra parere/ }).count()).toBe(0);
      await takeStep(sui, 'Riprendi l’istruttoria', 'In istruttoria');
      await expectAccessible(sui);
      await closePage(sui);
    }, 120_000);

    it('corrects an answer with its reason, and refuses a bulk answer when one of them was answered meanwhile', async () => {
      const police = await openSignedIn(t.browser, t.base, '/pareri?state=all', emails.police);
      const errors = watchErrors(police);
      await police.getByRole('link', { name: filed.number }).click();
      const correction = police.getByRole('group', { name: /^Rettifica la risposta/ });
      await correction.getByText('Contrario', { exact: true }).click();
      await correction.getByRole('button', { name: 'Registra la rettifica' }).click();
      await correction.getByText('Un parere contrario va motivato').waitFor();
      await correction
        .getByLabel('Motivo della rettifica')
        .fill('Segnalazione SIS emersa dopo la prima risposta.');
      await correction.getByRole('button', { name: 'Registra la rettifica' }).click();
      await police.getByRole('status').getByText('Rettifica registrata: Contrario.').waitFor();
      const history = police.getByRole('region', { name: 'Storico' });
      await history.getByRole('link', { name: /^Rettifica la risposta del/ }).waitFor();
      await history.getByRole('link', { name: /^Rettificata dalla risposta del/ }).waitFor();
      await expectAccessible(police);

      // The other case's opinion is chosen, then answered from elsewhere: the bulk answer records nothing.
      await police.getByRole('link', { name: 'Pareri' }).first().click();
      await police.getByLabel('Stato').selectOption({ label: 'Da rendere (in attesa o sospesi)' });
      await police.getByRole('button', { name: 'Cerca' }).click();
      await police.getByLabel(`Seleziona il parere sulla pratica ${other.number}`).check();
      const session = await signIn(t.app, emails.police);
      const inbox = (await t.app.inject({ url: '/api/opinions', headers: session.headers })).json();
      const meanwhile = await t.app.inject({
        method: 'POST',
        url: `/api/opinions/${inbox.items[0].id}/answers`,
        headers: session.headers,
        payload: { outcome: 'FAVOURABLE' },
      });
      expect(meanwhile.statusCode).toBe(200);
      await police.getByRole('button', { name: 'Parere favorevole sui selezionati' }).click();
      await police
        .getByRole('dialog', { name: 'Rendere parere favorevole su 1 pratica?' })
        .getByRole('button', { name: 'Conferma il parere favorevole' })
        .click();
      await police.getByRole('alert').getByText('Nessun parere è stato registrato.').waitFor();
      await closeAfterRefusals(police, errors);

      // The SUI's list shows the requests of its office, with the body each one went to.
      const sui = await openSignedIn(t.browser, t.base, '/pareri?state=all', emails.manager);
      await sui.getByText('4 pareri', { exact: true }).waitFor();
      await sui.getByRole('columnheader', { name: 'Ente' }).waitFor();
      await sui.getByRole('link', { name: 'Tempi dei pareri e delle pratiche' }).waitFor();
      await sui.getByRole('link', { name: 'Registro dei problemi' }).waitFor();
      expect(await sui.getByRole('button', { name: 'Parere favorevole sui selezionati' }).count()).toBe(0);
      await expectAccessible(sui);
      await closePage(sui);
    });
  },
);
