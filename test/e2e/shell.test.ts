import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserTest,
  browserAvailable,
  closePage,
  expectAccessible,
  openPage,
  openSignedIn as openSignedInAs,
  signInWithForm,
  startBrowserTest,
  stopBrowserTest,
} from '../support/browser.ts';
import { makeOrganisation, makeUser } from '../support/identity.ts';

/** The browser logs the refused check for a session made before signing in. */

describe.skipIf(!browserAvailable())('back-office shell in Chromium', () => {
  let t: BrowserTest;
  /** A user whose roles together open every module. */
  let email: string;

  beforeAll(async () => {
    t = await startBrowserTest();
    const prefecture = await makeOrganisation(t.platform, { type: 'PREFECTURE' });
    const user = await makeUser(t.platform, [
      { organisationId: prefecture.id, role: 'admin' },
      { organisationId: prefecture.id, role: 'sui_manager' },
      { organisationId: prefecture.id, role: 'project_manager' },
    ]);
    email = user.email;
  });

  afterAll(() => stopBrowserTest(t));

  const open = (path: string, width = 1280): Promise<Page> => openPage(t.browser, `${t.base}${path}`, width);

  const openSignedIn = (path: string, width = 1280): Promise<Page> =>
    openSignedInAs(t.browser, t.base, path, email, { width });

  const close = closePage;

  it('shows the Italian desk with the platform status read from the server', async () => {
    const page = await openSignedIn('/');
    await expect.poll(() => page.title()).toBe('Scrivania – LOVIT');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Scrivania');
    await page.getByText('Servizi operativi').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('it');
    // the prefecture's name comes from the server's settings, with the territory
    await page.getByText('Prefettura di Lodi – Ufficio Territoriale del Governo').first().waitFor();
    await expectAccessible(page);
    await close(page);
  });

  it('navigates to every module from the main menu, each page accessible', async () => {
    const page = await openSignedIn('/');
    const menu = page.getByRole('navigation', { name: 'Navigazione principale' });
    for (const name of [
      'Pratiche SUI',
      'Pareri',
      'Consiglio territoriale',
      'Formazione',
      'Comunicazione',
      'Progetto FAMI',
      'Amministrazione',
    ]) {
      await menu.getByRole('link', { name }).click();
      await page.getByRole('heading', { level: 1, name }).waitFor();
      expect(await page.title()).toBe(`${name} – LOVIT`);
      await expectAccessible(page);
    }
    expect(new URL(page.url()).pathname).toBe('/amministrazione');
    await close(page);
  });

  it('serves a deep link straight from the server (history fallback) and a 404 page for unknown ones', async () => {
    const page = await openSignedIn('/pratiche');
    await page.getByRole('heading', { level: 1, name: 'Pratiche SUI' }).waitFor();
    await page.goto(`${t.base}/non-esiste`);
    await page.getByRole('heading', { level: 1, name: 'Pagina non trovata' }).waitFor();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Torna alla Scrivania' }).click();
    await page.getByRole('heading', { level: 1, name: 'Scrivania' }).waitFor();
    await close(page);
  });

  it('works at 360 px with the keyboard: skip link, menu dialog, Escape', async () => {
    // signed out, `/` is the public site: the desk is reached through the sign-in
    const page = await open('/accesso', 360);
    await signInWithForm(page, email);
    await page.waitForURL(`${t.base}/`);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Scrivania' }).waitFor();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Vai al contenuto' });
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByRole('button', { name: 'Apri il menu di navigazione' }).click();
    const dialog = page.getByRole('dialog', { name: 'Menu di navigazione' });
    await dialog.waitFor();
    await expectAccessible(page);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await close(page);
  });

  it('sends a visitor without a session to the login page, reachable from the header', async () => {
    const page = await open('/pratiche');
    await page.waitForURL(`${t.base}/accesso?next=%2Fpratiche`);
    await page.getByRole('heading', { level: 1, name: 'Accesso' }).waitFor();
    expect(await page.title()).toBe('Accesso – LOVIT');
    expect(await page.getByRole('navigation', { name: 'Navigazione principale' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Password dimenticata?' }).click();
    await page.getByRole('heading', { level: 1, name: 'Recupero della password' }).waitFor();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Accedi' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Accesso' }).waitFor();
    await expectAccessible(page);
    await close(page);
  });
});
