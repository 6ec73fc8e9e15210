import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserTestWithMail,
  browserAvailable,
  closeAfterRefusals,
  expectAccessible,
  openSignedIn,
  startBrowserTest,
  stopBrowserTest,
  watchErrors,
} from '../support/browser.ts';
import { setUpCouncilTable } from '../support/council.ts';
import { makeOrganisation, makeUser } from '../support/identity.ts';
import { waitForMail } from '../support/smtp.ts';

const TABLE = 'Tavolo lavoro e formazione';

/**
 * The consultant prepares a questionnaire of their table, the secretariat (told by e-mail) approves it, and the
 * consultant (told by e-mail) reads it with its results.
 */
describe.skipIf(!browserAvailable())(
  'a table’s questionnaire proposed by the consultant, in Chromium',
  () => {
    let t: BrowserTestWithMail;
    let secretariatEmail: string;
    let consultantEmail: string;
    let memberEmail: string;
    let tableId: string;

    beforeAll(async () => {
      t = await startBrowserTest({ smtp: true });
      const council = await setUpCouncilTable(t, { name: TABLE, theme: 'WORK' }, [
        {
          organisation: 'Comune di Lodi',
          type: 'MUNICIPALITY',
          representativeName: 'Roberto Conti',
          representativeEmail: 'roberto.conti@enti.example',
        },
      ]);
      tableId = council.tableId;
      secretariatEmail = council.secretariatEmail;
      const [lodiId = ''] = council.organisationIds;
      memberEmail = (await makeUser(t.platform, [{ organisationId: lodiId, role: 'council_member' }])).email;
      const lule = await makeOrganisation(t.platform, { name: 'LULE cooperativa', type: 'THIRD_SECTOR' });
      const consultant = await makeUser(t.platform, [
        { organisationId: lule.id, role: 'council_consultant' },
      ]);
      consultantEmail = consultant.email;
      await council.post(`/api/council/tables/${tableId}/consultants`, { userId: consultant.id });
    });

    afterAll(() => stopBrowserTest(t));

    it('lets the consultant prepare a questionnaire of their table as a proposal', async () => {
      const page = await openSignedIn(t.browser, t.base, '/cti/consulenza', consultantEmail);
      const errors = watchErrors(page);
      await page.getByRole('heading', { level: 2, name: TABLE }).waitFor();
      await page.getByText('Il tavolo non ha ancora questionari.').waitFor();
      await page.getByRole('link', { name: 'Prepara un questionario per il tavolo' }).click();
      await page.getByRole('heading', { level: 1, name: `Nuovo questionario – ${TABLE}` }).waitFor();
      await expect(page.getByLabel('A cosa serve').count()).resolves.toBe(0);
      await page.getByLabel('Titolo del questionario').fill('Orientamento al lavoro');
      await page.getByLabel('Presentazione').fill('Che cosa manca agli sportelli del territorio?');
      await page.getByLabel('Testo della domanda 1').fill('Serve uno sportello serale?');
      await page.getByLabel('Opzioni della domanda 1').fill('Sì\nNo');
      await page.getByLabel('Promemoria dopo quanti giorni dall’invito').fill('5');
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Proponi il questionario alla segreteria' }).click();
      await page.getByRole('status').getByText('Questionario proposto alla segreteria').waitFor();
      await page
        .getByRole('heading', { level: 3, name: /Questionario del tavolo – Orientamento al lavoro/ })
        .waitFor();
      await closeAfterRefusals(page, errors);
      const told = await waitForMail(t.smtp.inbox, secretariatEmail);
      expect(told.subject).toBe(`Proposta del consulente da esaminare – ${TABLE}`);
      expect(told.text).toMatch(/^Può esaminarla su LOVIT: http.*\/cti\/proposte$/m);
    });

    it('lets the secretariat approve it: the table’s members are invited and the consultant told', async () => {
      const page = await openSignedIn(t.browser, t.base, '/cti/proposte', secretariatEmail);
      const errors = watchErrors(page);
      const card = page.getByRole('article', { name: /Orientamento al lavoro/ });
      await card.getByText('Serve uno sportello serale? (Scelta singola: Sì, No)').waitFor();
      await expectAccessible(page);
      await card.getByRole('button', { name: 'Approva' }).click();
      await page.getByRole('status').getByText('Proposta approvata.').waitFor();
      await closeAfterRefusals(page, errors);
      const invitation = await waitForMail(t.smtp.inbox, memberEmail);
      expect(invitation.subject).toBe('Invito a rispondere al questionario «Orientamento al lavoro»');
      const approved = await waitForMail(t.smtp.inbox, consultantEmail);
      expect(approved.subject).toBe(`Proposta approvata – ${TABLE}`);
    });

    it('lets the consultant read the questionnaire from their desk, and close it', async () => {
      const desk = await openSignedIn(t.browser, t.base, '/cti/consulenza', consultantEmail);
      const deskErrors = watchErrors(desk);
      await desk.getByRole('link', { name: 'Orientamento al lavoro' }).click();
      await desk.getByRole('heading', { level: 1, name: 'Orientamento al lavoro' }).waitFor();
      await desk.getByText(`Tavolo tematico: ${TABLE}.`).waitFor();
      await desk.getByText('Risposte: 0. Persone invitate: 1.', { exact: false }).waitFor();
      await desk.getByText('Nessuna risposta', { exact: false }).waitFor();
      await expectAccessible(desk);
      await desk.getByRole('button', { name: 'Chiudi il questionario' }).click();
      await desk.getByRole('status').getByText('Questionario chiuso.').waitFor();
      await closeAfterRefusals(desk, deskErrors);
    });
  },
);
