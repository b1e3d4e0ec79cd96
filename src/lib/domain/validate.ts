import type { z } from 'zod';
import { formatIssues } from '../common/zod-issues';

// one formatter for every layer (signing, below domain, uses it too); domain's callers keep importing it from here
export { formatIssues };

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

export function parseWith<S extends z.ZodType>(schema: S, input: unknown): Result<z.infer<S>> {
  const r = schema.safeParse(input);
  return r.success ? { ok: true, value: r.data } : { ok: false, error: formatIssues(r.error) };
}
