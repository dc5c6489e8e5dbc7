/** @jsxImportSource hono/jsx/dom */
import { useEffect, useState } from 'hono/jsx/dom';
import type { MenuResponse, OrderStatus } from './api.ts';
import type { Lang } from './i18n.ts';
import { lineOptions } from './line-text.ts';
import { canMove, forwardMove } from '../../../shared/orders/status-machine.ts';
import type { StaffOrder } from './staff-api.ts';
import { ageText, st, type StaffKey } from './staff-strings.ts';

/** The label of the button that moves an order forward, by where it goes (the moves: shared/orders/status-machine.ts). */
const FORWARD_LABEL: Partial<Record<OrderStatus, StaffKey>> = { preparing: 'start', ready: 'markReady', completed: 'pickedUp' };

const CONFIRM_MS = 4000;

export function Ticket({
  order,
  menu,
  lang,
  now,
  fresh,
  onMove,
}: {
  order: StaffOrder;
  menu: MenuResponse | undefined;
  lang: Lang;
  now: number;
  fresh: boolean;
  onMove(status: OrderStatus): void;
}) {
  const [confirming, setConfirming] = useState(false);
  useEffect(() => {
    if (!confirming) return;
    const timer = window.setTimeout(() => setConfirming(false), CONFIRM_MS);
    return () => window.clearTimeout(timer);
  }, [confirming]);
  const forward = forwardMove(order.status);
  const next = forward && FORWARD_LABEL[forward] ? { status: forward, label: FORWARD_LABEL[forward] } : undefined;
  const cancellable = canMove(order.status, 'cancelled');
  return (
    <li class={`ticket${fresh && order.status === 'placed' ? ' fresh' : ''}`} data-pickup={order.pickupCode} data-status={order.status}>
      <div class="ticket-head">
        <span class="ticket-code">{order.pickupCode}</span>
        <span class="ticket-age">{ageText(lang, order.createdAt, now)}</span>
      </div>
      <p class="ticket-name">{order.customerName || st(lang, 'guest')}</p>
      <ul class="ticket-lines">
        {order.lines.map((line) => (
          <li key={line.lineId}>
            <strong class="ticket-qty">{line.quantity}×</strong> <span class="ticket-drink">{line.name[lang]}</span>
            <span class="ticket-opts">{lineOptions(line, menu, lang)}</span>
          </li>
        ))}
      </ul>
      <div class="ticket-actions">
        {next && (
          <button type="button" class="btn primary action" data-action={next.status} onClick={() => onMove(next.status)}>
            {st(lang, next.label)}
          </button>
        )}
        {cancellable && (
          <button
            type="button"
            class={`btn danger${confirming ? ' confirming' : ''}`}
            data-action="cancel"
            onClick={() => {
              if (!confirming) return setConfirming(true);
              setConfirming(false);
              onMove('cancelled');
            }}
          >
            {st(lang, confirming ? 'confirmCancel' : 'cancel')}
          </button>
        )}
      </div>
    </li>
  );
}

export function SoldOutPanel({ menu, lang, onToggle }: { menu: MenuResponse | undefined; lang: Lang; onToggle(itemId: string, available: boolean): void }) {
  return (
    <main class="panel soldout">
      <h2>{st(lang, 'soldOut')}</h2>
      <ul class="soldout-list">
        {(menu?.items ?? []).map((item) => (
          <li key={item.id}>
            <span class="soldout-name">{item.name[lang]}</span>
            <button
              type="button"
              class={`btn toggle ${item.available ? 'on' : 'off'}`}
              data-item={item.id}
              aria-pressed={item.available ? 'false' : 'true'}
              aria-label={`${item.name[lang]}: ${st(lang, item.available ? 'available' : 'unavailable')}`}
              onClick={() => onToggle(item.id, !item.available)}
            >
              {st(lang, item.available ? 'available' : 'unavailable')}
            </button>
          </li>
        ))}
      </ul>
    </main>
  );
}
