// Browser end-to-end test of the dashboard against a real gateway (standalone mode), driven by playwright-core and the
// machine's Chromium. Usage: node e2e/dashboard.e2e.mjs --jar <api-gateway exec jar> [--corpus <dir>] [--screenshots <dir>]
// Screenshots go to e2e/target/screenshots; with UPDATE_SCREENSHOTS=1 a passing run also refreshes docs/screenshots.
import { spawn } from 'node:child_process';
import { copyFileSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { checkAdministration, checkApiToken, checkDownloads, checkHostileInputIsText, checkUnicodeFileName } from './security-checks.mjs';

const frontendDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = resolve(frontendDir, '..');

function argument(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const JAR = resolve(argument('jar', process.env.GATEWAY_JAR ?? join(repoRoot, 'api-gateway/target/api-gateway-0.1.0-SNAPSHOT-exec.jar')));
const CORPUS = resolve(argument('corpus', process.env.CORPUS_DIR ?? join(repoRoot, '../shared/corpus')));
const SCREENSHOTS = resolve(argument('screenshots', join(repoRoot, 'e2e/target/screenshots')));
const PUBLISHED_SCREENSHOTS = join(repoRoot, 'docs/screenshots');
const UPDATE_SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1';
const BROWSER_REQUIRED = process.env.BROWSER_REQUIRED === 'true';
const JOB_TIMEOUT_MS = 180_000;
const PUBLISHED = ['jobs.png', 'job-detail.png', 'jobs-phone.png', 'account.png', 'admin.png'];

const FILES = [
  { name: 'superstore__Sample_-_Superstore.csv', topUser: 'WB-21850', topEvents: '37' },
  { name: 'elastic__apache_logs', topUser: '66.249.73.135', topEvents: '482' },
];

function screenshot(page, name) {
  return page.screenshot({ path: join(SCREENSHOTS, name), fullPage: true });
}

function log(message) {
  process.stdout.write(`[e2e] ${message}\n`);
}

function fail(message) {
  throw new Error(message);
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

async function waitForHealth(baseUrl, gateway, logFile) {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (gateway.exitCode !== null) fail(`the gateway exited with code ${gateway.exitCode}:\n${tail(logFile)}`);
    try {
      const response = await fetch(`${baseUrl}/actuator/health`);
      if (response.ok && (await response.json()).status === 'UP') return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  fail(`the gateway did not become healthy within 180 s:\n${tail(logFile)}`);
}

function tail(file, lines = 60) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function startGateway(port, workDir) {
  const logFile = join(workDir, 'gateway.log');
  const out = openSync(logFile, 'a');
  const gateway = spawn('java', ['-jar', JAR, `--server.port=${port}`], {
    cwd: workDir,
    detached: true,
    stdio: ['ignore', out, out],
    env: {
      ...process.env,
      ASSAY_MODE: 'standalone',
      ASSAY_USERS: 'alice:alice-pass,bob:bob-pass,root:root-pass:ADMIN',
      ASSAY_STORAGE_DIR: join(workDir, 'uploads'),
      SERVER_PORT: String(port),
      // partial results often enough that a job of a few seconds shows several
      ASSAY_WORKER_PARTIAL_INTERVAL: '200ms',
    },
  });
  return { gateway, logFile };
}

function stopGateway(gateway) {
  if (!gateway || gateway.exitCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => {
      try {
        process.kill(-gateway.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      done();
    }, 15_000);
    gateway.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    try {
      process.kill(-gateway.pid, 'SIGTERM');
    } catch {
      clearTimeout(timer);
      done();
    }
  });
}

/** Writes an event CSV of about `megabytes` MB: 2,000 users (a few much more active), a timestamp a second. */
async function writeEvents(file, megabytes) {
  const out = createWriteStream(file);
  const write = (chunk) => (out.write(chunk) ? Promise.resolve() : new Promise((done) => out.once('drain', done)));
  await write('user_id,event_time,action,amount,region,note\n');
  const start = Date.parse('2026-01-01T00:00:00Z');
  let written = 0;
  for (let i = 0; written < megabytes * 1_000_000; ) {
    let rows = '';
    for (let j = 0; j < 10_000; j += 1, i += 1) {
      const user = (i * 7919) % 13 === 0 ? `u${i % 5}` : `u${(i * 104729) % 2000}`;
      rows += `${user},${new Date(start + i * 1000).toISOString()},${['view', 'click', 'buy'][i % 3]},${i % 977},r${i % 11},n${i % 3}\n`;
    }
    written += rows.length;
    await write(rows);
  }
  await new Promise((done) => out.end(done));
}

/**
 * Uploads a big file, opens its page while it runs and records what the "So far" user chart shows until the job
 * completes: it must have changed at least twice before the final result replaced it.
 */
async function checkLivePartials(page, workDir) {
  const file = join(workDir, 'live-events.csv');
  await writeEvents(file, 150);
  await page.getByTestId('file-input').setInputFiles(file);
  await page.getByRole('listitem', { name: 'Upload of live-events.csv' }).getByText('Uploaded').waitFor({ timeout: 120_000 });
  await page.getByRole('link', { name: 'live-events.csv', exact: true }).click();
  const seen = [];
  const deadline = Date.now() + JOB_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const shown = await page.evaluate(() => {
      const region = [...document.querySelectorAll('section')].find((section) => section.querySelector('#so-far-title'));
      const summary = [...document.querySelectorAll('h2')].some((heading) => heading.textContent === 'Summary');
      return { events: region?.querySelector('.top-user-events')?.textContent ?? null, summary };
    });
    if (shown.events !== null && shown.events !== seen[seen.length - 1]) seen.push(shown.events);
    if (shown.summary) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  await page.getByRole('heading', { name: 'Summary' }).waitFor();
  if (seen.length < 2) fail(`the user chart of the running job showed ${seen.length} state(s) before COMPLETED (${seen.join(', ')}), expected at least 2`);
  log(`live partial results: the top user's events went ${seen.join(' → ')} before COMPLETED`);
}

async function signIn(page, baseUrl, username, password) {
  await page.goto(baseUrl);
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Your jobs' }).waitFor();
  await page.locator('.connection-connected').waitFor({ timeout: 20_000 });
}

function jobRow(page, fileName) {
  return page.locator('tr', { has: page.getByRole('link', { name: fileName, exact: true }) });
}

async function checkTopUser(page, file) {
  const chart = page.getByRole('figure', { name: 'Top users' });
  await chart.waitFor({ timeout: 30_000 });
  await chart.locator('svg .recharts-bar-rectangle').first().waitFor();
  const topUser = (await chart.locator('.top-user').textContent())?.trim();
  const topEvents = (await chart.locator('.top-user-events').textContent())?.trim();
  if (topUser !== file.topUser || topEvents !== file.topEvents) {
    fail(`${file.name}: expected top user ${file.topUser} with ${file.topEvents} events, the page shows ${topUser} with ${topEvents}`);
  }
  // The category axis lists the users top-down before the numeric axis; its first label is the top user's bar.
  const labels = (await chart.locator('svg text').allTextContents()).map((text) => text.trim()).filter((text) => text && !/^\d+$/.test(text));
  if (labels[0] !== file.topUser) fail(`${file.name}: the first bar of the chart is labelled ${labels[0]}, expected ${file.topUser}`);
  log(`${file.name}: top user ${topUser} with ${topEvents} events, drawn first in the chart`);
}

/** Copies this run's screenshots over the ones the README shows (only when asked: a clean clone stays clean). */
function publishScreenshots() {
  mkdirSync(PUBLISHED_SCREENSHOTS, { recursive: true });
  for (const name of PUBLISHED) copyFileSync(join(SCREENSHOTS, name), join(PUBLISHED_SCREENSHOTS, name));
  log(`refreshed ${PUBLISHED.join(', ')} in ${PUBLISHED_SCREENSHOTS}`);
}

async function run() {
  if (!existsSync(CHROMIUM)) {
    if (BROWSER_REQUIRED) fail(`Chromium is required (BROWSER_REQUIRED=true) but ${CHROMIUM} does not exist`);
    log(`SKIPPED: ${CHROMIUM} not found (install Debian's chromium, or set BROWSER_REQUIRED=true to make this a failure)`);
    return;
  }
  if (!existsSync(JAR)) fail(`gateway jar not found: ${JAR} (build it with ./mvnw -pl api-gateway -am package)`);
  for (const file of FILES) {
    if (!existsSync(join(CORPUS, file.name))) fail(`corpus file missing: ${join(CORPUS, file.name)}`);
  }
  mkdirSync(SCREENSHOTS, { recursive: true });

  const workDir = mkdtempSync(join(tmpdir(), 'assay-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const { gateway, logFile } = startGateway(port, workDir);
  const cleanup = () => {
    try {
      process.kill(-gateway.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  process.once('SIGINT', () => {
    cleanup();
    process.exit(130);
  });
  process.once('SIGTERM', () => {
    cleanup();
    process.exit(143);
  });

  let browser;
  try {
    log(`gateway ${JAR} starting on port ${port} in ${workDir}`);
    await waitForHealth(baseUrl, gateway, logFile);
    log('gateway healthy');

    // Playwright gives each launch a fresh temporary profile (its own --user-data-dir).
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });

    const alice = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await alice.newPage();
    page.setDefaultTimeout(30_000);
    const pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    await signIn(page, baseUrl, 'alice', 'alice-pass');
    log('alice signed in, live connection up');

    // A marker on window survives only as long as the document: it proves the list updated without a reload.
    await page.evaluate(() => {
      window.__assayNoReload = true;
    });
    await page.getByTestId('file-input').setInputFiles(FILES.map((file) => join(CORPUS, file.name)));
    for (const file of FILES) {
      await page.getByRole('listitem', { name: `Upload of ${file.name}` }).getByText('Uploaded').waitFor();
    }
    log('both files uploaded, one request each');

    for (const file of FILES) {
      const row = jobRow(page, file.name);
      await row.and(page.locator('[data-status="COMPLETED"], [data-status="FAILED"], [data-status="CANCELLED"]')).waitFor({ timeout: JOB_TIMEOUT_MS });
      const status = await row.getAttribute('data-status');
      if (status !== 'COMPLETED') fail(`${file.name} ended ${status}: ${(await row.textContent())?.trim()}`);
      log(`${file.name}: COMPLETED`);
    }
    if (!(await page.evaluate(() => window.__assayNoReload === true))) fail('the page was reloaded while waiting for the jobs');
    const aliceJobIds = await page.locator('tr[data-job-id]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-job-id')));
    await page.getByRole('button', { name: 'Clear finished uploads' }).click();

    // An image is refused (415/422) and the reason is shown next to that file; no job is created for it.
    const image = { name: 'holiday.png', mimeType: 'image/png', buffer: Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(256)]) };
    await page.getByTestId('file-input').setInputFiles([image]);
    const rejection = page.getByRole('listitem', { name: 'Upload of holiday.png' }).getByRole('alert');
    await rejection.waitFor();
    log(`holiday.png rejected next to the file: ${(await rejection.textContent())?.trim()}`);
    if ((await page.getByRole('link', { name: 'holiday.png' }).count()) > 0) fail('the rejected image appears as a job');
    await page.getByRole('button', { name: 'Dismiss holiday.png' }).click();
    await page.screenshot({ path: join(SCREENSHOTS, 'jobs.png') });

    for (const [index, file] of FILES.entries()) {
      await page.getByRole('link', { name: file.name, exact: true }).click();
      await checkTopUser(page, file);
      if (index === 0) {
        await page.getByRole('heading', { name: 'Columns' }).waitFor();
        await page.screenshot({ path: join(SCREENSHOTS, 'job-detail.png'), fullPage: true });
      }
      await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Jobs' }).click();
      await page.getByRole('heading', { name: 'Your jobs' }).waitFor();
    }

    await checkHostileInputIsText(page, { log, timeout: JOB_TIMEOUT_MS });
    await checkUnicodeFileName(page, { log, timeout: JOB_TIMEOUT_MS });
    await checkDownloads(page, baseUrl, { log });
    await checkApiToken(page, baseUrl, { log, screenshot });

    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, storageState: await alice.storageState() });
    const phonePage = await phone.newPage();
    await phonePage.goto(baseUrl);
    await jobRow(phonePage, FILES[0].name).waitFor();
    await phonePage.screenshot({ path: join(SCREENSHOTS, 'jobs-phone.png'), fullPage: true });
    await phone.close();

    const bob = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const bobPage = await bob.newPage();
    bobPage.setDefaultTimeout(30_000);
    await signIn(bobPage, baseUrl, 'bob', 'bob-pass');
    await bobPage.getByText('No jobs yet').waitFor();
    for (const file of FILES) {
      if ((await bobPage.getByText(file.name).count()) > 0) fail(`bob sees alice's file ${file.name}`);
    }
    for (const id of aliceJobIds) {
      await bobPage.goto(`${baseUrl}/jobs/${encodeURIComponent(id)}`);
      await bobPage.getByText('This job does not exist or is not yours.').waitFor();
    }
    log(`bob sees none of alice's ${aliceJobIds.length} jobs, neither in his list nor by address`);

    const root = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const rootPage = await root.newPage();
    rootPage.setDefaultTimeout(30_000);
    await signIn(rootPage, baseUrl, 'root', 'root-pass');
    await bobPage.goto(baseUrl);
    await bobPage.getByRole('heading', { name: 'Your jobs' }).waitFor();
    await checkAdministration(rootPage, bobPage, baseUrl, { log, screenshot, owner: 'alice', fileName: FILES[0].name });
    await bobPage.getByRole('button', { name: 'Sign out' }).click();
    await bobPage.getByRole('button', { name: 'Sign in' }).waitFor();
    await bobPage.goto(baseUrl);
    await bobPage.getByRole('button', { name: 'Sign in' }).waitFor();
    log('bob signed out; the session is gone after a reload');

    await page.goto(baseUrl);
    await checkLivePartials(page, workDir);

    if (pageErrors.length > 0) fail(`uncaught errors in the page: ${pageErrors.join('; ')}`);
    log(`PASSED; screenshots in ${SCREENSHOTS}`);
    if (UPDATE_SCREENSHOTS) publishScreenshots();
  } catch (error) {
    process.stderr.write(`[e2e] gateway log tail:\n${tail(logFile)}\n`);
    for (const context of browser?.contexts() ?? []) {
      for (const [index, open] of context.pages().entries()) {
        await open.screenshot({ path: join(SCREENSHOTS, `failure-${index}.png`), fullPage: true }).catch(() => undefined);
      }
    }
    throw error;
  } finally {
    await browser?.close();
    await stopGateway(gateway);
    rmSync(workDir, { recursive: true, force: true });
  }
}

run().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`[e2e] FAILED: ${error.stack ?? error}\n`);
    process.exit(1);
  },
);
