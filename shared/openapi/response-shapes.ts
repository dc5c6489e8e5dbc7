import * as v from 'valibot';
import { IceSchema, SizeSchema, SugarSchema } from '../menu/line-schema.ts';
import { ORDER_STATUSES } from '../orders/order-types.ts';
import { DRAFT_FIELDS, HistoryMessageSchema, SESSION_STATES } from '../sessions/session-types.ts';
import { LangSchema as Lang } from '../lang.ts';

// What the routes answer, as valibot schemas: the TypeScript types in shared/ describe the
// same values; the tests validate real answers against the documents built from these.

const Int = v.pipe(v.number(), v.integer());
const Fen = v.pipe(v.number(), v.integer(), v.minValue(0), v.description('integer fen (CNY cents): 1800 = ¥18.00'));
const Timestamp = v.pipe(v.string(), v.description('ISO-8601 UTC'));
const LocalizedNameShape = v.object({ zh: v.string(), en: v.string() });
const OrderStatusShape = v.picklist(ORDER_STATUSES);

const PricedLineShape = v.object({
  lineId: v.string(),
  itemId: v.string(),
  name: LocalizedNameShape,
  size: SizeSchema,
  sugar: SugarSchema,
  ice: IceSchema,
  toppings: v.array(v.string()),
  quantity: Int,
  unitPrice: Fen,
  lineTotal: Fen,
});

const orderFields = {
  id: v.string(),
  pickupCode: v.string(),
  status: OrderStatusShape,
  lines: v.array(PricedLineShape),
  total: Fen,
  currency: v.pipe(v.string(), v.description('ISO 4217, the menu’s currency (CNY)')),
  createdAt: Timestamp,
  updatedAt: Timestamp,
};
export const OrderShape = v.object({ ...orderFields, customerName: v.optional(v.string()) });
/** No customer name, ever: strict, so a test fails if one leaks. */
const PublicOrderShape = v.strictObject({ ...orderFields, position: v.optional(Int), etaSeconds: v.optional(Int) });
export const OrderViewShape = v.union([PublicOrderShape, OrderShape]);

const optionShape = <T extends v.GenericSchema>(id: T) => v.object({ id, name: LocalizedNameShape, aliases: v.array(v.string()) });
const Ids = v.array(v.string());

export const MenuItemShape = v.object({
  id: v.pipe(v.string(), v.description('an item id of the live menu')),
  name: LocalizedNameShape,
  aliases: v.array(v.string()),
  category: v.optional(LocalizedNameShape),
  prices: v.pipe(
    v.record(SizeSchema, Fen),
    v.description('the sizes this drink comes in (size ids of the menu), each with its price, e.g. {"M":1500,"L":1800}'),
  ),
  sugar: v.array(SugarSchema),
  ice: Ids,
  toppings: Ids,
  includes: Ids,
  hotAllowed: v.boolean(),
  sugarLevels: v.array(SugarSchema),
  available: v.boolean(),
  note: v.optional(LocalizedNameShape),
});

const menuFields = {
  version: v.pipe(Int, v.description('the live menu version; every owner change makes the next one')),
  shop: v.optional(v.object({ name: LocalizedNameShape })),
  currency: v.string(),
  sizes: v.array(optionShape(SizeSchema)),
  sugar: v.array(optionShape(SugarSchema)),
  ice: v.array(optionShape(IceSchema)),
  limits: v.object({ maxToppings: Int, maxQuantity: Int, maxLines: Int }),
};

export const MenuShape = v.object({
  ...menuFields,
  items: v.array(MenuItemShape),
  toppings: v.array(v.object({ id: v.string(), name: LocalizedNameShape, aliases: v.array(v.string()), price: Fen })),
  sugarLevels: v.array(v.object({ value: SugarSchema, name: LocalizedNameShape })),
  iceLevels: v.array(v.object({ id: IceSchema, name: LocalizedNameShape })),
});

/** The menu file (DESIGN.md §4): GET /menu/export answers it, PUT /menu takes it. Fields beyond these are kept. */
export const MenuFileShape = v.looseObject({
  ...menuFields,
  toppings: v.array(v.object({ id: v.string(), name: LocalizedNameShape, aliases: v.optional(v.array(v.string())), price: Fen })),
  items: v.array(
    v.looseObject({
      id: v.string(),
      name: LocalizedNameShape,
      aliases: v.optional(v.array(v.string())),
      category: v.optional(LocalizedNameShape),
      prices: v.record(SizeSchema, Fen),
      sugar: v.optional(v.array(SugarSchema)),
      ice: v.optional(Ids),
      toppings: v.optional(Ids),
      includes: v.optional(Ids),
      note: v.optional(LocalizedNameShape),
    }),
  ),
});

const WaitShape = v.object({ p50: v.nullable(Int), p90: v.nullable(Int), count: Int });
const rankedShape = (id: string) => v.array(v.object({ [id]: v.string(), name: LocalizedNameShape, cups: Int, revenue: Fen }));
const countsShape = (keys: readonly string[]) => v.object(Object.fromEntries(keys.map((key) => [key, Int])));

