import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type BrowserContext } from 'playwright-core';
import {
  startGatewayProcess,
  type GatewayProcess,
  startIdentityProcess,
  type IdentityProcess,
} from '@gym/stack';

/** Debian's chromium package; CI installs it when missing. */
const CHROMIUM = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

describe('API docs page', () => {
  let identity: IdentityProcess;
  let gateway: GatewayProcess;
  let userDataDir: string;
  let browser: BrowserContext;

  before(async () => {
    identity = await startIdentityProcess();
    gateway = await startGatewayProcess({ identityUrl: identity.baseUrl });
    userDataDir = await mkdtemp(join(tmpdir(), 'gateway-chromium-'));
    browser = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      headless: true,
    });
  });

  after(async () => {
    await browser?.close();
    if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
    await gateway?.close();
    await identity?.close();
  });

  it('Chromium shows identity routes', async () => {
    const page = await browser.newPage();
    const requestedUrls: string[] = [];
    const consoleErrors: string[] = [];
    page.on('request', (pageRequest) => requestedUrls.push(pageRequest.url()));
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });

    const response = await page.goto(`${gateway.baseUrl}/api/docs`);
    assert.equal(response?.status(), 200);
    await page
      .getByText('/api/v1/auth/login', { exact: true })
      .first()
      .waitFor({ timeout: 15_000 });

    const text = await page.locator('#swagger-ui').innerText();
    for (const path of ['/api/v1/auth/signup/start', '/api/v1/auth/me', '/api/v1/branches']) {
      assert.ok(text.includes(path), `the page lists ${path}`);
    }
    assert.ok(!text.includes('/health/ready'), 'probes are not listed');
    assert.deepEqual(consoleErrors, [], 'the page logs no error (such as a blocked script)');
    assert.deepEqual(
      requestedUrls.filter((url) => !url.startsWith(gateway.baseUrl) && !url.startsWith('data:')),
      [],
      'everything the page loads comes from the gateway',
    );
  });
});
