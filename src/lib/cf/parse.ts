/**
 * Text formats the CLIs read (pure string parsing; the CLI does the file IO).
 *   tsv        `user<TAB>item[<TAB>weight]` a line; blank lines and `#` comments skipped; an optional
 *              header line `user<TAB>item[<TAB>weight]`; weight defaults to 1.
 *   movielens  `user item rating timestamp` separated by tabs/spaces, `::` (ML-1M/10M .dat) or
 *              commas (ml-latest CSV, whose header line is skipped); ratings ≥ 4 are positives and
 *              become binary rows (weight 1); lower ratings are dropped.
 */
import type { Interaction } from './gram';

export const POSITIVE_RATING = 4;

function lines(text: string): string[] {
  return text.split(/\r?\n/);
}

export function parseTsv(text: string, name = 'input'): Interaction[] {
  const rows: Interaction[] = [];
  lines(text).forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '' || line.startsWith('#')) return;
    const f = line.split('\t');
    if (rows.length === 0 && /^user$/i.test(f[0]!.trim()) && /^item$/i.test((f[1] ?? '').trim())) return;
    if (f.length < 2 || f.length > 3) throw new Error(`${name}:${i + 1}: expected user<TAB>item[<TAB>weight], got ${f.length} field(s)`);
    const user = f[0]!.trim();
    const item = f[1]!.trim();
    if (!user || !item) throw new Error(`${name}:${i + 1}: empty user or item`);
    if (f.length === 3) {
      const w = Number(f[2]!.trim());
      if (f[2]!.trim() === '' || !Number.isFinite(w)) throw new Error(`${name}:${i + 1}: weight "${f[2]}" is not a number`);
      rows.push({ user, item, weight: w });
    } else {
      rows.push({ user, item });
    }
  });
  return rows;
}

export function parseMovieLens(text: string, name = 'input'): Interaction[] {
  const rows: Interaction[] = [];
  let seenData = false;
  lines(text).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const f = line.includes('::') ? line.split('::') : line.includes(',') ? line.split(',') : line.split(/\s+/);
    const rating = Number(f[2]);
    if (!seenData && (f.length < 3 || !Number.isFinite(rating))) return; // header
    if (f.length < 3 || !Number.isFinite(rating)) throw new Error(`${name}:${i + 1}: expected "user item rating timestamp"`);
    seenData = true;
    const user = f[0]!.trim();
    const item = f[1]!.trim();
    if (!user || !item) throw new Error(`${name}:${i + 1}: empty user or item`);
    if (rating >= POSITIVE_RATING) rows.push({ user, item });
  });
  return rows;
}
