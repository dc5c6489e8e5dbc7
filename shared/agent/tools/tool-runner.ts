import { randomUUID } from 'node:crypto';
import * as v from 'valibot';
import type { ValidLine } from '../../menu/line-schema.ts';
import type { Catalog } from '../../menu/catalog.ts';
import { findLineProblem, unitPriceOf, type LineProblem } from '../../menu/pricing.ts';
import { classifyConfirmationReply } from '../language/confirmation-reply.ts';
import { withMenu } from '../menu-scope.ts';
import { WARM_ICE_IDS } from '../../menu/catalog.ts';
import type { OrderLookup } from '../../orders/order-types.ts';
import { missingDraftFields, type ValidDraft } from '../../sessions/session-types.ts';
import { toCartLine, type CartLine, type TurnState } from '../turn-state.ts';
import { coerceToolArgs } from './coerce-tool-args.ts';
import { TOOL_DEFINITIONS, TOOL_SCHEMAS, isToolName, type ToolArgs, type ToolInput, type ToolName } from './tool-definitions.ts';
import type { ToolErrorCode, ToolFailure } from './tool-errors.ts';
import { cartFingerprint, cartTotal, viewDraft, viewLine, viewPricedLine } from './tool-views.ts';
import { formatYuan } from '../../money.ts';

export type { ToolError, ToolErrorCode, ToolFailure } from './tool-errors.ts';
export type LookupOrder = (ref: { orderId?: string; pickupCode?: string }) => Promise<OrderLookup>;

export type ToolRunnerDeps = {
  /** The turn's state; tools mutate it in place, and only when they succeed. */
  state: TurnState;
  /** The turn's live menu: every id is checked and every price computed against it. */
  catalog: Catalog;
  lookupOrder: LookupOrder;
  newLineId?: () => string;
  /**
   * For a model's calls: the guards of placing (README "What the server guarantees"). The order
   * must have been read back in an earlier turn (`startedConfirming`), and the customer's
   * `message` this turn must not be a no, a hesitation, a question or a change.
   */
  placement?: { startedConfirming: boolean; message: string };
  /** Hears why a model's confirm_order was refused (the chat logs it). */
  onRefusedPlacement?: (code: string, reason: string) => void;
  /** Sees every call that reached a tool (valid name and arguments) and its result. */
  onResult?: <N extends ToolName>(name: N, args: ToolArgs<N>, result: ToolResult<N>) => void;
};

type ToolSuccess<T> = { ok: true; data: T };
type HandlerShape = { [N in ToolName]: (args: ToolArgs<N>) => ToolSuccess<unknown> | ToolFailure | Promise<ToolSuccess<unknown> | ToolFailure> };
type Handlers = ReturnType<typeof createHandlers>;
type HandlerFor = { [N in ToolName]: (args: ToolArgs<N>) => ToolResult<N> | Promise<ToolResult<N>> };
/** What tool N returns on success. */
export type ToolData<N extends ToolName> = Extract<Awaited<ReturnType<Handlers[N]>>, { ok: true }>['data'];
export type ToolResult<N extends ToolName = ToolName> = { [K in N]: ToolSuccess<ToolData<K>> }[N] | ToolFailure;
/** Tools without required arguments may be called without any. */
type ArgsParam<N extends ToolName> = object extends ToolInput<N> ? [args?: ToolInput<N>] : [args: ToolInput<N>];
export type RunTypedTool = <N extends ToolName>(name: N, ...args: ArgsParam<N>) => Promise<ToolResult<N>>;
/** The model's way in: any name, arguments as sent (object or JSON text). */
export type RunRawTool = (name: string, rawArgs?: unknown) => Promise<ToolResult>;

export type ToolRunner = { state: TurnState; run: RunTypedTool; runRaw: RunRawTool };

type LineChanges = ToolArgs<'update_line'>;

const MUTATING = new Set<ToolName>(['add_item', 'update_draft', 'cancel_draft', 'update_line', 'remove_line', 'clear_cart', 'checkout', 'cancel_checkout']);

const ok = <T>(data: T): ToolSuccess<T> => ({ ok: true, data });
const fail = (code: ToolErrorCode, message: string): ToolFailure => ({ ok: false, error: { code, message } });

