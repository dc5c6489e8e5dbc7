import type { ValidLine } from '../menu/line-schema.ts';
import type { ReadBack, ValidDraft, Session, SessionState } from '../sessions/session-types.ts';
import type { Lang } from '../lang.ts';

/** A cart line as the agent works on it: no prices (the server prices every commit). */
export type CartLine = ValidLine & { lineId: string };

/**
 * The in-memory state one chat turn works on. Tools mutate it; the chat function commits it
 * as a whole at the end of the turn (`placeOrder` asks the server to place the order too).
 */
export type TurnState = {
  state: SessionState;
  lang: Lang;
  cart: CartLine[];
  draft: ValidDraft | null;
  pending: Record<string, unknown> | null;
  lastOrderId: string | null;
  placeOrder: boolean;
  /** What the last read-back told the customer (checkout sets it); confirming needs the cart unchanged since. */
  readBack: ReadBack | null;
};

/** A fresh, independent copy of the session's state, with prices and `missing` stripped. */
export function turnStateFromSession(session: Session): TurnState {
  return {
    state: session.state,
    lang: session.lang,
    cart: session.cart.lines.map((line) => toCartLine(line, line.lineId)),
    draft: session.draft ? stripMissing(session.draft) : null,
    pending: session.pending ? structuredClone(session.pending) : null,
    lastOrderId: session.lastOrderId,
    placeOrder: false,
    readBack: session.readBack ? { ...session.readBack } : null,
  };
}

function stripMissing(draft: ValidDraft & { missing?: unknown }): ValidDraft {
  const copy: ValidDraft = { toppings: [...(draft.toppings ?? [])], quantity: draft.quantity ?? 1 };
  if (draft.itemId !== undefined) copy.itemId = draft.itemId;
  if (draft.size !== undefined) copy.size = draft.size;
  if (draft.sugar !== undefined) copy.sugar = draft.sugar;
  if (draft.ice !== undefined) copy.ice = draft.ice;
  return copy;
}

/** A cart line with exactly the fields a line has (no prices), its own toppings array. */
export function toCartLine(line: ValidLine, lineId: string): CartLine {
  return {
    lineId,
    itemId: line.itemId,
    size: line.size,
    sugar: line.sugar,
    ice: line.ice,
    toppings: [...(line.toppings ?? [])],
    quantity: line.quantity ?? 1,
  };
}
