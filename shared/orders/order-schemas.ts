import * as v from 'valibot';
import { LinesSchema } from '../menu/line-schema.ts';
import { CustomerNameSchema } from './customer-name.ts';
import { ORDER_STATUSES } from './order-types.ts';
import { LangSchema } from '../lang.ts';

export const CreateOrderSchema = v.object({
  lines: LinesSchema,
  customerName: v.optional(CustomerNameSchema),
  sessionId: v.optional(v.pipe(v.string(), v.maxLength(64))),
});

export const StatusChangeSchema = v.object({ status: v.picklist(ORDER_STATUSES) });

export const ListOrdersQuerySchema = v.object({
  status: v.optional(v.picklist(ORDER_STATUSES)),
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,3}$/, 'limit must be 1..200'), v.transform(Number), v.minValue(1), v.maxValue(200)), '50'),
});

export const LookupQuerySchema = v.pipe(
  v.object({
    orderId: v.optional(v.pipe(v.string(), v.maxLength(64))),
    pickupCode: v.optional(v.pipe(v.string(), v.regex(/^\d{1,6}$/, 'pickupCode is a number'))),
  }),
  v.check((query) => Boolean(query.orderId) !== Boolean(query.pickupCode), 'give exactly one of orderId or pickupCode'),
);

export const AvailabilitySchema = v.object({ available: v.boolean() });

export const CreateSessionSchema = v.object({ lang: v.optional(LangSchema) });

export const CheckoutSchema = v.object({ expectedVersion: v.pipe(v.number(), v.integer(), v.minValue(0)) });
