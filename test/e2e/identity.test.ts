import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loadDemoData } from '../../src/cli/demo.ts';
import { loadDemoCases } from '../../src/cli/demo-cases.ts';
import { SIGN_IN_ATTEMPTS } from '../../src/modules/identity/rules.ts';
import { loadPortalContent } from '../../src/modules/portal/sheets/content.ts';
import {
  type BrowserTestWithMail,
  browserAvailable,
  closeAfterRefusals,
  closePage,
  expectAccessible,
  openPage,
  signInWithForm,
  startBrowserTest,
  stopBrowserTest,
  watchErrors,
} from '../support/browser.ts';
import { makeUser, PASSWORD } from '../support/identity.ts';
import { type ReceivedMail, waitForMail } from '../support/smtp.ts';

/** The browser logs every refused request; signing in wrongly and a lapsed session are refused on purpose. */

describe.skipIf(!browserAvailable())('signing in and administration in Chromium', () => {
  let t: BrowserTestWithMail;

  beforeAll(async () => {
    t = await startBrowserTest({ smtp: true });
    await loadDemoData(t.platform, { password: DEMO_PASSWORD });
    // As at start-up: the modules' own content first, then the demo.
    await loadPortalContent(t.platform);
    await loadDemoCases(t.platform);
    // The demo signs up two dozen accounts (each password hashed) and a dozen cases through the real use cases.
  }, 240_000);

  afterAll(() => stopBrowserTest(t));

  it('lets the administrator see and set where a seconded mediator comes from, naming the field at fault', async () => {
    const page = await open('/amministrazione/utenti?q=dervishi');
    const errors = watchErrors(page);
    await signIn(page, 'admin@lovit.example');
    const seconded =
      'Mediatore linguistico-culturale – Prefettura di Lodi – Ufficio Territoriale del Governo, in distacco da LULE Società Cooperativa Sociale onlus';
    await page
      .getByRole('row', { name: /Blerina Dervishi/ })
      .getByText(seconded)
      .waitFor();
    await page.getByRole('link', { name: 'Blerina Dervishi' }).click();
    await page.getByRole('heading', { level: 1, name: 'Blerina Dervishi' }).waitFor();
    const own = page.getByRole('group', { name: 'Ruolo 1' });
    const onSecondment = page.getByRole('group', { name: 'Ruolo 2' });
    const origin = (row: typeof own) => row.getByLabel('In distacco da');
    expect(await origin(own).inputValue()).toBe('');
    await expect
      .poll(async () => origin(onSecondment).locator('option:checked').textContent())
      .toBe('LULE Società Cooperativa Sociale onlus');
    await expectAccessible(page);

    // the cooperative's own role cannot be a secondment from the office she is seconded to
    await origin(own).selectOption({ label: 'Prefettura di Lodi – Ufficio Territoriale del Governo' });
    await page.getByRole('button', { name: 'Salva i ruoli' }).click();
    await own
      .getByText('indicare anche il ruolo della persona nel suo ente di provenienza', { exact: false })
      .waitFor();
    expect(await origin(own).getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page);
    await origin(own).selectOption({ label: "Nessuno: personale dell'ente" });
    await page.getByRole('button', { name: 'Salva i ruoli' }).click();
    await page.getByRole('status').getByText('Ruoli salvati.').waitFor();
    // the secondment is kept by a save that did not touch it
    await page.goto(`${t.base}/amministrazione/utenti?q=dervishi`);
    await page
      .getByRole('row', { name: /Blerina Dervishi/ })
      .getByText(seconded)
      .waitFor();
    await closeAfterRefusals(page, errors);
  });

  /** The link in the last e-mail sent to an address, as a path of this site. */
  async function linkMailedTo(address: string): Promise<string> {
    await waitForMail(t.smtp.inbox, address);
    const mail = t.smtp.inbox.filter((sent) => sent.to.includes(address)).at(-1) as ReceivedMail;
    const link = mail.text.match(/https?:\/\/\S+/)?.[0];
    if (!link) throw new Error(`no link in the e-mail to ${address}`);
    const url = new URL(link);
    return `${url.pathname}${url.search}`;
  }

  const open = (path: string, width = 1280): Promise<Page> => openPage(t.browser, `${t.base}${path}`, width);

  const close = closePage;

  const signIn = (page: Page, email: string, password = DEMO_PASSWORD): Promise<void> =>
    signInWithForm(page, email, password);

  async function menuEntries(page: Page): Promise<string[]> {
    const menu = page.getByRole('navigation', { name: 'Navigazione principale' });
    return (await menu.getByRole('link').allTextContents()).map((text) => text.trim());
  }

  it('shows each role the modules it may open, and only those', async () => {
    const expected = [
      {
        email: 'operatore.sui@lovit.example',
        name: 'Marco Bianchi',
        modules: ['Pratiche SUI', 'Pareri', 'Novità normative', 'Formazione', 'Progetto FAMI'],
      },
      { email: 'funzionario.questura@lovit.example', name: 'Luca Russo', modules: ['Pareri'] },
      { email: 'admin@lovit.example', name: 'Anna Amministratrice', modules: ['Amministrazione'] },
    ];
    for (const { email, name, modules } of expected) {
      // signed out, `/` is the public site: the desk is reached through the sign-in page
      const page = await open('/accesso?next=%2F');
      await signIn(page, email);
      await page.getByRole('heading', { level: 1, name: 'Scrivania' }).waitFor();
      // the institution comes from the configuration, as another prefecture would set it
      await page.getByText('la piattaforma della Prefettura di Lodi per i servizi').waitFor();
      expect(await menuEntries(page)).toEqual(modules);
      const desk = page.getByRole('region', { name: 'Moduli della piattaforma' });
      expect((await desk.getByRole('link').allTextContents()).map((text) => text.trim())).toEqual(modules);
      await page.getByRole('banner').getByText(name).filter({ visible: true }).waitFor();
      await expectAccessible(page);
      await close(page);
    }
  });

  it('lets a user with roles in two organisations switch from one to the other', async () => {
    const organisations = await t.database.db
      .selectFrom('organisation')
      .select(['id', 'code'])
      .where('code', 'in', ['PREF-LO', 'COM-098031'])
      .execute();
    const idOf = (code: string) => organisations.find((o) => o.code === code)?.id ?? '';
    const user = await makeUser(t.platform, [
      { organisationId: idOf('PREF-LO'), role: 'sui_operator' },
      { organisationId: idOf('COM-098031'), role: 'council_member' },
    ]);
    const page = await open('/accesso');
    await signIn(page, user.email, PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Scrivania' }).waitFor();
    const current = page.getByRole('banner').getByLabel('Ente corrente').filter({ visible: true });
    expect(await current.inputValue()).toBe(idOf('COM-098031'));
    expect(await menuEntries(page)).toEqual(['Consiglio territoriale', 'Questionari']);
    await expectAccessible(page);

    await current.selectOption({ label: 'Prefettura di Lodi – Ufficio Territoriale del Governo' });
    await page
      .getByRole('banner')
      .getByRole('button', { name: 'Cambia ente' })
      .filter({ visible: true })
      .click();
    await expect
      .poll(() => menuEntries(page))
      .toEqual(['Pratiche SUI', 'Pareri', 'Novità normative', 'Formazione', 'Progetto FAMI']);
    const desk = page.getByRole('region', { name: 'Moduli della piattaforma' });
    expect((await desk.getByRole('link').allTextContents()).map((text) => text.trim())).toEqual([
      'Pratiche SUI',
      'Pareri',
      'Novità normative',
      'Formazione',
      'Progetto FAMI',
    ]);
    await close(page);
  });

  it('refuses a page the role may not open, with a page that says so', async () => {
    const page = await open('/amministrazione/utenti');
    await signIn(page, 'operatore.sui@lovit.example');
    await page.waitForURL(`${t.base}/amministrazione/utenti`);
    await page.getByRole('heading', { level: 1, name: 'Accesso non consentito' }).waitFor();
    await expectAccessible(page);
    await close(page);
  });

  it('keeps the user on the login page with a clear message after a wrong password', async () => {
    const page = await open('/accesso');
    await signIn(page, 'admin@lovit.example', 'password sbagliata');
    const alert = page.getByRole('alert');
    await alert.getByText('E-mail o password non corretti').waitFor();
    expect(new URL(page.url()).pathname).toBe('/accesso');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Accesso');
    expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe('');
    await expectAccessible(page);

    await page.getByLabel('E-mail').fill('non è un indirizzo');
    await page.getByRole('button', { name: 'Accedi' }).click();
    const email = page.getByLabel('E-mail');
    await expect.poll(() => email.getAttribute('aria-invalid')).toBe('true');
    await page.getByText('Indirizzo e-mail non valido').waitFor();
    await expectAccessible(page);
    await close(page);
  });

  it('tells how long to wait after repeated wrong passwords', async () => {
    const page = await open('/accesso');
    const attempt = (password: string) =>
      Promise.all([
        page.waitForResponse((response) => response.url().endsWith('/api/auth/login')),
        signIn(page, 'chi.sbaglia@lovit.example', password),
      ]);
    for (let i = 0; i <= SIGN_IN_ATTEMPTS.freeFailures; i++) await attempt(`sbagliata ${i}`);
    await attempt('sbagliata ancora');
    await page
      .getByRole('alert')
      .getByText('Troppi tentativi non riusciti: riprova tra 30 secondi.')
      .waitFor();
    await expectAccessible(page);
    // The browser logs the refusals made on purpose (401, 429) as console errors.
    await page.context().close();
  });

  it('brings the user back to a half-filled form with its values after the session expired', async () => {
    const page = await open('/accesso');
    await signIn(page, 'admin@lovit.example');
    const menu = page.getByRole('navigation', { name: 'Navigazione principale' });
    await menu.getByRole('link', { name: 'Amministrazione' }).click();
    await page.getByRole('link', { name: 'Enti', exact: true }).click();
    await page.getByRole('link', { name: 'Nuovo ente' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nuovo ente' }).waitFor();
    await expectAccessible(page);

    await page.getByLabel('Codice', { exact: true }).fill('COM-098035');
    await page.getByLabel('Denominazione').fill('Comune di Maleo');
    await page.getByLabel('Tipo').selectOption({ label: 'Comune' });
    await page.getByLabel('Codice ISTAT del comune').fill('098035');
    await page.getByLabel('E-mail o PEC').fill('protocollo@comune.maleo.lo.it');

    const admin = await t.database.db
      .selectFrom('appUser')
      .select('id')
      .where('email', '=', 'admin@lovit.example')
      .executeTakeFirstOrThrow();
    await t.database.db.deleteFrom('session').where('userId', '=', admin.id).execute();
    await page.getByRole('button', { name: "Crea l'ente" }).click();

    await page.waitForURL(`${t.base}/accesso?scaduta=1&next=%2Famministrazione%2Fenti%2Fnuovo`);
    await page
      .getByText(
        'La sessione è scaduta: accedi di nuovo. I dati del modulo che stavi compilando sono stati conservati.',
      )
      .waitFor();
    await expectAccessible(page);

    await signIn(page, 'admin@lovit.example');
    await page.waitForURL(`${t.base}/amministrazione/enti/nuovo`);
    await page.getByText('Abbiamo ripristinato i dati che stavi inserendo').waitFor();
    expect(await page.getByLabel('Codice', { exact: true }).inputValue()).toBe('COM-098035');
    expect(await page.getByLabel('Denominazione').inputValue()).toBe('Comune di Maleo');
    expect(await page.getByLabel('Tipo').inputValue()).toBe('MUNICIPALITY');
    expect(await page.getByLabel('Codice ISTAT del comune').inputValue()).toBe('098035');
    expect(await page.getByLabel('E-mail o PEC').inputValue()).toBe('protocollo@comune.maleo.lo.it');
    await expectAccessible(page);

    await page.getByRole('button', { name: "Crea l'ente" }).click();
    await page.getByRole('heading', { level: 1, name: 'Comune di Maleo' }).waitFor();
    await page.getByRole('status').getByText('Ente «Comune di Maleo» creato.').waitFor();
    const stored = await t.database.db
      .selectFrom('organisation')
      .select(['code', 'type', 'municipalityIstatCode', 'fiscalCode'])
      .where('code', '=', 'COM-098035')
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({
      code: 'COM-098035',
      type: 'MUNICIPALITY',
      municipalityIstatCode: '098035',
      fiscalCode: null,
    });
    await expectAccessible(page);

    await page.getByRole('button', { name: "Disattiva l'ente" }).click();
    const dialog = page.getByRole('dialog', { name: 'Disattivare «Comune di Maleo»?' });
    await dialog.waitFor();
    await expectAccessible(page);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: "Disattiva l'ente" }).click();
    await dialog.getByRole('button', { name: "Disattiva l'ente" }).click();
    await page.getByRole('status').getByText('Ente disattivato.').waitFor();
    await page.getByRole('button', { name: "Riattiva l'ente" }).waitFor();
    await close(page);
  });

  it('lets the administrator invite a user, who then appears in the list', async () => {
    const page = await open('/amministrazione/utenti');
    await signIn(page, 'admin@lovit.example');
    await page.getByRole('heading', { level: 1, name: 'Utenti' }).waitFor();
    const count = page.getByRole('status').getByText(/^\d+ utenti$/);
    await count.waitFor();
    const before = Number.parseInt((await count.textContent()) ?? '', 10);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Invita un utente' }).click();
    await page.getByRole('heading', { level: 1, name: 'Invito di un utente' }).waitFor();

    await page.getByRole('button', { name: "Invia l'invito" }).click();
    const givenName = page.getByLabel('Nome', { exact: true });
    await expect.poll(() => givenName.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Ente', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page);

    await givenName.fill('Chiara');
    await page.getByLabel('Cognome').fill('Vitali');
    await page.getByLabel('E-mail').fill('chiara.vitali@lovit.example');
    await page.getByLabel('Ente', { exact: true }).selectOption({ label: 'Comune di Codogno' });
    await page.getByLabel('Ruolo', { exact: true }).selectOption({ label: 'Operatore SUI' });
    await page.getByRole('button', { name: "Invia l'invito" }).click();

    await page.waitForURL(`${t.base}/amministrazione/utenti`);
    await page.getByRole('status').getByText('Invito inviato a chiara.vitali@lovit.example.').waitFor();
    await page
      .getByRole('status')
      .getByText(`${before + 1} utenti`)
      .waitFor();

    // the demo's users fill the first page: the new one is found by name
    await page.getByLabel('Cerca per nome o e-mail').fill('vitali');
    await page.getByRole('button', { name: 'Cerca', exact: true }).click();
    await page.getByRole('status').getByText('1 utente').waitFor();
    expect(new URL(page.url()).searchParams.get('q')).toBe('vitali');
    const row = page.getByRole('row', { name: /Chiara Vitali/ });
    await row.getByText('Invito in attesa').waitFor();
    await row.getByText('Operatore SUI – Comune di Codogno').waitFor();
    await expectAccessible(page);

    // The invitation's e-mail is followed on the user's page, and can be sent again with a new link.
    const toChiara = () => t.smtp.inbox.filter((mail) => mail.to.includes('chiara.vitali@lovit.example'));
    await expect.poll(() => toChiara().length).toBe(1);
    await page.getByRole('link', { name: 'Chiara Vitali' }).click();
    // The page may open from the list read before the mail left: either state is the truth of its moment.
    await page.getByText(/^(Invio in corso|Inviata il )/).waitFor();
    await page.getByRole('button', { name: "Invia di nuovo l'invito" }).click();
    await page.getByRole('status').getByText('Nuovo invito in partenza', { exact: false }).waitFor();
    await expect.poll(() => toChiara().length).toBe(2);
    await expectAccessible(page);
    await close(page);

    const invited = await open(await linkMailedTo('chiara.vitali@lovit.example'));
    await invited.getByRole('heading', { level: 1, name: "Attivazione dell'account" }).waitFor();
    await invited.getByText('Almeno 12 caratteri.', { exact: false }).waitFor();
    await invited.getByLabel('Nuova password', { exact: true }).fill('breve');
    await invited.getByLabel('Ripeti la nuova password').fill('breve');
    await invited.getByRole('button', { name: "Attiva l'account" }).click();
    await invited.getByText('La password deve avere almeno 12 caratteri').waitFor();
    await expectAccessible(invited);
    await invited.getByLabel('Nuova password', { exact: true }).fill('una frase lunga per Chiara');
    await invited.getByLabel('Ripeti la nuova password').fill('una frase lunga per Chiara');
    await invited.getByRole('button', { name: "Attiva l'account" }).click();
    await invited.getByRole('status').getByText('Account attivato.', { exact: false }).waitFor();
    await invited.getByRole('link', { name: "Vai all'accesso" }).click();
    await signIn(invited, 'chiara.vitali@lovit.example', 'una frase lunga per Chiara');
    await invited.getByRole('heading', { level: 1, name: 'Scrivania' }).waitFor();
    expect(await menuEntries(invited)).toEqual([
      'Pratiche SUI',
      'Pareri',
      'Novità normative',
      'Formazione',
      'Progetto FAMI',
    ]);
    await close(invited);
  });

  it('sends a link to set a new password to whoever forgot it', async () => {
    const page = await open('/accesso');
    await page.getByRole('link', { name: 'Password dimenticata?' }).click();
    await page.getByRole('heading', { level: 1, name: 'Recupero della password' }).waitFor();
    await page.getByLabel('E-mail').fill('formatore@lovit.example');
    await page.getByRole('button', { name: 'Invia il collegamento' }).click();
    await page
      .getByRole('status')
      .getByText("Se l'indirizzo corrisponde a un account", { exact: false })
      .waitFor();
    await expectAccessible(page);

    await page.goto(`${t.base}${await linkMailedTo('formatore@lovit.example')}`);
    await page.getByRole('heading', { level: 1, name: 'Nuova password' }).waitFor();
    await page.getByLabel('Nuova password', { exact: true }).fill('la nuova password di Elena');
    await page.getByLabel('Ripeti la nuova password').fill('la nuova password di Elena!');
    await page.getByRole('button', { name: 'Imposta la password' }).click();
    await page.getByText('Le due password non coincidono').waitFor();
    await page.getByLabel('Ripeti la nuova password').fill('la nuova password di Elena');
    await page.getByRole('button', { name: 'Imposta la password' }).click();
    await page.getByRole('link', { name: "Vai all'accesso" }).click();
    await signIn(page, 'formatore@lovit.example', 'la nuova password di Elena');
    await page.getByRole('heading', { level: 1, name: 'Scrivania' }).waitFor();
    expect(await menuEntries(page)).toEqual(['Formazione', 'Progetto FAMI', 'Questionari']);
    await close(page);
  });

  it('shows the organisations, the permission matrix and the audit trail to the administrator', async () => {
    const page = await open('/amministrazione');
    await signIn(page, 'admin@lovit.example');
    await page.getByRole('heading', { level: 1, name: 'Amministrazione' }).waitFor();
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Enti', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Enti' }).waitFor();
    await page.getByRole('link', { name: 'Questura di Lodi' }).waitFor();
    await page.getByLabel('Cerca per nome o codice').fill('nessun ente ha questo nome');
    await page.getByRole('button', { name: 'Cerca', exact: true }).click();
    await page.getByText('Nessun ente trovato.').waitFor();
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Amministrazione' }).first().click();
    await page.getByRole('link', { name: 'Permessi' }).click();
    const matrix = page.getByRole('table', { name: 'Permessi per ruolo' });
    await matrix.waitFor();
    const headers = (await matrix.getByRole('columnheader').allTextContents()).map((text) => text.trim());
    expect(headers.slice(0, 3)).toEqual(['Permesso', 'Amministratore', 'Operatore SUI']);
    const auditRow = matrix.getByRole('row', { name: /esportare il registro delle attività/ });
    expect(await auditRow.getByText('Consentito', { exact: true }).count()).toBe(2);
    await expectAccessible(page);

    await page.goto(`${t.base}/amministrazione/registro?kind=security`);
    await page.getByRole('heading', { level: 1, name: 'Registro attività' }).waitFor();
    await page.getByRole('cell', { name: 'identity.session.login' }).first().waitFor();
    expect(await page.getByLabel('Tipo', { exact: true }).inputValue()).toBe('security');
    expect(await page.getByRole('link', { name: 'Esporta in CSV' }).getAttribute('href')).toBe(
      '/api/audit/export.csv?kind=security',
    );
    await expectAccessible(page);

    // The definitions of the SUI procedures, readable by the administrator without access to the case files
    await page.goto(`${t.base}/amministrazione`);
    await page.getByRole('link', { name: 'Tipi di pratica SUI' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tipi di pratica' }).waitFor();
    await page.getByRole('link', { name: 'Nulla osta al lavoro subordinato' }).click();
    await page.getByRole('table', { name: 'Passaggi di stato' }).waitFor();
    await expectAccessible(page);
    await close(page);
  });

  it('shows the own profile with the open sessions, and signs out', async () => {
    const page = await open('/accesso');
    await signIn(page, 'operatore.sui@lovit.example');
    await page.getByRole('heading', { level: 1, name: 'Scrivania' }).waitFor();
    await page.getByRole('link', { name: 'Profilo' }).click();
    await page.getByRole('heading', { level: 1, name: 'Profilo' }).waitFor();
    await page.getByText('operatore.sui@lovit.example').waitFor();
    await page.getByRole('table', { name: 'Dispositivi da cui risulti collegata o collegato' }).waitFor();
    await page.getByText('Sessione corrente').waitFor();

    await page.getByRole('button', { name: 'Cambia la password' }).click();
    await page.getByText('Almeno 12 caratteri.', { exact: false }).waitFor();
    await page.getByLabel('Nuova password', { exact: true }).fill('corta');
    await page.getByRole('button', { name: 'Cambia la password' }).click();
    await page.getByText('La password deve avere almeno 12 caratteri').waitFor();
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Esci', exact: true }).click();
    await page.waitForURL(`${t.base}/accesso?uscita=1`);
    await page.goto(`${t.base}/profilo`);
    await page.waitForURL(`${t.base}/accesso?next=%2Fprofilo`);
    await close(page);
  });

  it('lets the seconded legal expert of the demo answer a question waiting for him', async () => {
    const expert = await open('/accesso');
    await signIn(expert, 'esperto.legale@lovit.example');
    await expert.getByRole('heading', { level: 1, name: 'Scrivania' }).waitFor();
    await expert.goto(`${t.base}/pratiche/quesiti`);
    const queue = expert.getByRole('table', { name: 'Quesiti in attesa di risposta, per scadenza' });
    await queue.waitFor();
    expect(await queue.getByRole('row').count()).toBe(4);
    await expectAccessible(expert);
    await queue
      .getByRole('row', { name: /passaporto scade/ })
      .getByRole('link')
      .click();
    await expert.getByRole('heading', { level: 2, name: "Domande all'esperto legale" }).waitFor();
    await expert
      .getByLabel('Risposta')
      .fill('Il nulla osta si rilascia: la validità del passaporto si verifica al visto.');
    await expert.getByRole('button', { name: /^Invia la risposta/ }).click();
    await expert.getByText(/^Risposta al quesito del .* registrata\.$/).waitFor();
    await expert.goto(`${t.base}/pratiche/quesiti`);
    await queue.waitFor();
    expect(await queue.getByRole('row').count()).toBe(3);
    await close(expert);
  });

  it('lets the seconded mediator of the demo review a translation in her language', async () => {
    const mediator = await open('/accesso');
    await signIn(mediator, 'mediatrice@lovit.example');
    await mediator.getByRole('heading', { level: 1, name: 'Scrivania' }).waitFor();
    await mediator.goto(`${t.base}/comunicazione/schede`);
    await mediator.getByRole('heading', { level: 1, name: 'Schede delle procedure del portale' }).waitFor();
    await mediator.getByRole('button', { name: 'Modifica ricongiungimento-familiare (ar)' }).click();
    await mediator.getByRole('button', { name: 'Segna come revisionata' }).click();
    await mediator.getByText(/^Testo salvato: Revisionata, revisione \d+\.$/).waitFor();
    await expectAccessible(mediator);
    await close(mediator);
  });

  it('lets the seconded mediator of the demo keep her languages and hours on her profile', async () => {
    const mediator = await open('/accesso');
    await signIn(mediator, 'mediatrice@lovit.example');
    await mediator.getByRole('heading', { level: 1, name: 'Scrivania' }).waitFor();
    await mediator.goto(`${t.base}/pratiche`);
    // her worklist holds the one case she is booked for: the Arabic-speaking worker's
    const list = mediator.getByRole('region', { name: 'Elenco delle pratiche' });
    await list.getByRole('link', { name: 'LO-2026-000003' }).waitFor();
    expect(await list.getByRole('link', { name: /^LO-\d{4}-\d{6}$/ }).count()).toBe(1);
    await mediator.getByRole('link', { name: 'Il mio profilo di mediatore' }).click();
    await mediator.getByRole('heading', { level: 1, name: 'Profilo di Amina El Idrissi' }).waitFor();
    await mediator.getByText('arabo (Madrelingua), francese (C1 – avanzato)').waitFor();
    await mediator.getByRole('button', { name: 'Aggiungi una lingua' }).click();
    await mediator.getByRole('button', { name: 'Salva il profilo' }).click();
    await mediator.getByText('Scegliere una lingua').waitFor();
    await mediator.getByLabel('Lingua n. 3', { exact: true }).selectOption({ label: 'inglese' });
    await mediator
      .getByLabel('Livello della lingua n. 3')
      .selectOption({ label: 'B2 – intermedio avanzato' });
    await mediator.getByRole('button', { name: 'Aggiungi una fascia oraria' }).click();
    await mediator.getByLabel('Fine della fascia n. 1').fill('08:00');
    await mediator.getByRole('button', { name: 'Salva il profilo' }).click();
    await mediator.getByText('L’orario di fine deve venire dopo quello di inizio').waitFor();
    await mediator.getByLabel('Fine della fascia n. 1').fill('12:30');
    await mediator.getByRole('button', { name: 'Salva il profilo' }).click();
    await mediator.getByText('Profilo di Amina El Idrissi salvato.').waitFor();
    await mediator
      .getByText('arabo (Madrelingua), francese (C1 – avanzato), inglese (B2 – intermedio avanzato)')
      .waitFor();
    await mediator.getByText('lunedì dalle 09:00 alle 12:30').waitFor();
    await expectAccessible(mediator);
    await close(mediator);
  });
});