/** The owner's report (README "The owner's report" defines every figure). */
export const ReportSummaryShape = v.object({
  from: v.string(),
  to: v.string(),
  timeZone: v.string(),
  days: Int,
  orders: Int,
  cups: Int,
  revenue: Fen,
  averageOrderValue: v.nullable(Int),
  cancellations: v.object({ orders: Int, value: Fen }),
  perHour: v.array(v.object({ hour: Int, orders: Int, revenue: Fen, placedToReadyP50: v.nullable(Int) })),
  topDrinks: rankedShape('itemId'),
  topToppings: rankedShape('toppingId'),
  waiting: v.object({ placedToReady: WaitShape, readyToPickup: WaitShape }),
  channels: countsShape(['chat_text', 'chat_voice', 'counter', 'legacy', 'unknown']),
  agent: v.object({
    turns: countsShape(['openrouter', 'vllm', 'rules', 'total']),
    offlineShare: v.nullable(v.number()),
    cartsLeftWithoutOrder: Int,
    ordersConfirmed: Int,
  }),
});

export const MenuVersionsShape = v.object({
  versions: v.array(v.object({ version: Int, author: v.string(), summary: v.string(), createdAt: Timestamp })),
});

const queueEntry = { pickupCode: v.string(), status: OrderStatusShape, position: Int, etaSeconds: Int, lines: v.array(PricedLineShape) };
const completedEntry = { pickupCode: v.string(), status: OrderStatusShape, lines: v.array(PricedLineShape), updatedAt: Timestamp };
/** The public queue: pickup numbers, never order ids or names. */
export const QueueShape = v.strictObject({
  generatedAt: Timestamp,
  active: v.array(v.strictObject(queueEntry)),
  recentlyCompleted: v.array(v.strictObject(completedEntry)),
});
export const StaffQueueShape = v.object({
  generatedAt: Timestamp,
  active: v.array(v.object({ ...queueEntry, id: v.string(), customerName: v.optional(v.string()) })),
  recentlyCompleted: v.array(v.object({ ...completedEntry, id: v.string(), customerName: v.optional(v.string()) })),
});
export const QueueFrameShape = v.object({ type: v.literal('queue'), ...QueueShape.entries });

export const OrderLookupShape = v.object({
  orderId: v.optional(v.string()),
  found: v.boolean(),
  pickupCode: v.optional(v.string()),
  status: v.optional(OrderStatusShape),
  position: v.optional(Int),
  etaSeconds: v.optional(Int),
});

export const StatusEventsShape = v.object({ events: v.array(v.object({ from: v.nullable(OrderStatusShape), to: OrderStatusShape, at: Timestamp })) });

const CartShape = v.object({ lines: v.array(PricedLineShape), total: Fen });
const DraftShape = v.object({
  itemId: v.optional(v.string()),
  size: v.optional(SizeSchema),
  sugar: v.optional(SugarSchema),
  ice: v.optional(IceSchema),
  toppings: v.array(v.string()),
  quantity: Int,
  missing: v.array(v.picklist(DRAFT_FIELDS)),
});
export const SessionShape = v.object({
  id: v.string(),
  version: Int,
  state: v.picklist(SESSION_STATES),
  lang: Lang,
  cart: CartShape,
  draft: v.nullable(DraftShape),
  history: v.array(HistoryMessageSchema),
  pending: v.nullable(v.record(v.string(), v.unknown())),
  lastOrderId: v.nullable(v.string()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export const CommitResultShape = v.object({ session: SessionShape, order: v.nullable(OrderShape) });

export const ChatResponseShape = v.object({
  sessionId: v.string(),
  reply: v.string(),
  lang: Lang,
  provider: v.picklist(['openrouter', 'vllm', 'rules']),
  state: v.picklist(SESSION_STATES),
  cart: CartShape,
  draft: v.nullable(DraftShape),
  order: v.nullable(OrderShape),
  lookup: v.nullable(OrderLookupShape),
});
export const ChatHistoryShape = v.object({
  sessionId: v.string(),
  lang: Lang,
  state: v.picklist(SESSION_STATES),
  cart: CartShape,
  draft: v.nullable(DraftShape),
  lastOrderId: v.nullable(v.string()),
  history: v.array(v.object({ role: v.picklist(['user', 'assistant']), content: v.string(), at: v.optional(Timestamp) })),
});

const HealthStatusShape = v.picklist(['ok', 'degraded', 'down']);
/** A function's own check: a status plus what it found (providers configured, database…). */
export const HealthCheckShape = v.objectWithRest({ status: HealthStatusShape }, v.unknown());
export const AggregateHealthShape = v.object({ status: HealthStatusShape, version: v.string(), checks: v.record(v.string(), HealthCheckShape) });
export const WelcomeShape = v.object({
  name: v.string(),
  version: v.string(),
  endpoints: v.record(v.string(), v.object({ url: v.string(), routes: v.array(v.string()) })),
});

export const TranscriptShape = v.object({
  text: v.string(),
  lang: Lang,
  confidence: v.nullable(v.number()),
  durationMs: v.nullable(v.number()),
  provider: v.string(),
});
export const StreamingGrantShape = v.object({ token: v.string(), expiresInSeconds: Int, expiresAt: Timestamp, url: v.string(), connectUrl: v.string() });

/** Shapes shown as named models (components/schemas) and referenced with $ref. */
export const NAMED_SHAPES = {
  Order: OrderShape,
  PublicOrder: PublicOrderShape,
  PricedLine: PricedLineShape,
  LocalizedName: LocalizedNameShape,
  Menu: MenuShape,
  MenuItem: MenuItemShape,
  MenuFile: MenuFileShape,
  MenuVersions: MenuVersionsShape,
  ReportSummary: ReportSummaryShape,
  Queue: QueueShape,
  StaffQueue: StaffQueueShape,
  OrderLookup: OrderLookupShape,
  Cart: CartShape,
  Draft: DraftShape,
  Session: SessionShape,
  ChatResponse: ChatResponseShape,
  HealthCheck: HealthCheckShape,
};
