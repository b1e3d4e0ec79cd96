import { z } from 'zod';
import { LOCALES, PRODUCT_KINDS } from './product';

/**
 * The widget protocol: the only things a host page and the embedded Candor frame tell each other.
 * The host never receives the behaviour log — only what the person chose to share (an application).
 */
export const WidgetToHost = z.discriminatedUnion('type', [
  z.object({ source: z.literal('candor'), type: z.literal('ready') }),
  z.object({ source: z.literal('candor'), type: z.literal('resize'), height: z.number().int().min(0).max(20_000) }),
  z.object({ source: z.literal('candor'), type: z.literal('apply'), productId: z.string().min(1).max(128) })
]);
export type WidgetToHost = z.infer<typeof WidgetToHost>;

export const HostToWidget = z.object({
  source: z.literal('candor-host'),
  type: z.literal('config'),
  locale: z.enum(LOCALES).optional()
});
export type HostToWidget = z.infer<typeof HostToWidget>;

/** The widget's attributes, as they arrive in the /embed query string. */
export const EmbedConfig = z.object({
  host: z.url().transform((u) => new URL(u).origin),
  locale: z.enum(LOCALES).catch('zh-CN'),
  kinds: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(/[\s,]+/).filter((k): k is (typeof PRODUCT_KINDS)[number] => (PRODUCT_KINDS as readonly string[]).includes(k)) : [])),
  limit: z.coerce.number().int().min(1).max(20).catch(5),
  accent: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/)
    .optional()
    .catch(undefined)
});
export type EmbedConfig = z.infer<typeof EmbedConfig>;

/**
 * Whether `origin` is one of the bank's allowed host origins. Patterns are exact origins or
 * `scheme://host:*` for any port (as CSP frame-ancestors writes them).
 */
export function originAllowed(origin: string, patterns: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.origin !== origin) return false;
  return patterns.some((p) => {
    if (p.endsWith(':*')) {
      const base = new URL(p.slice(0, -2));
      return base.protocol === url.protocol && base.hostname === url.hostname;
    }
    return p === origin;
  });
}

/** CANDOR_EMBED_ORIGINS: space-separated origins or `scheme://host:*`; the demo allows localhost. */
export const DEFAULT_EMBED_ORIGINS = ['http://localhost:*', 'http://127.0.0.1:*'];

export function parseEmbedOrigins(value: string | undefined): string[] {
  if (!value?.trim()) return DEFAULT_EMBED_ORIGINS;
  const list = value.trim().split(/\s+/);
  for (const p of list) {
    if (!/^https?:\/\/[a-z0-9.-]+(:(\d+|\*))?$/i.test(p))
      throw new Error(`CANDOR_EMBED_ORIGINS: "${p}" is not an origin (https://bank.example or http://host:*)`);
  }
  return list;
}
