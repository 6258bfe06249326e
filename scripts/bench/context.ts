// What every section of the benchmark is handed, and the small tools they share.
import { request } from 'node:http';
import type Docker from 'dockerode';
import type { Browser, Page } from '@playwright/test';
import type { WharfServer } from '../../e2e/support/wharf-server';
import type { ProbeSnapshot } from './page-probe';
import type { CountingProxy } from './proxy';
import type { Row } from './report';

export interface Sizes {
  /** The smaller list (100). */
  small: number;
  /** The larger list (1,000), of which `running` run. */
  large: number;
  /** The longest list (5,000), made last from the larger one's containers and more. */
  huge: number;
  running: number;
  images: number;
  volumes: number;
  idleSeconds: number;
  eventRepeats: number;
  burstContainers: number;
  logLines: number;
  /** Bytes the terminal benchmark `cat`s into xterm. */
  terminalBytes: number;
}

export const FULL: Sizes = {
  small: 100,
  large: 1000,
  huge: 5000,
  running: 200,
  images: 500,
  volumes: 500,
  idleSeconds: 60,
  eventRepeats: 20,
  burstContainers: 100,
  logLines: 200_000,
  terminalBytes: 100_000_000,
};

export const QUICK: Sizes = {
  small: 50,
  large: 200,
  huge: 1000,
  running: 50,
  images: 50,
  volumes: 50,
  idleSeconds: 15,
  eventRepeats: 10,
  burstContainers: 50,
  logLines: 50_000,
  terminalBytes: 20_000_000,
};

export interface Bench {
  sizes: Sizes;
  /** The engine itself (what the docker CLI and the raw calls use). */
  docker: Docker;
  engineEndpoint: string;
  /** Processes of the engine (dockerd, containerd, shims) are found by this folder in their command line. */
  engineDir: string | undefined;
  /** The counting proxy Wharf talks through. */
  proxy: CountingProxy;
  image: string;
  /** A folder for this run's files. */
  dir: string;
  browser: Browser;
  /** Finds the browser's processes in /proc. */
  browserTag: string;
  server: WharfServer;
  page: Page;
  rows: Row[];
  result: Record<string, unknown>;
}

export const epoch = (): number => performance.timeOrigin + performance.now();
export const wait = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function snapshot(page: Page): Promise<ProbeSnapshot> {
  return await page.evaluate<ProbeSnapshot>('window.__bench');
}

/** One raw API call on a unix socket, body read and parsed: what the engine costs a client. */
export function rawGet(socketPath: string, path: string): Promise<{ ms: number; bytes: number; items: number }> {
  const t0 = performance.now();
  return new Promise((done, fail) => {
    const req = request({ socketPath, path, method: 'GET', headers: { Host: 'docker' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        const parsed = JSON.parse(body.toString('utf8')) as unknown;
        done({ ms: performance.now() - t0, bytes: body.length, items: Array.isArray(parsed) ? parsed.length : 1 });
      });
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end();
  });
}

/** The total the containers page shows in its header ("200 running · 1000 in total"). */
export async function shownTotal(page: Page): Promise<number> {
  const text = (await page.locator('.page-count').first().textContent({ timeout: 30_000 })) ?? '';
  return Number(/([\d,]+)\D*$/.exec(text)?.[1]?.replaceAll(',', '') ?? NaN);
}

export async function waitForTotal(page: Page, total: number, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if ((await shownTotal(page).catch(() => NaN)) === total) return;
    await wait(100);
  }
  throw new Error(`the containers page did not come to ${total} containers`);
}

/** Waits until the probe saw the first container row painted (a function, not a string: the page's CSP forbids eval). */
export async function waitFirstRow(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    () => ((globalThis as unknown as { __bench?: ProbeSnapshot }).__bench?.firstRowAt ?? 0) > 0,
    undefined,
    { timeout },
  );
}
