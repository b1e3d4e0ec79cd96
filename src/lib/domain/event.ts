import { z } from 'zod';

export const EVENT_TYPES = ['view', 'click', 'favorite', 'dismiss', 'apply', 'purchase', 'rate', 'search'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

const isoTimestamp = z.iso.datetime({ offset: true, message: 'ts must be an ISO-8601 timestamp' });

/**
 * One behaviour event (docs/contracts.md). Semantics of `value`:
 * rate: +1 thumbs up, -1 thumbs down; favorite: 0 removes a favourite (default adds);
 * purchase: the amount. `search` carries `query` and may omit productId.
 */
export const EventSchema = z
  .object({
    type: z.enum(EVENT_TYPES, { message: `type must be one of ${EVENT_TYPES.join(', ')}` }),
    productId: z.string().min(1).max(128).optional(),
    ts: isoTimestamp,
    value: z.number().finite().optional(),
    query: z.string().max(500).optional()
  })
  .superRefine((e, ctx) => {
    if (e.type !== 'search' && !e.productId) {
      ctx.addIssue({ code: 'custom', path: ['productId'], message: `a ${e.type} event needs a productId` });
    }
    if (e.type === 'search' && !e.query) {
      ctx.addIssue({ code: 'custom', path: ['query'], message: 'a search event needs a query' });
    }
  });
export type CandorEvent = z.infer<typeof EventSchema>;
