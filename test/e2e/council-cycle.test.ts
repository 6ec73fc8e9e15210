import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remindActions } from '../../src/modules/council/actions/service.ts';
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
import { makePdf } from '../support/documents.ts';
import { makeOrganisation, makeUser, signIn } from '../support/identity.ts';
import { waitForMail } from '../support/smtp.ts';

/**
 * A thematic table's cycle in the browser: the secretariat convenes a meeting with its agenda and attaches a
 * document to a point, a member downloads it and answers, attendance is taken, the minutes are drafted,
 * commented, revised and approved, an action is assigned, reminded and done, and an initiative's progress is
 * shown.
 */
describe.skipIf(!browserAvailable())('a thematic table’s cycle, in Chromium', () => {
  let t: BrowserTestWithMail;
  let secretariatEmail: string;
  let memberEmail: string;
  let tableId: string;
  let meetingUrl: string;

  beforeAll(async () => {
    t = await startBrowserTest({ smtp: true });
    const prefecture = await makeOrganisation(t.platform, { type: 'PREFECTURE', name: 'Prefettura di Lodi' });
    const lodi = await makeOrganisation(t.platform, { type: 'MUNICIPALITY', name: 'Comune di Lodi' });
    const caritas = await makeOrganisation(t.platform, { type: 'THIRD_SECTOR', name: 'Caritas Lodigiana' });
    secretariatEmail = (
      await makeUser(t.platform, [{ organisationId: prefecture.id, role: 'council_secretariat' }])
    ).email;
    memberEmail = (await makeUser(t.platform, [{ organisationId: lodi.id, role: 'council_member' }])).email;
    const secretariat = await signIn(t.app, secretariatEmail);
    const post = (url: string, payload: object) =>
      t.app.inject({ method: 'POST', url, headers: secretariat.headers, payload });
    const table = await post('/api/council/tables', {
      kind: 'THEMATIC',
      name: 'Tavolo lavoro e formazione',
      theme: 'WORK',
      mandate: 'Inserimento lavorativo dei cittadini stranieri.',
      startsOn: '2026-01-01',
      coordinatorOrganisationId: lodi.id,
    });
    tableId = table.json().id;
    for (const [organisationId, name, email] of [
      [lodi.id, 'Roberto Conti', memberEmail],
      [caritas.id, 'Marco Verdi', 'marco.verdi@enti.example'],
    ] as const)
      await post(`/api/council/tables/${tableId}/members`, {
        organisationId,
        representativeName: name,
        representativeEmail: email,
        fromOn: '2026-01-01',
      });
  });

  afterAll(() => stopBrowserTest(t));

  const asSecretariat = (path: string): Promise<Page> =>
    openSignedIn(t.browser, t.base, path, secretariatEmail);
  const asMember = (path: string): Promise<Page> => openSignedIn(t.browser, t.base, path, memberEmail);

  it('convenes a meeting with its agenda, and the members are invited by e-mail', async () => {
    const page = await asSecretariat(`/cti/tavoli/${tableId}`);
    const errors = watchErrors(page);
    await page.getByRole('heading', { level: 1, name: 'Tavolo lavoro e formazione' }).waitFor();
    await expect(page.getByRole('row', { name: /Caritas Lodigiana/ }).textContent()).resolves.toContain(
      'Marco Verdi',
    );
    await page.getByLabel('Oggetto della seduta').fill('Prima seduta');
    await page.getByLabel('Giorno').fill('2026-03-02');
    await page.getByLabel('Ora di inizio').fill('15:00');
    await page.getByLabel('Luogo').fill('Prefettura di Lodi, sala riunioni');
    await page.getByLabel('Punto 1', { exact: true }).fill('Fabbisogni formativi');
    await page.getByLabel('Relatore del punto 1').fill('Roberto Conti');
    await page.getByLabel('Durata del punto 1 (minuti)').fill('40');
    await page.getByRole('button', { name: 'Aggiungi un punto' }).click();
    await page.getByLabel('Punto 2', { exact: true }).fill('Calendario dei lavori');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Convoca e invia le convocazioni' }).click();
    await page
      .getByRole('heading', { level: 1, name: 'Tavolo lavoro e formazione – Prima seduta' })
      .waitFor();
    meetingUrl = new URL(page.url()).pathname;
    const invitation = await waitForMail(t.smtp.inbox, memberEmail);
    expect(invitation.text).toContain('1. Fabbisogni formativi (relatore: Roberto Conti), 40 minuti');
    expect(invitation.attachments[0]?.content).toContain('DTSTART:20260302T140000Z');
    expect(invitation.text).toContain(meetingUrl);
    await expectAccessible(page);
    await closeAfterRefusals(page, errors);
  });

  it('attaches a document to a point of the agenda, and the member downloads it', async () => {
    const page = await asSecretariat(meetingUrl);
    const errors = watchErrors(page);
    await page
      .getByLabel('Punto a cui allegare il documento')
      .selectOption({ label: '1. Fabbisogni formativi' });
    await page.getByRole('button', { name: 'Allega il documento' }).click();
    await page.getByText('Scegliere il file da allegare').waitFor();
    await page.getByLabel('File').setInputFiles({
      name: 'fabbisogni.pdf',
      mimeType: 'application/pdf',
      buffer: await makePdf('Rilevazione dei fabbisogni formativi'),
    });
    await page.getByRole('button', { name: 'Allega il documento' }).click();
    await page.getByText('Documento «fabbisogni.pdf» allegato.').waitFor();
    await page.getByRole('link', { name: 'fabbisogni.pdf' }).waitFor();
    await expectAccessible(page);
    await closeAfterRefusals(page, errors);

    const member = await asMember(meetingUrl);
    const link = member
      .getByRole('list', { name: 'Documenti del punto: Fabbisogni formativi' })
      .getByRole('link');
    const [download] = await Promise.all([member.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('fabbisogni.pdf');
    await member.context().close();
  });

  it('takes the member’s answer, then the register on the day', async () => {
    const member = await asMember(meetingUrl);
    const memberErrors = watchErrors(member);
    await member.getByLabel('Risposta').selectOption({ label: 'Delega' });
    await member.getByRole('button', { name: 'Invia la risposta' }).click();
    await member.getByText('Indicare il nome del delegato').waitFor();
    await member.getByLabel('Nome del delegato').fill('Giulia Neri');
    await member.getByRole('button', { name: 'Invia la risposta' }).click();
    await member.getByText('Risposta registrata.').waitFor();
    await expect(member.getByRole('row', { name: /Comune di Lodi/ }).textContent()).resolves.toContain(
      'Giulia Neri',
    );
    await expectAccessible(member);
    await closeAfterRefusals(member, memberErrors);

    const page = await asSecretariat(meetingUrl);
    await expect(page.getByLabel('Chi era presente per Comune di Lodi').inputValue()).resolves.toBe(
      'Giulia Neri',
    );
    // Bootstrap Italia draws the box over the label; a person clicks the label.
    await page.getByText('Caritas Lodigiana presente', { exact: true }).click();
    await expect(page.getByLabel('Caritas Lodigiana presente').isChecked()).resolves.toBe(false);
    await page.getByRole('button', { name: 'Salva il registro' }).click();
    await page.getByText('Presente: Giulia Neri').waitFor();
    await expect(page.getByRole('row', { name: /Caritas Lodigiana/ }).textContent()).resolves.toContain(
      'Assente',
    );
    await page.context().close();
  });

  it('drafts the minutes, circulates them for comments, revises and approves them', async () => {
    const page = await asSecretariat(meetingUrl);
    await page.getByLabel("Punto all'ordine del giorno").selectOption({ label: '1. Fabbisogni formativi' });
    await page.getByLabel('Testo della decisione').fill('Si avvia una rilevazione dei fabbisogni formativi.');
    await page.getByRole('button', { name: 'Registra la decisione' }).click();
    await page.getByText('Si avvia una rilevazione dei fabbisogni formativi.').first().waitFor();
    await page
      .getByLabel('Testo del verbale')
      .fill('Presenti il Comune di Lodi (delega). Si discute dei fabbisogni.');
    await page.getByRole('button', { name: 'Salva una nuova versione' }).click();
    await page.getByText(/Versione 1, salvata da/).waitFor();
    await page.getByRole('button', { name: 'Metti in visione dei partecipanti' }).click();
    await page.getByText('In visione', { exact: true }).waitFor();
    await expect
      .poll(() =>
        t.smtp.inbox.some(
          (mail) => mail.subject.startsWith('Verbale in visione') && mail.to.includes(memberEmail),
        ),
      )
      .toBe(true);
    await page.context().close();

    const member = await asMember(meetingUrl);
    await member.getByText('Si discute dei fabbisogni.').waitFor();
    await member
      .getByLabel('La tua osservazione al verbale')
      .fill('Aggiungere i dati del Centro per l’impiego.');
    await member.getByRole('button', { name: "Invia l'osservazione" }).click();
    await member.getByText('Aggiungere i dati del Centro per l’impiego.').waitFor();
    await expectAccessible(member);
    await member.context().close();

    const revising = await asSecretariat(meetingUrl);
    await revising.getByText('Aggiungere i dati del Centro per l’impiego.').waitFor();
    await revising
      .getByLabel('Testo del verbale')
      .fill('Presenti il Comune di Lodi (delega). Dati del CPI: 120 iscritti.');
    await revising.getByRole('button', { name: 'Salva una nuova versione' }).click();
    await revising.getByText(/Versione 2, salvata da/).waitFor();
    await revising.getByRole('button', { name: 'Approva il verbale' }).click();
    await revising.getByText('Approvato', { exact: true }).waitFor();
    await revising.getByText('Versione 1', { exact: true }).waitFor();
    await expectAccessible(revising);
    await revising.context().close();
  });

  it('writes the public summary beside the minutes, resolves each warning and publishes only the summary', async () => {
    const page = await asSecretariat(meetingUrl);
    const errors = watchErrors(page);
    await page.getByRole('heading', { level: 2, name: 'Sintesi pubblica' }).waitFor();
    await page.getByRole('heading', { level: 3, name: 'Verbale approvato' }).waitFor();
    const publish = page.getByRole('button', { name: 'Pubblica la sintesi' });
    await expect(publish.isDisabled()).resolves.toBe(true);
    const editor = page.getByLabel('Testo della sintesi pubblica');
    await expect(editor.inputValue()).resolves.toContain('Dati del CPI: 120 iscritti.');
    await editor.fill('Il tavolo ha esaminato i dati del CPI con roberto conti (tel. 333 1234567).');
    await page.getByRole('button', { name: 'Salva la sintesi' }).click();
    await page.getByText('«roberto conti»: possibile nome di una persona').waitFor();
    await page.getByText('«333 1234567»: possibile numero di telefono').waitFor();
    await expect(publish.isDisabled()).resolves.toBe(true);

    await editor.fill('Il tavolo ha esaminato i dati del CPI: 120 iscritti.\n\nIncontro nella sala Verdi.');
    await page.getByRole('button', { name: 'Salva la sintesi' }).click();
    await page.getByText('«Verdi»: possibile nome di una persona').waitFor();
    await expect(page.getByText('«roberto conti»').count()).resolves.toBe(0);
    await page.getByLabel('Perché «Verdi» non è un dato personale').fill('È il nome della sala riunioni');
    await page.getByRole('button', { name: 'Non è un dato personale' }).click();
    await page.getByText(/Non è un dato personale: È il nome della sala riunioni/).waitFor();
    await publish.click();
    await page.getByText(/Sintesi pubblicata il/).waitFor();
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await page.goto(`${t.base}/consiglio-territoriale`);
    await page.getByText('Il tavolo ha esaminato i dati del CPI: 120 iscritti.').waitFor();
    await expect(page.content()).resolves.not.toContain('Presenti il Comune di Lodi');
    await page.context().close();
  });

  it('assigns an action, reminds its owner before the due day, and the owner marks it done', async () => {
    const page = await asSecretariat(meetingUrl);
    await page.getByLabel('Azione da svolgere').fill('Rilevazione presso gli sportelli comunali');
    await page.getByLabel('Decisione da cui nasce').selectOption({ index: 1 });
    await page.getByLabel('Ente assegnatario').selectOption({ label: 'Comune di Lodi' });
    await page.getByLabel('Referente', { exact: true }).fill('Roberto Conti');
    await page.getByLabel('E-mail del referente').fill(memberEmail);
    await page.getByLabel('Scadenza').fill('2026-03-04');
    await page.getByRole('button', { name: "Assegna l'azione" }).click();
    await page
      .getByRole('heading', { level: 3, name: 'Rilevazione presso gli sportelli comunali' })
      .waitFor();
    await page.context().close();

    const before = t.smtp.inbox.length;
    expect(await remindActions(t.platform)).toBe(1);
    await expect
      .poll(() => t.smtp.inbox.slice(before).some((mail) => mail.to.includes(memberEmail)))
      .toBe(true);
    const reminder = t.smtp.inbox.slice(before).find((mail) => mail.to.includes(memberEmail));
    expect(reminder?.subject).toBe('Promemoria: azione in scadenza il 4 marzo 2026');

    const member = await asMember('/cti/azioni');
    await member.getByText(/promemoria inviato il/).waitFor();
    const update = member.getByRole('group', {
      name: 'Aggiorna «Rilevazione presso gli sportelli comunali»',
    });
    await update.getByLabel('Nuovo stato').selectOption({ label: 'Completata' });
    await update.getByLabel("Nota sull'avanzamento").fill('Rilevazione conclusa: 5 sportelli.');
    await update.getByRole('button', { name: 'Aggiorna' }).click();
    await member.getByText('Completata', { exact: true }).waitFor();
    await member.getByText(/Rilevazione conclusa: 5 sportelli\./).waitFor();
    await expectAccessible(member);
    await member.context().close();
  });

  it('plans an initiative and shows its progress to the members', async () => {
    const page = await asSecretariat('/cti/iniziative');
    await page.getByText('Nessuna iniziativa programmata.').waitFor();
    await page.getByLabel("Titolo dell'iniziativa").fill('Corsi di italiano per il lavoro');
    await page.getByLabel('Tavolo che la promuove').selectOption({ label: 'Tavolo lavoro e formazione' });
    await page.getByLabel('Obiettivo').fill('Italiano di livello A2 per lavoratori stranieri.');
    await page.getByLabel('Bisogni a cui risponde').fill('Barriere linguistiche nell’accesso al lavoro.');
    await page.getByLabel('Azioni previste').fill('Tre corsi serali con il CPIA.');
    await page.getByLabel('Partner').fill('Comune di Lodi, CPIA di Lodi');
    await page.getByLabel('Budget (euro)').fill('4500');
    await page.getByLabel('Inizio', { exact: true }).fill('2026-04-01');
    await page.getByLabel('Fine', { exact: true }).fill('2026-09-30');
    await page.getByRole('button', { name: "Programma l'iniziativa" }).click();
    await page.getByRole('heading', { level: 2, name: 'Corsi di italiano per il lavoro' }).waitFor();
    const progress = page.getByRole('group', {
      name: "Aggiorna l'avanzamento di «Corsi di italiano per il lavoro»",
    });
    await progress.getByLabel('Stato', { exact: true }).selectOption({ label: 'In corso' });
    await progress.getByLabel('Avanzamento (%)').fill('60');
    await progress.getByLabel('Risultati').fill('2 corsi avviati, 31 iscritti.');
    await progress.getByRole('button', { name: 'Aggiorna' }).click();
    await page.getByText('Avanzamento: 60%').waitFor();
    await page.context().close();

    const member = await asMember('/cti/iniziative');
    const bar = member.getByRole('progressbar', {
      name: 'Avanzamento di «Corsi di italiano per il lavoro»',
    });
    await expect(bar.getAttribute('aria-valuenow')).resolves.toBe('60');
    await member.getByText('2 corsi avviati, 31 iscritti.').waitFor();
    await expect(member.getByRole('button', { name: 'Aggiorna' }).count()).resolves.toBe(0);
    await expectAccessible(member);
    await member.context().close();
  });
});
