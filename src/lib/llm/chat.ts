import { z } from 'zod';

export const ChatMessageSchema = z.object({ role: z.enum(['system', 'user', 'assistant']), content: z.string() }).strict();
export type ChatMessage = z.infer<typeof ChatMessageSchema>;

export type CheckResult<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * The first balanced {...} in a model's output (models like to wrap JSON in prose or code fences).
 * Braces inside JSON strings are skipped.
 */
export function firstJsonObject(text: string): string | null {
  const start = text.indexOf('{');
  if (start < 0) return null;
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return text.slice(start, i + 1);
  }
  return null;
}
