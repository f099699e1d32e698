/**
 * CSV formula injection: a spreadsheet runs a cell starting with =, +, -, @, tab or carriage return as a formula.
 * Prefixing a single quote makes it text in Excel, LibreOffice and Google Sheets, and is visible, not silent.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralizeCsvCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One CSV line (RFC 4180 quoting) from already-neutralized cells. */
export function csvLine(cells: readonly string[]): string {
  return cells
    .map((cell) => {
      const safe = neutralizeCsvCell(cell);
      return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
    })
    .join(",");
}
