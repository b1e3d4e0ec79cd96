/**
 * The home list as the person last saw it, kept with what it was computed from, so that a start shows
 * it before the catalogue has been read (at 20,000 products reading and ranking take longer than the
 * rest of the start together). It is shown only while everything it depends on is as it was — the
 * catalogue version, the profile, the events, the day — and only until the pipeline has its own
 * answer for the same situation, which then replaces it. The gate's verdict depends only on the
 * profile and the products, both the same, so a kept list is as suitable as a fresh one.
 * Kept in the `factors` table (row `first-list`), erased with everything else, never uploaded.
 */
import { z } from 'zod';
import type { CandorEvent } from '../domain/event';
import { PRODUCT_KINDS, ProductSchema, type Product } from '../domain/product';
import type { Profile } from '../domain/profile';
import type { EngineResult } from '../engine';
import { REASON_CODES } from '../engine/types';
import type { CandorDB } from './db';

const FIRST_LIST_KEY = 'first-list';
/** the home list is 12; anything longer was not written by this code */
const MAX_ITEMS = 48;

const finite = z.number().refine(Number.isFinite);
const RecommendationSchema = z.object({
  productId: z.string().min(1),
  score: finite,
  reasons: z.array(z.object({ code: z.enum(REASON_CODES), params: z.record(z.string(), z.json()) })).max(3),
  signals: z.object({
    content: finite,
    dislike: finite,
    popularity: finite,
    fit: finite,
    cf: finite,
    lexical: finite,
    semantic: finite,
    intent: finite,
    matched: z.boolean()
  })
});

const FirstListSchema = z
  .object({
    key: z.string(),
    k: z.number().int().min(1).max(MAX_ITEMS),
    products: z.array(ProductSchema).max(MAX_ITEMS),
    result: z.object({
      items: z.array(RecommendationSchema).max(MAX_ITEMS),
      withheld: z.object({
        count: z.number().int().min(0),
        needs: z.array(z.enum(['age', 'income'])),
        kinds: z.array(z.enum(PRODUCT_KINDS)),
        productIds: z.array(z.string())
      }),
      request: z.null()
    })
  })
  // every listed product is there to draw its card
  .refine((row) => row.result.items.every((it) => row.products.some((p) => p.id === it.productId)), 'a listed product is missing');

export interface FirstList {
  key: string;
  /** how long a list was asked for */
  k: number;
  products: Product[];
  result: EngineResult;
}

export interface Situation {
  catalogueVersion: number;
  profile: Profile;
  events: readonly CandorEvent[];
  now: Date;
}

/** What the list depends on, as one string: the same string, the same list. */
export function firstListKey(s: Situation): string {
  const last = s.events.at(-1);
  // the day: events fade with time, so a list from another day is computed again
  const day = `${s.now.getFullYear()}-${s.now.getMonth() + 1}-${s.now.getDate()}`;
  return JSON.stringify([s.catalogueVersion, day, s.events.length, last?.ts ?? '', last?.type ?? '', s.profile]);
}

/** The kept list, when there is one and it reads; null otherwise (the start then reads the catalogue first). */
export async function readFirstList(db: CandorDB): Promise<FirstList | null> {
  const r = FirstListSchema.safeParse(await db.factors.get(FIRST_LIST_KEY));
  return r.success ? (r.data as FirstList) : null;
}

/** Keep `result` (the home list with the ranker's scores in) under `key`, with the products it lists. */
export async function keepFirstList(db: CandorDB, key: string, k: number, result: EngineResult, productById: ReadonlyMap<string, Product>): Promise<void> {
  const products = result.items.map((it) => productById.get(it.productId)).filter((p): p is Product => p !== undefined);
  const row = { key, k, products, result: { items: result.items, withheld: result.withheld, request: null } };
  // a plain JSON copy: reactive proxies are never stored, and what is stored is what the schema reads back
  await db.factors.put(JSON.parse(JSON.stringify(row)), FIRST_LIST_KEY);
}
