import { menuInScope } from '../menu-scope.ts';
import type { CartLine } from '../turn-state.ts';
import { namesOf } from './menu-names.ts';
import { missingDraftFields } from '../../sessions/session-types.ts';
import { PHRASES, addedZh, askMissing, describeLine, drinkName, listLines, toppingName } from '../replies/rule-replies.ts';
import { toolErrorReply } from '../replies/tool-error-replies.ts';
import type { DrinkSpec, LineRef } from './intents.ts';
import { changeArgs, explainSlots, followUp, order } from './order-drinks.ts';
import type { LineData, Turn } from './rule-turn.ts';

// Changes to lines already ordered (or the drink being specified): which line, then update_line /
// remove_line. An unclear reference is asked about, naming the candidates; nothing is guessed.

export async function resolveLine(turn: Turn, target: LineRef, action: 'modify' | 'remove', changes?: DrinkSpec): Promise<number | 'draft' | null> {
  const { cart, draft } = turn.state;
  if (target.kind === 'index') {
    if (target.n < 1 || target.n > cart.length) {
      turn.say(PHRASES.noSuchLine);
      turn.say(turn.t(`您现在一共点了${cart.length}杯。`, `Your order has ${cart.length} line${cart.length === 1 ? '' : 's'}.`));
      return null;
    }
    return target.n;
  }
  if (target.kind === 'last') return action === 'remove' && draft ? 'draft' : cart.length || (draft ? 'draft' : null);
  let candidates = cart.map((_line, index) => index + 1);
  if (target.kind === 'item') {
    candidates = cart.flatMap((line, index) => (line.itemId === target.itemId ? [index + 1] : []));
    if (candidates.length === 0 && draft?.itemId === target.itemId) return 'draft';
    // "the jasmine one" for a line of 茉莉奶绿: the words heard are part of that line's name.
    if (candidates.length === 0 && target.said) candidates = linesCalled(cart, target.said);
    if (candidates.length === 1) return candidates[0]!;
    if (candidates.length === 0) {
      turn.say(turn.t(`您的订单里没有${drinkName(target.itemId, 'zh')}。`, `There is no ${drinkName(target.itemId, 'en')} in your order.`));
      return null;
    }
  } else if (target.kind === 'topping') {
    candidates = cart.flatMap((line, index) => ((line.toppings ?? []).includes(target.toppingId) ? [index + 1] : []));
    if (draft?.toppings?.includes(target.toppingId) && candidates.length === 0) return 'draft';
    if (candidates.length === 1) return candidates[0]!;
    if (candidates.length === 0) return resolveLine(turn, { kind: 'implicit' }, action, changes); // the line in focus explains
  } else if (target.kind === 'implicit') {
    if (draft) return 'draft';
    if (cart.length === 1) return 1;
    const focus = cart.findIndex((line) => line.lineId === turn.focus);
    if (focus >= 0) return focus + 1;
    if (cart.length === 0) return null;
  }
  turn.question = { q: 'which_line', action, ...(changes ? { changes } : {}) };
  turn.say(PHRASES.whichLine);
  turn.say(candidates.map((n) => `${n}. ${describeLine(cart[n - 1]!, turn.lang)}`).join(turn.t('；', '; ')) + turn.t('？', '?'));
  return null;
}

/** The lines (1-based) whose drink has a name containing the words heard. */
function linesCalled(cart: CartLine[], said: string): number[] {
  const menu = menuInScope();
  const contains = (name: string) => (/[a-z]/.test(said) ? new RegExp(`\\b${said}\\b`).test(name) : name.includes(said));
  return cart.flatMap((line, index) => {
    const item = menu.item(line.itemId);
    return item && namesOf(item, menu, true).some(contains) ? [index + 1] : [];
  });
}

