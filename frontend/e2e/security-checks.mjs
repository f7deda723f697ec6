// Browser checks of issue 5, run by dashboard.e2e.mjs against the same gateway: hostile input renders as text,
// non-ASCII file names survive the round trip, roles gate the administration, tokens work from a script.

const HOSTILE_NAME = '<script>window.__pwned=1</script>.csv';
const HOSTILE_CELL = '<img src=x onerror="window.__pwned=2">';
const UNICODE_NAME = 'отчёт "квартал" 報告 «итог».csv';

function fail(message) {
  throw new Error(message);
}

function csv(rows) {
  const quote = (cell) => `"${String(cell).replaceAll('"', '""')}"`;
  return Buffer.from(rows.map((row) => row.map(quote).join(',')).join('\r\n') + '\r\n', 'utf8');
}

async function uploadAndComplete(page, { name, buffer }, timeout) {
  await page.getByTestId('file-input').setInputFiles([{ name, mimeType: 'text/csv', buffer }]);
  await page.getByRole('listitem', { name: `Upload of ${name}` }).getByText('Uploaded').waitFor();
  const row = page.locator('tr', { has: page.getByRole('link', { name, exact: true }) });
  await row.and(page.locator('[data-status="COMPLETED"], [data-status="FAILED"], [data-status="CANCELLED"]')).waitFor({ timeout });
  const status = await row.getAttribute('data-status');
  if (status !== 'COMPLETED') fail(`${name} ended ${status}: ${(await row.textContent())?.trim()}`);
}

async function backToJobs(page) {
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Jobs' }).click();
  await page.getByRole('heading', { name: 'Your jobs' }).waitFor();
}

/**
 * A file name that is a script tag and a cell that is an image with an onerror handler: both are shown literally in
 * the list, the job page and the column profile, and neither runs.
 */
export async function checkHostileInputIsText(page, { log, timeout }) {
  const buffer = csv([
    ['id', 'comment'],
    ...Array.from({ length: 20 }, (_, i) => [i + 1, HOSTILE_CELL]),
  ]);
  await uploadAndComplete(page, { name: HOSTILE_NAME, buffer }, timeout);
  await page.getByRole('link', { name: HOSTILE_NAME, exact: true }).click();
  await page.getByRole('heading', { name: HOSTILE_NAME, exact: true }).waitFor();
  const columns = page.getByRole('table', { name: 'Column profile' });
  await columns.waitFor({ timeout: 30_000 });
  const cell = columns.getByText(HOSTILE_CELL, { exact: false }).first();
  await cell.waitFor();
  if (!(await cell.textContent())?.includes(HOSTILE_CELL)) fail(`the cell value is not shown literally: ${await cell.textContent()}`);
  const injected = await page.evaluate(() => ({
    pwned: typeof window.__pwned,
    images: document.querySelectorAll('img[src="x"]').length,
    scripts: [...document.scripts].filter((s) => s.textContent?.includes('__pwned')).length,
  }));
  if (injected.pwned !== 'undefined' || injected.images > 0 || injected.scripts > 0) fail(`hostile input was interpreted: ${JSON.stringify(injected)}`);
  log('a script-tag file name and an onerror-image cell are shown as text; window.__pwned stays undefined');
  await backToJobs(page);
}

/** A Cyrillic/CJK file name with quotes is shown exactly in the list and on the job page. */
export async function checkUnicodeFileName(page, { log, timeout }) {
  await uploadAndComplete(page, { name: UNICODE_NAME, buffer: csv([['город', '数量'], ['Москва', 3], ['東京', 5]]) }, timeout);
  await page.getByRole('link', { name: UNICODE_NAME, exact: true }).click();
  const heading = page.getByRole('heading', { level: 1 });
  await heading.waitFor();
  const shown = (await heading.textContent())?.trim();
  if (shown !== UNICODE_NAME) fail(`the file name is shown as ${JSON.stringify(shown)}, expected ${JSON.stringify(UNICODE_NAME)}`);
  log(`the file name ${UNICODE_NAME} is shown exactly`);
  await backToJobs(page);
}

/**
 * The uploaded file comes back under its own name: exactly in the RFC 6266 `filename*` of the answer, and as the
 * browser's download name (Chromium turns a `"` into `_` there); the profile comes as a CSV file.
 */
