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