/** A message a model can act on for a broken menu rule. */
function problemResult(problem: LineProblem, catalog: Catalog, where = ''): ToolFailure {
  let message = problem.message;
  const ids = (list: readonly { id: string | number }[]) => list.map((entry) => entry.id).join(', ');
  if (problem.code === 'unknown_item') message += `; menu item ids: ${ids(catalog.items)}`;
  if (problem.code === 'cold_only' || problem.code === 'ice_not_allowed') message += `; choose ice ${problem.params?.allowed ?? ids(catalog.ice)}`;
  if (problem.code === 'size_not_offered') message += `; choose size ${problem.params?.allowed ?? ids(catalog.sizes)}`;
  if (problem.code === 'item_sold_out') message += '; suggest another drink';
  if (problem.code === 'unknown_topping') message += `; topping ids: ${ids(catalog.toppings)}`;
  return fail(problem.code, where + message);
}

function schemaMessage(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .map((issue) => {
      const path = issue.path?.map((item) => String(item.key)).join('.');
      return path && !issue.message.startsWith(path.split('.')[0]!) ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

/** The tools bound to one turn's state; their return types are the tools' typed results. */
function createHandlers({ state, catalog, lookupOrder, newLineId = randomUUID }: ToolRunnerDeps) {
  const problemOf = (problem: LineProblem, where = '') => problemResult(problem, catalog, where);
  const lang = () => state.lang;

  /** Menu rules for a possibly incomplete drink: missing options are probed with valid defaults. */
  function draftProblem(draft: ValidDraft): LineProblem | null {
    if (!draft.itemId) {
      const toppings = draft.toppings ?? [];
      const unknown = toppings.find((id) => !catalog.topping(id));
      if (unknown !== undefined) return { code: 'unknown_topping', field: 'toppings', message: `unknown topping "${unknown}"` };
      if (toppings.length > catalog.limits.maxToppings)
        return { code: 'too_many_toppings', field: 'toppings', message: `at most ${catalog.limits.maxToppings} toppings per drink` };
      return null;
    }
    const item = catalog.item(draft.itemId);
    return findLineProblem(
      {
        itemId: draft.itemId,
        size: draft.size ?? (item ? catalog.sizesOf(item)[0] : undefined) ?? '',
        sugar: draft.sugar ?? (item ? catalog.sugarOf(item)[0] : undefined) ?? 0,
        ice: draft.ice ?? (item ? catalog.iceOf(item)[0] : undefined) ?? '',
        toppings: draft.toppings ?? [],
        quantity: draft.quantity ?? 1,
      },
      catalog,
    );
  }

  /** A drink with one size (or one sugar, one ice) has it chosen: nobody is asked to pick from one. */
  function withOnlyChoices(draft: ValidDraft): ValidDraft {
    const item = draft.itemId ? catalog.item(draft.itemId) : undefined;
    if (!item) return draft;
    const only = <T>(choices: T[]) => (choices.length === 1 ? choices[0] : undefined);
    const size = draft.size ?? only(catalog.sizesOf(item));
    const sugar = draft.sugar ?? only(catalog.sugarOf(item));
    const ice = draft.ice ?? only(catalog.iceOf(item));
    return { ...draft, ...(size !== undefined ? { size } : {}), ...(sugar !== undefined ? { sugar } : {}), ...(ice !== undefined ? { ice } : {}) };
  }

  /** After any change to the cart or draft: the state follows from what is left. */
  function settle() {
    state.state = state.cart.length > 0 || state.draft ? 'collecting' : 'empty';
    state.pending = null;
  }

  function isComplete(draft: ValidDraft): draft is ValidDraft & ValidLine {
    return missingDraftFields(draft).length === 0;
  }

  function pushLine(line: ValidLine): ToolFailure | CartLine {
    if (state.cart.length >= catalog.limits.maxLines)
      return fail('too_many_lines', `an order has at most ${catalog.limits.maxLines} lines; check out or change an existing line`);
    const cartLine = toCartLine(line, newLineId());
    state.cart.push(cartLine);
    return cartLine;
  }

  function applyChanges<T extends ValidDraft>(base: T, changes: Omit<LineChanges, 'line'>): T | ToolFailure {
    const next: T = { ...base, toppings: [...(base.toppings ?? [])] };
    if (changes.itemId !== undefined) next.itemId = changes.itemId;
    if (changes.size !== undefined) next.size = changes.size;
    if (changes.sugar !== undefined) next.sugar = changes.sugar;
    if (changes.ice !== undefined) next.ice = changes.ice;
    if (changes.quantity !== undefined) next.quantity = changes.quantity;
    if (changes.toppings !== undefined) next.toppings = [...changes.toppings];
    for (const id of changes.addToppings ?? []) if (!next.toppings!.includes(id)) next.toppings!.push(id);
    for (const id of changes.removeToppings ?? []) {
      if (!catalog.topping(id)) return problemOf({ code: 'unknown_topping', field: 'toppings', message: `unknown topping "${id}"` });
      if (!next.toppings!.includes(id)) return fail('topping_not_on_drink', `${id} is not on this drink`);
      next.toppings = next.toppings!.filter((topping) => topping !== id);
    }
    return next;
  }

  const isResult = (value: unknown): value is ToolFailure => typeof value === 'object' && value !== null && 'ok' in value;

  function lineIndex(line: number | undefined): number | ToolFailure {
    if (state.cart.length === 0) return fail('empty_cart', 'the cart has no lines');
    if (line === undefined) return state.cart.length - 1;
    if (line > state.cart.length)
      return fail('no_such_line', `there is no line ${line}; the cart has ${state.cart.length} line${state.cart.length === 1 ? '' : 's'}`);
    return line - 1;
  }

  function cartView() {
    return { lines: state.cart.map((line, index) => viewPricedLine(line, index, lang(), catalog)), total: formatYuan(cartTotal(state.cart, catalog)) };
  }

  function firstLineProblem(): ToolFailure | null {
    for (const [index, line] of state.cart.entries()) {
      const problem = findLineProblem(line, catalog);
      if (problem) return problemOf(problem, `line ${index + 1}: `);
    }
    return null;
  }

  return {
    show_menu() {
      return ok({
        items: catalog.items.map((item) => ({
          id: item.id,
          name: item.name[lang()],
          prices: catalog.sizesOf(item).map((size) => ({ size, name: catalog.size(size)!.name[lang()], price: formatYuan(item.prices[size]!) })),
          hot: catalog.iceOf(item).some((ice) => WARM_ICE_IDS.includes(ice)),
          ...(catalog.sugarOf(item).length < catalog.sugar.length ? { sugar: catalog.sugarOf(item) } : {}),
          ...(catalog.iceOf(item).length < catalog.ice.length ? { ice: catalog.iceOf(item) } : {}),
          available: !catalog.isSoldOut(item.id),
        })),
        toppings: catalog.toppings.map((topping) => ({ id: topping.id, name: topping.name[lang()], price: formatYuan(topping.price) })),
        sizes: catalog.sizes.map((size) => ({ id: size.id, name: size.name[lang()] })),
      });
    },

    quote_price(args) {
      const problem = draftProblem({ itemId: args.itemId, toppings: args.toppings ?? [], quantity: 1 });
      if (problem && problem.code !== 'item_sold_out') return problemOf(problem);
      const quantity = args.quantity ?? 1;
      const toppings = args.toppings ?? [];
      const item = catalog.item(args.itemId)!;
      const sizes = args.size ? [args.size] : catalog.sizesOf(item);
      return ok({
        itemId: args.itemId,
        name: item.name[lang()],
        toppings,
        quantity,
        available: !catalog.isSoldOut(args.itemId),
        prices: sizes.map((size) => {
          const unit = unitPriceOf({ itemId: args.itemId, size, toppings }, catalog);
          return { size, sizeName: catalog.size(size)?.name[lang()] ?? size, unitPrice: formatYuan(unit), total: formatYuan(unit * quantity) };
        }),
      });
    },

    add_item(args) {
      // Options said before the drink itself ("large, less sugar … a matcha latte") are kept.
      const optionsOnly = state.draft && !state.draft.itemId ? state.draft : null;
      const drink: ValidDraft = withOnlyChoices({ toppings: [], quantity: 1, ...optionsOnly, ...args });
      const problem = draftProblem(drink);
      if (problem) return problemOf(problem);
      const previousDraft = state.draft;
      if (isComplete(drink)) {
        const added = pushLine(drink);
        if (isResult(added)) return added;
        // A complete drink supersedes a draft of the same drink (or of no drink yet).
        const replaced = previousDraft && (!previousDraft.itemId || previousDraft.itemId === drink.itemId);
        if (replaced) state.draft = null;
        settle();
        return ok({
          added: viewLine(added, state.cart.length - 1, lang(), catalog),
          cartLines: state.cart.length,
          ...(state.draft ? { draft: viewDraft(state.draft, lang(), catalog) } : {}),
        });
      }
      state.draft = drink;
      settle();
      return ok({
        draft: viewDraft(drink, lang(), catalog),
        missing: missingDraftFields(drink),
        ...(previousDraft?.itemId && previousDraft.itemId !== drink.itemId ? { replacedDraft: previousDraft.itemId } : {}),
      });
    },

    update_draft(args) {
      const changed = applyChanges<ValidDraft>(state.draft ?? { toppings: [], quantity: 1 }, args);
      if (isResult(changed)) return changed;
      const next = withOnlyChoices(changed);
      const problem = draftProblem(next);
      if (problem) return problemOf(problem);
      if (isComplete(next)) {
        const added = pushLine(next);
        if (isResult(added)) return added;
        state.draft = null;
        settle();
        return ok({ added: viewLine(added, state.cart.length - 1, lang(), catalog), cartLines: state.cart.length });
      }
      state.draft = next;
      settle();
      return ok({ draft: viewDraft(next, lang(), catalog), missing: missingDraftFields(next) });
    },

    cancel_draft() {
      if (!state.draft) return fail('no_draft', 'no drink is being specified');
      const dropped = viewDraft(state.draft, lang(), catalog);
      state.draft = null;
      settle();
      return ok({ dropped, cartLines: state.cart.length });
    },

    update_line({ line, ...changes }) {
      if (Object.keys(changes).length === 0) return fail('invalid_arguments', 'nothing to change: give size, sugar, ice, quantity, toppings or itemId');
      const index = lineIndex(line);
      if (isResult(index)) return index;
      const next = applyChanges(state.cart[index]!, changes);
      if (isResult(next)) return next;
      const problem = findLineProblem(next, catalog);
      if (problem) return problemOf(problem);
      state.cart[index] = next;
      settle();
      return ok({ updated: viewLine(next, index, lang(), catalog) });
    },

    remove_line({ line }) {
      const index = lineIndex(line);
      if (isResult(index)) return index;
      const [removed] = state.cart.splice(index, 1);
      settle();
      return ok({ removed: viewLine(removed!, index, lang(), catalog), cartLines: state.cart.length });
    },

    clear_cart() {
      const removed = state.cart.length;
      state.cart = [];
      state.draft = null;
      settle();
      return ok({ removedLines: removed, state: state.state });
    },

    show_cart() {
      return ok({ state: state.state, ...cartView(), draft: viewDraft(state.draft, lang(), catalog) });
    },

    checkout() {
      if (state.draft) {
        const missing = missingDraftFields(state.draft);
        return fail(
          'draft_incomplete',
          `the drink being specified${state.draft.itemId ? ` (${state.draft.itemId})` : ''} is still missing ${missing.join(', ')}; ask the customer for it first (or cancel_draft)`,
        );
      }
      if (state.cart.length === 0) return fail('empty_cart', 'the cart is empty; nothing to check out');
      const problem = firstLineProblem();
      if (problem) return problem;
      state.state = 'confirming';
      state.pending = null;
      const view = cartView();
      state.readBack = { fingerprint: cartFingerprint(state.cart, catalog), total: cartTotal(state.cart, catalog) };
      return ok({ state: 'confirming', ...view });
    },

    cancel_checkout() {
      if (state.state !== 'confirming') return fail('not_confirming', 'the order is not waiting for confirmation');
      state.state = 'collecting';
      state.pending = null;
      return ok({ state: 'collecting' });
    },

    confirm_order() {
      if (state.placeOrder || state.state === 'placed') return fail('already_placed', 'this order was already placed; do not place it again');
      if (state.state !== 'confirming') return fail('not_confirming', 'call checkout first, read the order back, and confirm only after the customer says yes');
      if (state.cart.length === 0) return fail('empty_cart', 'the cart is empty');
      const problem = firstLineProblem();
      if (problem) return problem;
      // A price (or the cart) changed since the customer heard the read-back: read it back again.
      if (state.readBack && state.readBack.fingerprint !== cartFingerprint(state.cart, catalog)) {
        state.state = 'collecting';
        return fail(
          'read_back_stale',
          'the order or its prices changed since it was read back: call checkout again, read back every line and the new total, and ask again',
        );
      }
      const total = formatYuan(cartTotal(state.cart, catalog));
      state.placeOrder = true;
      state.state = 'placed';
      state.pending = null;
      return ok({ placed: true, lines: state.cart.length, total, note: 'the system tells the customer the pickup number' });
    },

    async lookup_order(args) {
      const ref = args.orderId
        ? { orderId: args.orderId }
        : args.pickupCode
          ? { pickupCode: args.pickupCode }
          : state.lastOrderId
            ? { orderId: state.lastOrderId }
            : null;
      if (!ref) return fail('no_order_reference', 'no pickup number given and this customer has not placed an order yet; ask for the pickup number');
      try {
        return ok(await lookupOrder(ref));
      } catch {
        return fail('lookup_unavailable', 'order status is unavailable right now; ask the customer to try again shortly');
      }
    },
  } satisfies HandlerShape;
}

/**
 * Executes the agent's tools against one turn's state. The LLM agent and the rule engine both
 * change the order only through this runner, so there is one implementation of cart logic.
 */
export function createToolRunner(deps: ToolRunnerDeps): ToolRunner {
  const { state, onResult } = deps;
  // Typed as a map from each name to its own handler, so handlers[name] is tool N's handler for a generic N.
  const handlers: HandlerFor = createHandlers(deps);

  async function runRaw(name: string, rawArgs?: unknown): Promise<ToolResult> {
    if (!isToolName(name)) return fail('unknown_tool', `unknown tool "${name}"; tools: ${TOOL_DEFINITIONS.map((tool) => tool.name).join(', ')}`);
    if (name === 'confirm_order' && deps.placement) {
      const refusal = placementRefusal(deps.placement);
      if (refusal) {
        deps.onRefusedPlacement?.(refusal.error.code, refusal.error.message);
        return refusal;
      }
    }
    return runNamed(name, rawArgs);
  }

  /** Why a model may not place the order now, or null. */
  function placementRefusal({ startedConfirming, message }: { startedConfirming: boolean; message: string }): ToolFailure | null {
    if (state.placeOrder) return null; // the handler answers already_placed
    if (!startedConfirming) {
      return fail(
        'not_read_back',
        'the customer has not heard the read-back yet: call checkout, read back every line and the total, and call confirm_order only after they say yes in their next message',
      );
    }
    const meaning = classifyConfirmationReply(message);
    if (meaning !== 'yes' && meaning !== 'unclear') {
      return fail(
        'not_a_clear_yes',
        `the customer's message is a ${meaning === 'no' ? 'refusal' : meaning}, not a yes: answer it, and place the order only after a clear yes`,
      );
    }
    return null;
  }

  async function runNamed<N extends ToolName>(name: N, rawArgs: unknown): Promise<ToolResult<N>> {
    if (state.placeOrder && MUTATING.has(name)) return fail('order_placed', 'the order was just placed; changes start a new order in the next message');
    const coerced = coerceToolArgs(rawArgs, deps.catalog);
    if (!coerced.ok) return fail('invalid_arguments', coerced.message);
    const parsed = v.safeParse(TOOL_SCHEMAS[name], coerced.args);
    if (!parsed.success) return fail('invalid_arguments', schemaMessage(parsed.issues));
    const handler = handlers[name];
    const result = await withMenu(deps.catalog, () => handler(parsed.output));
    onResult?.(name, parsed.output, result);
    return result;
  }

  const run: RunTypedTool = (name, ...args) => runNamed(name, args[0]);
  return { state, run, runRaw };
}
