import type { z } from 'zod';

/** One readable line from a zod failure: "path: message; path: message". */
export function formatIssues(error: z.ZodError): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}