export async function modify(turn: Turn, target: LineRef, raw: DrinkSpec): Promise<void> {
  if (raw.badQuantity !== undefined || raw.quantityRange) return turn.say(PHRASES.askQuantity);
  const changes = explainSlots(turn, raw);
  const { cart, draft } = turn.state;
  if (target.kind === 'implicit' && !draft && cart.length === 0) {
    // Nothing to change yet: "换成乌龙奶茶" / "大杯少糖" start a drink.
    if (changes.itemId) return order(turn, [changes]);
    const result = await turn.run('update_draft', changeArgs(changes));
    if (result.ok) turn.say(askMissing(turn.state.draft ?? {}, missingDraftFields(turn.state.draft ?? { toppings: [], quantity: 1 }), turn.lang));
    return;
  }
  if (target.kind === 'all' && !draft && cart.length > 1) return modifyAll(turn, changes);
  const where = await resolveLine(turn, target.kind === 'all' ? { kind: 'implicit' } : target, 'modify', changes);
  if (where === null) return;
  const before = where === 'draft' ? null : JSON.stringify(cart[where - 1]);
  const args = changeArgs(changes);
  if (Object.keys(args).length === 0) return turn.say(PHRASES.whatToChange);
  const tool = where === 'draft' ? 'update_draft' : 'update_line';
  if (where !== 'draft') args.line = where;
  const itemId = where === 'draft' ? draft?.itemId : cart[where - 1]!.itemId;
  const name = drinkName(changes.itemId ?? itemId ?? '', turn.lang);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const result = await turn.run(tool, args);
    if (result.ok) {
      const { data } = result;
      const updated = 'updated' in data ? data.updated : undefined;
      const added = 'added' in data ? data.added : undefined;
      if (updated && before === JSON.stringify(turn.state.cart[updated.line - 1])) {
        turn.say(PHRASES.alreadyThat);
        turn.say(describeLine(updated, turn.lang) + turn.t('。', '.'));
        if (target.kind === 'implicit' && cart.length > 1) {
          // Perhaps another drink was meant: the next words can name it.
          turn.question = { q: 'which_line', action: 'modify', changes };
          turn.say(turn.t('您是说别的哪一杯吗？', 'Did you mean another drink?'));
        }
        return;
      }
      if (updated) {
        turn.focus = cart[updated.line - 1]?.lineId;
        turn.say(PHRASES.updated);
        turn.say(describeLine(updated, turn.lang) + turn.t('。', '.'));
      } else if (added) {
        turn.focus = turn.state.cart.at(-1)?.lineId;
        turn.say(PHRASES.added);
        turn.say(describeLine(added, turn.lang) + turn.t('。', '.'));
      }
      return followUp(turn, Boolean(added));
    }
    const code = result.error.code;
    if (code === 'cold_only') {
      turn.say(toolErrorReply(code, { name }));
      if (args.ice === undefined) return;
      delete args.ice;
      if (Object.keys(args).length > (where === 'draft' ? 0 : 1)) continue;
      if (where === 'draft') return followUp(turn, false);
      return;
    }
    if (code === 'sugar_not_allowed') {
      const menu = menuInScope();
      const item = menu.item(changes.itemId ?? itemId ?? '');
      const levels = item ? menu.sugarOf(item).map((level) => menu.sugarLevel(level)!.name[turn.lang]) : [];
      turn.say(turn.t(`${name}甜度只能选${levels.join('或')}。`, `${name} comes with ${levels.join(' or ')} only.`));
      if (args.sugar === undefined) return; // the drink's current sugar does not fit the new item: explained, nothing changed
      delete args.sugar;
      if (Object.keys(args).length > (where === 'draft' ? 0 : 1)) continue;
      return where === 'draft' ? followUp(turn, false) : undefined;
    }
    if (code === 'topping_not_on_drink') {
      const topping = toppingName(changes.removeToppings[0] ?? '', turn.lang);
      // A topping the drink is made with ("pearl milk tea without pearls") cannot come off.
      const included = menuInScope().item(itemId ?? '')?.includes ?? [];
      const made = changes.removeToppings.find((id) => included.includes(id));
      if (made) {
        const drink = drinkName(itemId!, turn.lang);
        const part = toppingName(made, turn.lang);
        return turn.say(turn.t(`${drink}本身就含${part}，去不掉哦。要换一款吗？`, `${drink} comes with ${part}; it can’t be removed. Would another drink do?`));
      }
      return turn.say(turn.t(`这杯没有${addedZh([topping])}。`, `That drink has no ${topping}.`));
    }
    return turn.say(toolErrorReply(code, { name }));
  }
}

