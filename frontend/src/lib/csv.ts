/**
 * CSV writing for downloads. Cells that a spreadsheet would read as a formula (starting with = + - @, a tab or a
 * carriage return) are prefixed with an apostrophe so opening the file cannot run anything.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseCell(value: unknown): string {
  if (value == null) return '';
  const text = String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** Renders rows (the first one being the header) as RFC 4180 CSV with CRLF line endings. */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<unknown>>): string {
  return rows.map((row) => row.map((cell) => quote(neutraliseCell(cell))).join(',')).join('\r\n') + '\r\n';
}
