// Browser checks of issue 5, run by dashboard.e2e.mjs against the same gateway: hostile input renders as text.

const HOSTILE_NAME = '<script>window.__pwned=1</script>.csv';
const HOSTILE_CELL = '<img src=x onerror="window.__pwned=2">';

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
