import { newSpec } from './drink-spec.ts';
import type { DrinkSpec, Intent, LineRef } from './intents.ts';
import { PHRASES } from '../replies/rule-replies.ts';
import { modify, remove } from './edit-lines.ts';
import { order } from './order-drinks.ts';
import { parseUtterance } from './parse-utterance.ts';
import type { Offered, Pending } from './rules-memory.ts';
import type { Turn } from './rule-turn.ts';

// The dialogue's waiting states: after the agent asked a question (clear the order? did you
// mean…? which line? how many? which milk tea?), what the next message means for it. Each
// state either settles the turn ('done') or hands the message on to be read as usual.

/** "对，大杯" / "yes, and large": a yes to "did you mean…?" followed by more. */
const YES_FIRST_RE = /^(对|是的|是|嗯|没错|对的|yes|yeah|yep|yup|right|correct)[\s,，。.!！]/;

/** "ok, a large lemon tea…" to "clear your whole order?": yes, and the new drink. */
const YES_OR_OK_FIRST_RE = /^(ok|okay|sure|好|好的|行|可以)[\s,，。.!！:：]|^(对|是的|是|嗯|没错|对的|yes|yeah|yep|yup|right|correct)[\s,，。.!！:：]/;

/** An answer to the question asked last turn; 'done', or the intents to handle normally. */
export async function answerPending(turn: Turn, pending: Pending, intents: Intent[], text: string): Promise<Intent[] | 'done'> {
  const first = intents[0]!;
  switch (pending.q) {
    case 'clear':
      if (first.type === 'yes' || first.type === 'clear' || (YES_OR_OK_FIRST_RE.test(text.trim().toLowerCase()) && first.type === 'order')) {
        await turn.run('clear_cart');
        const rest = intents.filter((intent) => intent.type === 'order');
        if (rest.length) return rest; // "ok, start over: a medium…"
        turn.say(PHRASES.cleared);
        return 'done';
      }
      if (first.type === 'no' || first.type === 'cancel_last') {
        turn.say(PHRASES.keptCart);
        return 'done';
      }
      return intents;
    case 'did_you_mean':
      if (first.type === 'yes') return parseUtterance(pending.text).intents;
      // "no, pudding" / "是椰果": the word asked about, said again, is a yes.
      if (pending.names?.some((name) => text.toLowerCase().includes(name)) && text.length <= 24) return parseUtterance(pending.text).intents;
      if (YES_FIRST_RE.test(text.trim().toLowerCase())) return [...parseUtterance(pending.text).intents, ...intents];
      if (first.type === 'no') {
        turn.say(PHRASES.sayAgain);
        return 'done';
      }
      return intents;
    case 'which_line': {
      const target = lineAnswer(intents);
      if (!target) return intents;
      if (pending.action === 'remove') await remove(turn, target);
      else await modify(turn, target, pending.changes ?? newSpec());
      return 'done';
    }
    case 'quantity': {
      const quantity = quantityAnswer(intents);
      if (quantity === undefined) return intents;
      if (quantity === null) {
        turn.say(PHRASES.askQuantity);
        turn.question = pending;
        return 'done';
      }
      await order(turn, [{ ...pending.drink, quantity }]);
      return 'done';
    }
    case 'which_item': {
      const chosen = intents.find((intent) => intent.type === 'order');
      if (chosen?.type === 'order') {
        const [drink, ...rest] = chosen.drinks;
        const merged: DrinkSpec = { ...pending.drink, ...stripUndefined(drink!), addToppings: [...pending.drink.addToppings, ...drink!.addToppings] };
        return [{ type: 'order', drinks: [merged, ...rest] }, ...intents.filter((intent) => intent !== chosen)];
      }
      return intents;
    }
  }
}

/** After "有的…要来一杯吗？" / a price: "yes, a large one" / "来一杯大杯的" / "one of those" mean that drink. */
export function takeOffered(intents: Intent[], offered: Offered): Intent[] {
  const base: DrinkSpec = { ...newSpec(), ...offered };
  const [first] = intents;
  if (intents.length !== 1 || !first) return intents;
  if (first.type === 'yes' || first.type === 'which_item')
    return [{ type: 'order', drinks: [{ ...base, ...stripUndefined(first.type === 'which_item' ? first.drink : newSpec()) }] }];
  if (first.type === 'modify' && first.target.kind === 'implicit' && !first.changes.itemId)
    return [{ type: 'order', drinks: [{ ...base, ...stripUndefined(first.changes), itemId: offered.itemId }] }];
  if (first.type === 'repeat' && !first.changes?.itemId)
    return [{ type: 'order', drinks: [{ ...base, ...stripUndefined(first.changes ?? newSpec()), quantity: first.quantity ?? 1, itemId: offered.itemId }] }];
  return intents;
}

/** The fields that are set, so that spreading it over another spec keeps the other's values. */
function stripUndefined<T extends object>(value: T): Partial<T> {
  const copy: Partial<T> = { ...value };
  for (const key in copy) if (copy[key] === undefined) delete copy[key];
  return copy;
}

function lineAnswer(intents: Intent[]): LineRef | null {
  for (const intent of intents) {
    if (intent.type === 'line_ref') return intent.target;
    if (intent.type === 'number') return { kind: 'index', n: intent.value };
    if (intent.type === 'modify' && intent.target.kind !== 'implicit') return intent.target;
    if (intent.type === 'modify' && intent.changes.quantity !== undefined && Object.keys(stripUndefined(intent.changes)).length === 4)
      return { kind: 'index', n: intent.changes.quantity };
    if (intent.type === 'order' && intent.drinks.length === 1) return { kind: 'item', itemId: intent.drinks[0]!.itemId! };
    if (intent.type === 'remove' && intent.target.kind !== 'implicit') return intent.target;
  }
  return null;
}

/** A quantity answer: the number, null when it is out of range, undefined when there is none. */
function quantityAnswer(intents: Intent[]): number | null | undefined {
  for (const intent of intents) {
    if (intent.type === 'number') return intent.value >= 1 && intent.value <= 20 ? intent.value : null;
    if (intent.type === 'modify' && (intent.changes.quantity !== undefined || intent.changes.badQuantity !== undefined)) return intent.changes.quantity ?? null;
    if (intent.type === 'repeat') return intent.quantity ?? null;
  }
  return undefined;
}
