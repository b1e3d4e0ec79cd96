/** The text search and the parser's lexicon compare: NFKC, lower case, "-", "_" and "/" as spaces, spaces collapsed. */
export function normalise(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[-_/]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
