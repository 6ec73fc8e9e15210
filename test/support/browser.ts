import { existsSync } from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { WEB_ROOT } from '../../src/kernel/web.ts';
import { startTestApp, stopTestApp, type TestApp } from './app.ts';
import { openTestDatabase, type TestDatabase } from './database.ts';
import { PASSWORD } from './identity.ts';
import { startSmtpServer } from './smtp.ts';

export const CHROMIUM = '/usr/bin/chromium';

/**
 * Whether browser tests can run here. Without Chromium they are skipped with one line, except in CI,
 * where a missing browser is a failure.
 */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI === 'true')
    throw new Error(`Browser tests are required in CI, but ${CHROMIUM} is missing.`);
  process.stderr.write(`Browser tests skipped: ${CHROMIUM} not found (apt-get install chromium).\n`);
  return false;
}

export function assertWebBuilt(): void {
  if (!existsSync(path.join(WEB_ROOT, 'index.html'))) {
    throw new Error(
      'The back-office is not built: run `npm run build` (npm install does it) before browser tests.',
    );
  }
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  });
}

type SmtpServer = Awaited<ReturnType<typeof startSmtpServer>>;

/** The real app on a PGlite database of its own, listening at `base` on a port the system chose. */
export type ServedApp = TestApp & { database: TestDatabase; base: string };

/**
 * Starts the app on a PGlite database of its own and serves it on a port the system chooses. The address it
 * got becomes its public URL, which the app reads when it writes a link (e-mails, the OpenID Connect return).
 */
export async function serveTestApp(
  config: Record<string, string> = {},
  options: { jobs?: boolean } = {},
): Promise<ServedApp> {
  const database = await openTestDatabase('pglite');
  const t = await startTestApp(database, { config, ...options });
  const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  t.platform.config.publicUrl = base;
  return { ...t, database, base };
}

export async function stopServedApp(t: ServedApp): Promise<void> {
  await stopTestApp(t);
  await t.database.dispose();
}

/** A served app and the Chromium that opens it. */
export type BrowserTest = ServedApp & { browser: Browser; smtp?: SmtpServer };
export type BrowserTestWithMail = BrowserTest & { smtp: SmtpServer };

type BrowserTestOptions = {
  /** Starts an SMTP server that keeps the e-mail the app sends. */
  smtp?: boolean;
  config?: Record<string, string>;
  /** Whether the test opens the back-office, which must then be built (the public portal needs no build). */
  backOffice?: boolean;
};

/** Starts the app and the browser of a test file; the test makes its data through `t.app` and `t.platform`. */
export function startBrowserTest(options: BrowserTestOptions & { smtp: true }): Promise<BrowserTestWithMail>;
export function startBrowserTest(options?: BrowserTestOptions): Promise<BrowserTest>;
export async function startBrowserTest(options: BrowserTestOptions = {}): Promise<BrowserTest> {
  if (options.backOffice ?? true) assertWebBuilt();
  const smtp = options.smtp ? await startSmtpServer() : undefined;
  // E-mail leaves through the outbox's job: a test that reads mail runs the jobs.
  const served = await serveTestApp(
    { ...(smtp && { SMTP_URL: smtp.url }), ...options.config },
    { jobs: smtp !== undefined },
  );
  return { ...served, browser: await launchBrowser(), smtp };
}

/** Stops what `startBrowserTest` started; nothing when it failed before returning. */
export async function stopBrowserTest(t: BrowserTest | undefined): Promise<void> {
  if (!t) return;
  await t.browser.close();
  await stopServedApp(t);
  await t.smtp?.stop();
}

/** Fails on any serious or critical accessibility violation of the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const blocking = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} – ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(blocking, `accessibility violations on ${page.url()}`).toEqual([]);
}

/** The session check's 401 before signing in is logged by the browser on every page: expected, not an error. */
const EXPECTED_REFUSAL = /Failed to load resource: the server responded with a status of 401/;
const pageErrors = new WeakMap<Page, string[]>();

/** Opens a page in a fresh context, collecting script errors and CSP violations for `closePage`. */
export async function openPage(browser: Browser, url: string, width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  pageErrors.set(page, errors);
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !EXPECTED_REFUSAL.test(message.text())) errors.push(message.text());
  });
  await page.goto(url);
  return page;
}

/** Closes a page after checking that it logged no script error and no CSP violation. */
export async function closePage(page: Page): Promise<void> {
  expect(pageErrors.get(page)).toEqual([]);
  await page.context().close();
}

/** Opens a page behind the sign-in, signs in through the form and waits to be back on the page. */
export async function openSignedIn(
  browser: Browser,
  base: string,
  route: string,
  email: string,
  options: { password?: string; width?: number } = {},
): Promise<Page> {
  // signed out, `/` is the public site: the desk is reached through the sign-in page
  const first = route === '/' ? '/accesso?next=%2F' : route;
  const page = await openPage(browser, `${base}${first}`, options.width);
  await signInWithForm(page, email, options.password);
  await page.waitForURL(`${base}${route}`);
  return page;
}

/** Fills and sends the sign-in form, once the page shows it. */
export async function signInWithForm(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'Accesso' }).waitFor();
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Accedi' }).click();
}

/** The refusals the browser logs when a test makes the server refuse on purpose (401, 409, 422). */
export const REFUSED_ON_PURPOSE =
  /Failed to load resource: the server responded with a status of (401|409|422)/;

/** Script errors and console errors other than the refusals made on purpose, for `closeAfterRefusals`. */
export function watchErrors(page: Page, allowed = REFUSED_ON_PURPOSE): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !allowed.test(message.text())) errors.push(message.text());
  });
  return errors;
}

/** Closes a page on which the server refused on purpose, after checking nothing else went wrong. */
export async function closeAfterRefusals(page: Page, errors: string[]): Promise<void> {
  expect(errors).toEqual([]);
  await page.context().close();
}

/** Opens a step's dialog from the Azioni panel, confirms it and waits for the state it leads to. */
export async function takeStep(page: Page, action: string, state: string): Promise<void> {
  await page.getByRole('region', { name: 'Azioni' }).getByRole('button', { name: action }).click();
  const dialog = page.getByRole('dialog', { name: action });
  await dialog.getByRole('button', { name: 'Conferma' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await stateIs(page, action, state);
}

export async function stateIs(page: Page, action: string, state: string): Promise<void> {
  await page.getByRole('status').getByText(`${action}: fatto. Stato attuale: ${state}.`).waitFor();
}