export async function checkDownloads(page, baseUrl, { log }) {
  await page.getByRole('link', { name: UNICODE_NAME, exact: true }).click();
  const link = page.getByRole('link', { name: 'Download file' });
  const answer = await page.request.get(new URL(await link.getAttribute('href'), baseUrl).toString());
  const disposition = answer.headers()['content-disposition'] ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (!encoded || decodeURIComponent(encoded) !== UNICODE_NAME) fail(`Content-Disposition does not carry the exact name: ${disposition}`);
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
  if (file.suggestedFilename() !== UNICODE_NAME.replaceAll('"', '_')) fail(`the browser saves the file as ${JSON.stringify(file.suggestedFilename())}`);
  const [profile] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Profile as CSV' }).click()]);
  const header = (await readDownload(profile)).split(/\r?\n/)[0];
  if (!header.toLowerCase().startsWith('column,type')) fail(`the profile CSV starts with ${JSON.stringify(header)}`);
  log(`"Download file" carries the exact name in filename* and saves as ${file.suggestedFilename()}; "Profile as CSV" saves as ${profile.suggestedFilename()}`);
  await backToJobs(page);
}

async function readDownload(download) {
  const chunks = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The account page: a token is shown once, works from a script as Bearer, and stops working once revoked.
 * Leaves a screenshot of the page with the new token.
 */
export async function checkApiToken(page, baseUrl, { log, screenshot }) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Account' }).click();
  await page.getByRole('heading', { name: 'API tokens' }).waitFor();
  await page.getByLabel('Token name').fill('nightly export');
  await page.getByRole('button', { name: 'Create token' }).click();
  const token = (await page.getByTestId('new-token').textContent())?.trim() ?? '';
  if (!/^assay_[A-Za-z0-9_-]{43}$/.test(token)) fail(`the new token looks wrong: ${token}`);
  await page.getByRole('table', { name: 'API tokens' }).getByRole('rowheader', { name: 'nightly export' }).waitFor();
  await screenshot(page, 'account.png');

  const asScript = () => fetch(`${baseUrl}/api/jobs`, { headers: { Authorization: `Bearer ${token}` } });
  const allowed = await asScript();
  if (allowed.status !== 200) fail(`GET /api/jobs with the new token answered ${allowed.status}`);
  await page.getByRole('button', { name: 'I have copied it' }).click();
  if ((await page.getByText(token).count()) > 0) fail('the token is still shown after "I have copied it"');

  await page.getByRole('button', { name: 'Revoke nightly export' }).click();
  await page.getByRole('button', { name: 'Revoke token' }).click();
  await page.getByText('You have no API tokens.').waitFor();
  const refused = await asScript();
  if (refused.status !== 401) fail(`GET /api/jobs with the revoked token answered ${refused.status}`);
  log('a token created on the account page works as Bearer from a script (200) and is refused once revoked (401)');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs' }).click();
}

/** An administrator sees the users and everyone's jobs; a plain user sees neither, even by address. */
export async function checkAdministration(adminPage, userPage, baseUrl, { log, screenshot, owner, fileName }) {
  const nav = adminPage.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Admin' }).click();
  const users = adminPage.getByRole('table', { name: 'Users' });
  for (const name of ['alice', 'bob', 'root']) await users.getByRole('rowheader', { name, exact: true }).waitFor();
  await screenshot(adminPage, 'admin.png');

  await nav.getByRole('link', { name: 'Jobs' }).click();
  await adminPage.getByRole('button', { name: 'Everyone' }).click();
  const row = adminPage.locator('tr', { has: adminPage.getByRole('link', { name: fileName, exact: true }) });
  const shownOwner = (await row.locator('td[data-label="Owner"]').textContent())?.trim();
  if (shownOwner !== owner) fail(`the Owner column shows ${shownOwner} for ${fileName}, expected ${owner}`);

  const userNav = userPage.getByRole('navigation', { name: 'Main' });
  for (const name of ['Admin', 'Cluster']) {
    if ((await userNav.getByRole('link', { name }).count()) > 0) fail(`a plain user sees the ${name} link`);
  }
  if ((await userPage.getByRole('button', { name: 'Everyone' }).count()) > 0) fail('a plain user sees the Everyone toggle');
  for (const path of ['/admin', '/cluster']) {
    await userPage.goto(`${baseUrl}${path}`);
    await userPage.getByText('Not found: there is no page here.').waitFor();
  }
  log(`root administers alice, bob and root and sees ${owner}'s ${fileName} under Everyone; bob has no Admin or Cluster page, not even by address`);
}
