/**
 * The monthly-returns table (models/asset-classes/monthly-returns.csv): `month,COL,…` then one row a
 * month, simple returns as decimals, an empty cell for "no data that month". Pure: the caller reads
 * the text (the app bundles it with the portfolio page, the CLI reads the file).
 */
export interface MonthlyReturns {
  /** `YYYY-MM`, ascending */
  months: string[];
  /** column name -> one value a month (null: no data) */
  columns: Record<string, (number | null)[]>;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Parse the table; a malformed line is an error that names it. */
export function parseMonthlyReturns(text: string): MonthlyReturns {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const header = lines[0]?.split(',').map((h) => h.trim());
  if (!header || header[0] !== 'month' || header.length < 2) throw new Error('monthly returns: the first line must be "month,COLUMN,…"');
  const names = header.slice(1);
  const columns: Record<string, (number | null)[]> = Object.fromEntries(names.map((n) => [n, []]));
  const months: string[] = [];
  for (let i = 1; i < lines.length; i++) {
    const cells = lines[i]!.split(',');
    const month = cells[0]?.trim() ?? '';
    if (!MONTH.test(month)) throw new Error(`monthly returns line ${i + 1}: "${month}" is not a YYYY-MM month`);
    if (months.length > 0 && month <= months[months.length - 1]!) throw new Error(`monthly returns line ${i + 1}: months must ascend`);
    if (cells.length !== header.length) throw new Error(`monthly returns line ${i + 1}: ${cells.length} cells, expected ${header.length}`);
    months.push(month);
    names.forEach((name, j) => {
      const cell = cells[j + 1]!.trim();
      const value = cell === '' ? null : Number(cell);
      // a monthly return below −100 % or above +100 % is a typo, not a market
      if (value !== null && (!Number.isFinite(value) || value <= -1 || value > 1)) {
        throw new Error(`monthly returns line ${i + 1}, ${name}: "${cell}" is not a monthly return`);
      }
      columns[name]!.push(value);
    });
  }
  return { months, columns };
}
