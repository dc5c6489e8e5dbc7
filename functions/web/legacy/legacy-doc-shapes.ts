import * as v from 'valibot';

// The original Python system's shapes, as the /legacy rows document them (legacy-routes.ts).

const ns = v.nullable(v.string());
const LegacyOrderState = v.object({ drink_name: ns, size: ns, sugar: ns, ice: ns, toppings: v.array(v.string()), notes: ns, is_complete: v.boolean() });
export const TalkResponseShape = v.object({
  assistant_reply: v.string(),
  order_state: LegacyOrderState,
  order_status: v.picklist(['collecting', 'confirming', 'saved']),
  order_id: v.nullable(v.number()),
  order_total: v.nullable(v.pipe(v.number(), v.description('yuan'))),
  order_metadata: v.nullable(v.object({ order_id: v.number(), session_id: v.string(), placed_at: v.string() })),
  reply_mode: v.picklist(['online', 'offline']),
});
const LegacyProgress = v.object({
  order_id: v.number(),
  placed_at: ns,
  current_stage: v.picklist(['queued', 'brewing', 'sealing', 'ready']),
  current_stage_label: v.string(),
  eta_seconds: v.nullable(v.number()),
  total_duration_seconds: v.number(),
  is_completed: v.boolean(),
  timeline: v.array(v.unknown()),
  queue_position: v.nullable(v.number()),
  total_orders: v.number(),
  drink_name: ns,
  size: ns,
  sugar: ns,
  ice: ns,
  toppings: v.array(v.string()),
});
export const LegacyQueueShape = v.object({ generated_at: v.string(), active_orders: v.array(LegacyProgress), completed_orders: v.array(LegacyProgress) });
export const LegacyError = v.object({ message_type: v.literal('error'), error: v.string() });
