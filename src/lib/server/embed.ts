import { env } from '$env/dynamic/private';
import { parseEmbedOrigins } from '../domain/embed';

/** The host origins a bank allows to frame /embed (read once, validated at first use). */
let origins: string[] | null = null;
export function embedOrigins(): string[] {
  origins ??= parseEmbedOrigins(env.CANDOR_EMBED_ORIGINS);
  return origins;
}
