// Debian's Chromium driven by playwright-core (never `playwright install`).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import {
  chromium,
  type Browser,
  type BrowserContextOptions,
  type Download,
  type Page,
} from 'playwright-core';
import { webRoot } from './server';

const CANDIDATES = [
  '/usr/lib/chromium/chromium',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

/** CHROME_PATH, else a system Chromium/Chrome; as root with apt-get, installs Debian's chromium. */
export function findChrome(): string {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROME_PATH=${fromEnv} does not exist`);
    return fromEnv;
  }
  const found = CANDIDATES.find((p) => existsSync(p));
  if (found) return found;
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    // A fresh machine may have no package lists yet: update them first.
    execFileSync('apt-get', ['update'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', 'chromium'], { stdio: 'inherit' });
    const installed = CANDIDATES.find((p) => existsSync(p));
    if (installed) return installed;
  }
  throw new Error(
    'No Chromium found. Install Debian/Ubuntu `chromium` (apt-get install -y chromium) or set CHROME_PATH to a Chrome/Chromium binary.',
  );
}

/** A headless Chromium; playwright gives each launch its own temporary user-data-dir. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: findChrome(),
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** A fresh context (own cookies) and page with an English locale. */
export async function newPage(
  browser: Browser,
  baseURL: string,
  options: BrowserContextOptions = {},
): Promise<Page> {
  const context = await browser.newContext({
    baseURL,
    locale: 'en-US',
    viewport: { width: 1100, height: 900 },
    ...options,
  });
  context.setDefaultTimeout(15_000);
  return context.newPage();
}

const resultsDir = join(webRoot, 'test-results');

/** Saves a full-page screenshot under apps/web/test-results/. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(resultsDir, { recursive: true });
  await page.screenshot({ path: join(resultsDir, `${name}.png`), fullPage: true });
}

/**
 * Where a README screenshot goes: the tracked `docs/screenshots/` only when asked for
 * (`UPDATE_SCREENSHOTS=1`), otherwise `test-results/` like every other screenshot, so a test run
 * never rewrites tracked files.
 */
export function docScreenshotPath(
  name: string,
  env: Record<string, string | undefined> = process.env,
): string {
  const dir =
    env.UPDATE_SCREENSHOTS === '1' ? resolve(webRoot, '../../docs/screenshots') : resultsDir;
  return join(dir, `${name}.png`);
}

/** Takes a README screenshot (see {@link docScreenshotPath} for where it is written). */
export async function docScreenshot(page: Page, name: string): Promise<void> {
  const path = docScreenshotPath(name);
  mkdirSync(dirname(path), { recursive: true });
  await page.screenshot({ path, fullPage: true });
}

/** axe-core violations of any impact (minor included), summarised for an assertion message. */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

/** Puts a host's session cookie (from the API client) into a page's context. */
export async function signInPage(page: Page, baseURL: string, cookie: string): Promise<void> {
  const [name, ...rest] = cookie.split('=');
  await page.context().addCookies([{ name: name!, value: rest.join('='), url: baseURL }]);
}

/** The demo host the test server seeds (apps/server/src/seed.ts `DEMO_LOGIN`). */
export const DEMO = { email: 'demo@workestra.test', password: 'demo-password' } as const;

/** Signs the demo host in through the login form and waits for the dashboard. */
export async function signInAsDemo(page: Page): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(DEMO.email);
  await page.getByLabel('Password').fill(DEMO.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/calendar$/);
}

/** The text of a file the browser downloaded. */
export function readDownload(download: Download): Promise<string> {
  return new Promise<string>((ok, fail) => {
    download.createReadStream().then((stream) => {
      let text = '';
      stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
      stream.on('end', () => ok(text));
      stream.on('error', fail);
    }, fail);
  });
}
