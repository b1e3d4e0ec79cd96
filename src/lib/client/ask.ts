import type { Intent } from '../domain/intent';
import type { Product } from '../domain/product';
import { parseIntent } from '../intent';
import type { LlmClient } from './llm.svelte';

/** A request from the Ask box, as the engine gets it. */
export interface Ask {
  query: string;
  intent: Intent;
  /** who read the request: the on-device instruction model, or the built-in parser */
  source: 'model' | 'builtin';
  /** product id -> cosine similarity with the query, when an embedding model is ready */
  semantic?: ReadonlyMap<string, number>;
}

/**
 * Understand a request on the device: the instruction model when the person has one loaded (its
 * output is validated; anything refused falls back), the built-in parser otherwise; plus embedding
 * similarities when an embedding model is loaded.
 */
export async function understand(
  text: string,
  llm: Pick<LlmClient, 'intent' | 'semantic'>,
  products: readonly Product[],
  catalogueVersion: number
): Promise<Ask> {
  const [fromModel, semantic] = await Promise.all([llm.intent(text), llm.semantic(text, products, catalogueVersion)]);
  return {
    query: text,
    intent: fromModel ?? parseIntent(text),
    source: fromModel ? 'model' : 'builtin',
    ...(semantic ? { semantic } : {})
  };
}
