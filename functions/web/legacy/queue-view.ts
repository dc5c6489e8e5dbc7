import type { OrderStatus } from '../../../shared/orders/order-types.ts';
import { drinkSummary, iceLabel, sizeLabel, sugarLabel, toppingLabels, type FullLine } from './legacy-labels.ts';
import { legacyOrderId } from './talk-response.ts';

/** What the legacy board needs from our public queue; never an order id or a customer name. */
export type PublicQueue = {
  generatedAt: string;
  active: Array<QueueCard & { position: number; etaSeconds: number }>;
  recentlyCompleted: QueueCard[];
};
/** `placedAt`/`createdAt` are read if the public queue ever carries them; today it does not. */
type QueueCard = { pickupCode: string; status: OrderStatus; lines: FullLine[]; placedAt?: string; createdAt?: string };

export type LegacyStage = 'queued' | 'brewing' | 'sealing' | 'ready';

/** The original's OrderProgress (frontend/src/types and backstage-frontend/src/types). */
export type LegacyOrderProgress = {
  order_id: number;
  placed_at: string | null;
  current_stage: LegacyStage;
  current_stage_label: string;
  eta_seconds: number | null;
  total_duration_seconds: number;
  is_completed: boolean;
  timeline: never[];
  queue_position: number | null;
  total_orders: number;
  drink_name: string | null;
  size: string | null;
  sugar: string | null;
  ice: string | null;
  toppings: string[];
};

export type LegacyQueueSnapshot = { generated_at: string; active_orders: LegacyOrderProgress[]; completed_orders: LegacyOrderProgress[] };

/** Our statuses in the original's stages, with its own labels. It had no equivalent of "sealing". */
const STAGES: Record<OrderStatus, { stage: LegacyStage; label: string }> = {
  placed: { stage: 'queued', label: 'Queued' },
  preparing: { stage: 'brewing', label: 'Brewing' },
  ready: { stage: 'ready', label: 'Ready' },
  completed: { stage: 'ready', label: 'Ready' },
  cancelled: { stage: 'ready', label: 'Cancelled' },
};

/** The original showed at most ten finished orders. */
const MAX_COMPLETED = 10;

export function toLegacyQueue(queue: PublicQueue, limit = 50): LegacyQueueSnapshot {
  const active = queue.active.slice(0, limit);
  const progress = (entry: QueueCard, extra: { eta: number | null; position: number | null; done: boolean }): LegacyOrderProgress => {
    const first = entry.lines[0];
    return {
      order_id: legacyOrderId(entry.pickupCode),
      // Without a time the legacy UIs show "未知时间" (unknown time).
      placed_at: entry.placedAt ?? entry.createdAt ?? null,
      current_stage: STAGES[entry.status].stage,
      current_stage_label: STAGES[entry.status].label,
      eta_seconds: extra.eta,
      total_duration_seconds: extra.eta ?? 0,
      is_completed: extra.done,
      timeline: [],
      queue_position: extra.position,
      total_orders: active.length,
      drink_name: drinkSummary(entry.lines),
      size: sizeLabel(first?.size),
      sugar: sugarLabel(first?.sugar),
      ice: iceLabel(first?.ice),
      toppings: toppingLabels(first?.toppings),
    };
  };
  return {
    generated_at: queue.generatedAt,
    active_orders: active.map((entry) =>
      // Ready orders wait at the counter: no position, no ETA (the UI then says "准备中"/"排队更新中").
      progress(entry, { eta: entry.etaSeconds > 0 ? entry.etaSeconds : null, position: entry.position > 0 ? entry.position : null, done: false }),
    ),
    completed_orders: queue.recentlyCompleted
      .filter((entry) => entry.status === 'completed')
      .slice(0, Math.min(MAX_COMPLETED, limit))
      .map((entry) => progress(entry, { eta: null, position: null, done: true })),
  };
}
