/**
 * The admin app's browser tests: a real local Stockroom (the run's DynamoDB Local, a throw-away
 * state folder, demo data) serving /admin, and headless Chromium driven by playwright-core.
 * Each test saves a screenshot under tests/browser/admin/screenshots/ (git-ignored) and checks
 * the screen with axe-core (no serious or critical violation).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ensureAdminBuild } from '../../../local/server/admin-route/build-on-demand.js';
import { dropStage, startStockroom, type Stockroom } from '../../../local/server/start.js';
import { dynamoEndpoint } from '../../setup/tables.js';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const SCREENSHOTS = join(import.meta.dirname, 'screenshots');

export interface AdminHarness {
  readonly stockroom: Stockroom;
  readonly browser: Browser;
  readonly adminUrl: string;
  /**
   * A new tab, signed in with the one-click dev sign-in, at `hash` (e.g. `#/keys`); `beforeOpen`
   * runs on the blank tab first (e.g. to route its WebSocket).
   */
  signedInPage(hash?: string, viewport?: { width: number; height: number }, beforeOpen?: (page: Page) => Promise<void>): Promise<Page>;
  /** A GraphQL call as the admin, outside the browser (arranging data). */
  gql<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
  stop(): Promise<void>;
}

export async function startAdminHarness(): Promise<AdminHarness> {
  const stateDir = mkdtempSync(join(tmpdir(), 'stockroom-admin-'));
  const endpoint = dynamoEndpoint();
  const stage = `b${randomBytes(4).toString('hex')}`;
  await ensureAdminBuild(() => undefined);
  const stockroom = await startStockroom({ dynamoEndpoint: endpoint, stage, port: 0, stateDir, schedules: false, log: () => undefined });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  const adminUrl = stockroom.graphqlUrl.replace(/\/graphql$/, '/admin/');
  const pages: Page[] = [];

  async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const res = await fetch(stockroom.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: stockroom.adminToken },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: T; errors?: { message: string; errorType: string }[] };
    if (body.errors?.length) throw new Error(body.errors.map((e) => `${e.errorType}: ${e.message}`).join('; '));
    return body.data as T;
  }

  return {
    stockroom,
    browser,
    adminUrl,
    gql,
    async signedInPage(hash = '', viewport = { width: 1280, height: 900 }, beforeOpen) {
      const page = await browser.newPage({ viewport });
      pages.push(page);
      await beforeOpen?.(page);
      await page.goto(`${adminUrl}${hash}`);
      await page.getByRole('button', { name: 'Sign in as dev admin' }).click();
      await page.getByRole('navigation', { name: 'Sections' }).waitFor();
      return page;
    },
    async stop() {
      await browser.close().catch(() => undefined);
      await stockroom.stop();
      await dropStage(endpoint, stage).catch(() => undefined);
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/** axe-core's serious and critical violations on the page as it is now ([] when clean). */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run()).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${JSON.stringify(v.nodes.map((n) => n.target))}`);
}

/** Saves `<name>.png` under tests/browser/admin/screenshots/. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
