/** A cell of a table as it goes into a CSV file. */
export type CsvCell = string | number | null | undefined;

/**
 * RFC 4180 text: cells with a comma, a quote or a line break are quoted (quotes doubled); a cell
 * a spreadsheet would read as a formula (starting with = + - @, a tab or a carriage return) gets a
 * leading `'`, so a community or department name never runs as one. Numbers stay numbers (a
 * negative number is not text a person typed). Lines end with CRLF.
 */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

function cell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Hands `text` to the browser as a file: a Blob URL on a link with `download` (no request, so no
 * token in a URL, and nothing the page's Content-Security-Policy connect-src or img-src governs).
 * The Byte Order Mark makes spreadsheet programs read UTF-8 names right.
 */
export function downloadCsv(text: string, file: string): void {
  const url = URL.createObjectURL(new Blob(['\ufeff', text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file;
  link.click();
  // The download has the file by then; the URL would otherwise hold it for the page's life.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
