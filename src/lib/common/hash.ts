/**
 * 32-bit FNV-1a: a fast, stable hash for seeds, stream labels and model ids (never for security).
 * Strings are hashed by UTF-16 code unit, bytes by byte.
 */
export const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** One FNV-1a step: fold `unit` (a code unit or a byte) into the running hash `h`. */
export function fnv1aStep(h: number, unit: number): number {
  return Math.imul(h ^ unit, FNV_PRIME) >>> 0;
}

/** FNV-1a of a string, unsigned; `seed` is mixed into the offset basis (0: plain FNV-1a). */
export function fnv1a(text: string, seed = 0): number {
  let h = (FNV_OFFSET ^ (seed >>> 0)) >>> 0;
  for (let i = 0; i < text.length; i++) h = fnv1aStep(h, text.charCodeAt(i));
  return h;
}
