import { z } from 'zod';
import { ProductSchema } from './product';

export const CatalogueSchema = z
  .object({
    version: z.number().int().min(0).optional(),
    generatedAt: z.string().optional(),
    products: z.array(ProductSchema)
  })
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.products.forEach((p, i) => {
      if (seen.has(p.id)) ctx.addIssue({ code: 'custom', path: ['products', i, 'id'], message: `duplicate product id ${p.id}` });
      seen.add(p.id);
    });
  });
export type Catalogue = z.infer<typeof CatalogueSchema>;

/**
 * The largest catalogue document served or accepted. One product of the demo's kind is ~1.1 kB of
 * JSON with both languages' descriptions, so 100,000 of them are ~110 MB (~12 MB brotli on the
 * wire); the cap is on the document as it inflates, not on what travels.
 */
export const CATALOGUE_MAX_BYTES = 160 * 1024 * 1024;
