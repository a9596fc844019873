import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's Chromium: CI installs it (see .ci/run); Playwright's own browser downloads are not used. */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * The machine's network is closed: without these, Chromium's background connections (updates, sync,
 * QUIC probes, first-run pings) are refused at every start.
 */
const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Fails, with what to do, when Chromium is missing: the browser tests are never skipped quietly. */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}, and the dashboard tests drive it with playwright-core. Install it with\n` +
      '  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium\n' +
      '(.ci/run does this in CI).',
    );
  }
}

export interface Chromium {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Headless Chromium with a fresh, empty profile of its own. */
export async function launchChromium(): Promise<Chromium> {
  requireChromium();
  const profile = mkdtempSync(join(tmpdir(), 'intreccio-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      chromiumSandbox: false,
      args: FLAGS,
      viewport: { width: 1280, height: 900 },
      locale: 'en-GB',
      timezoneId: 'Europe/Rome',
    });
    return {
      context,
      close: async () => {
        await context.close().catch(() => undefined);
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (err) {
    rmSync(profile, { recursive: true, force: true });
    throw err;
  }
}
