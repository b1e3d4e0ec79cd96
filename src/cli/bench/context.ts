/** What `npm run bench` hands every section (src/cli/bench/<name>.ts exports `run: Section`). */
export interface BenchContext {
  /** fewer repetitions, for a smoke run */
  quick: boolean;
}

export type Section = (ctx: BenchContext) => Promise<Record<string, unknown>>;