/** Removes the line meant, or only `cups` of its cups when it has more ("少一杯" on three cups leaves two). */
export async function remove(turn: Turn, target: LineRef, cups?: number): Promise<void> {
  const { cart, draft } = turn.state;
  if (cart.length === 0 && !draft) return turn.say(turn.state.state === 'placed' ? PHRASES.cannotCancelPlaced : PHRASES.emptyCart);
  // Cups off a line: with several lines and none named, the line in focus, else ask which.
  const implicit = cups === undefined ? { kind: 'last' as const } : target;
  const where = await resolveLine(turn, target.kind === 'implicit' ? implicit : target, 'remove');
  if (where === null) return;
  if (where === 'draft') return cancelDraft(turn);
  const quantity = cart[where - 1]!.quantity ?? 1;
  if (cups !== undefined && cups < quantity) {
    const result = await turn.run('update_line', { line: where, quantity: quantity - cups });
    if (!result.ok) return turn.say(PHRASES.notUnderstood);
    turn.say(PHRASES.updated);
    turn.say(describeLine(result.data.updated, turn.lang) + turn.t('。', '.'));
    return turn.say(PHRASES.anythingElse);
  }
  const result = await turn.run('remove_line', { line: where });
  if (!result.ok) return turn.say(PHRASES.notUnderstood);
  const { data } = result;
  turn.say(PHRASES.removed);
  turn.say(describeLine(data.removed, turn.lang) + turn.t('。', '.'));
  turn.say(data.cartLines === 0 && !turn.state.draft ? turn.t('现在购物车是空的。', 'Your order is now empty.') : PHRASES.anythingElse);
}

export async function cancelDraft(turn: Turn) {
  const name = drinkName(turn.state.draft?.itemId ?? '', turn.lang);
  await turn.run('cancel_draft');
  turn.say(name ? turn.t(`好的，${name}不要了。`, `OK, no ${name}.`) : PHRASES.noDraft);
  await followUp(turn, false);
  if (!turn.state.draft && turn.state.cart.length) turn.say(PHRASES.anythingElse);
}

export async function cancelLast(turn: Turn) {
  if (turn.state.draft) return cancelDraft(turn);
  if (turn.state.cart.length) return remove(turn, { kind: 'last' });
  turn.say(turn.t('好的。想喝点什么随时告诉我。', 'OK. Tell me whenever you want a drink.'));
}

/** "都要少冰", "both less ice", "两杯都换大杯": every line; a line the change does not fit is named. */
async function modifyAll(turn: Turn, changes: DrinkSpec) {
  const args = changeArgs(changes);
  if (Object.keys(args).length === 0) return turn.say(PHRASES.whatToChange);
  const updated: LineData[] = [];
  for (let line = 1; line <= turn.state.cart.length; line += 1) {
    const result = await turn.run('update_line', { ...args, line });
    if (result.ok) updated.push(result.data.updated);
    else {
      const name = drinkName(turn.state.cart[line - 1]!.itemId, turn.lang);
      if (result.error.code === 'cold_only') turn.say(turn.t(`${name}只做冷饮，这杯没改。`, `${name} is cold only, so that one is unchanged.`));
      else if (result.error.code === 'sugar_not_allowed')
        turn.say(turn.t(`${name}不能选这个甜度，这杯没改。`, `${name} can't have that sugar level, so that one is unchanged.`));
      else if (result.error.code === 'topping_not_on_drink') continue;
      else turn.say(turn.t(`${name}这杯没改。`, `${name} is unchanged.`));
    }
  }
  if (updated.length === 0) return;
  turn.say(PHRASES.updated);
  turn.say(listLines(updated, turn.lang) + turn.t('。', '.'));
  turn.say(PHRASES.anythingElse);
}

/** "其中一杯不加布丁", "one of them without pudding": n cups of a line become their own line. */
export async function splitLine(turn: Turn, target: LineRef, changes: DrinkSpec, n: number) {
  const where = await resolveLine(turn, target, 'modify', changes);
  if (where === null) return;
  if (where === 'draft') return modify(turn, target, changes);
  const line = turn.state.cart[where - 1]!;
  const quantity = line.quantity ?? 1;
  if (quantity <= n) return modify(turn, { kind: 'index', n: where }, changes);
  let toppings = changes.noToppings ? [] : [...(line.toppings ?? []), ...changes.addToppings.filter((id) => !(line.toppings ?? []).includes(id))];
  toppings = toppings.filter((id) => !changes.removeToppings.includes(id));
  const piece = {
    itemId: changes.itemId ?? line.itemId,
    size: changes.size ?? line.size,
    sugar: changes.sugar ?? line.sugar,
    ice: changes.ice ?? line.ice,
    toppings,
    quantity: n,
  };
  const added = await turn.run('add_item', piece);
  if (!added.ok || !('added' in added.data)) return turn.say(PHRASES.notUnderstood);
  const kept = await turn.run('update_line', { line: where, quantity: quantity - n });
  if (!kept.ok) return turn.say(PHRASES.notUnderstood);
  turn.say(PHRASES.updated);
  turn.say(listLines([kept.data.updated, added.data.added], turn.lang) + turn.t('。', '.'));
  turn.say(PHRASES.anythingElse);
}
