import { SUGAR_NAMES, findMenuItem } from '../../menu/menu.ts';
import { missingDraftFields } from '../../sessions/session-types.ts';
import { PHRASES, askMissing, describeLine, drinkName, listLines, toppingName, type Lang } from '../replies/rule-replies.ts';
import { askItem, hotQuestion, menu, price, recommend, status } from './answer-questions.ts';
import type { DrinkSpec, Intent, LineRef } from './intents.ts';
import { CJK_RE } from './normalize-text.ts';
import { parseUtterance } from './parse-utterance.ts';
import { Turn, speakYuan, type Context, type LineData, type Pending, type RulesTools } from './rule-turn.ts';

// The dialogue policy: intents + the turn's state → tool calls through the shared tool runner
// (the same one the LLM agent uses) and a short reply. It reads the state but changes the
// order only through tools; `pending` holds its own open questions between turns.

export type RulesInput = { text: string; lang?: 'zh' | 'en' };
export type RulesReply = { reply: string; lang: 'zh' | 'en' };

const MILK_TEAS = ['pearl-milk-tea', 'oolong-milk-tea', 'jasmine-milk-green', 'taro-milk-tea', 'brown-sugar-pearl-milk'];

/** The offline agent's answer to one customer message. Never throws; never exposes an internal error. */
export async function respondWithRules(input: RulesInput, tools: RulesTools): Promise<RulesReply> {
  const lang: Lang = input.lang ?? (CJK_RE.test(input.text) ? 'zh' : 'en');
  const { state } = tools;
  state.lang = lang; // tool results name drinks in the reply's language
  const previous = (state.pending ?? {}) as Pending | Context;
  const turn = new Turn(state, tools.runTool, lang, previous.q ? {} : (previous as Context));
  try {
    let intents = parseUtterance(input.text).intents;
    if (previous.q) {
      const answered = await answerPending(turn, previous as Pending, intents);
      if (answered === 'done') return finish(turn);
      intents = answered;
    }
    for (const intent of intents) await handle(turn, intent);
    if (turn.out.length === 0) turn.say(PHRASES.notUnderstood);
    return finish(turn);
  } catch {
    return { reply: PHRASES.notUnderstood[lang], lang };
  }
}

function finish(turn: Turn): RulesReply {
  const { state } = turn;
  if (turn.question) state.pending = turn.question as Record<string, unknown>;
  else {
    const focus = turn.focus && state.cart.some((line) => line.lineId === turn.focus) ? turn.focus : undefined;
    const context: Context = { ...(focus ? { focus } : {}), ...(turn.queue.length ? { queue: turn.queue } : {}) };
    state.pending = Object.keys(context).length ? (context as Record<string, unknown>) : null;
  }
  return { reply: turn.reply(), lang: turn.lang };
}

/** An answer to the question asked last turn; 'done', or the intents to handle normally. */
async function answerPending(turn: Turn, pending: Pending, intents: Intent[]): Promise<Intent[] | 'done'> {
  const first = intents[0]!;
  switch (pending.q) {
    case 'clear':
      if (first.type === 'yes' || first.type === 'clear') {
        await turn.run('clear_cart');
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
      if (first.type === 'no') {
        turn.say(PHRASES.sayAgain);
        return 'done';
      }
      return intents;
    case 'which_line': {
      const target = lineAnswer(intents);
      if (!target) return intents;
      if (pending.action === 'remove') await remove(turn, target);
      else await modify(turn, target, pending.changes ?? blankSpec());
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

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}

function lineAnswer(intents: Intent[]): LineRef | null {
  for (const intent of intents) {
    if (intent.type === 'line_ref') return intent.target;
    if (intent.type === 'number') return { kind: 'index', n: intent.value };
    if (intent.type === 'modify' && intent.target.kind !== 'implicit') return intent.target;
    if (intent.type === 'modify' && intent.changes.quantity !== undefined && Object.keys(stripUndefined(intent.changes)).length === 4) return { kind: 'index', n: intent.changes.quantity };
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

const blankSpec = (): DrinkSpec => ({ addToppings: [], removeToppings: [], noToppings: false });

async function handle(turn: Turn, intent: Intent): Promise<void> {
  switch (intent.type) {
    case 'order':
      return order(turn, intent.drinks);
    case 'modify':
      return modify(turn, intent.target, intent.changes);
    case 'remove':
      return remove(turn, intent.target);
    case 'cancel_last':
      return cancelLast(turn);
    case 'clear':
      if (turn.state.cart.length === 0 && !turn.state.draft) return turn.say(PHRASES.emptyCart);
      turn.question = { q: 'clear' };
      return turn.say(PHRASES.confirmClear);
    case 'checkout':
      return checkout(turn);
    case 'place':
      return turn.state.state === 'confirming' ? confirm(turn) : checkout(turn);
    case 'yes':
      return yes(turn);
    case 'no':
      if (turn.state.state === 'confirming') {
        await turn.run('cancel_checkout');
        return turn.say(PHRASES.whatToChange);
      }
      return turn.say(turn.state.cart.length || turn.state.draft ? PHRASES.anythingElse : PHRASES.greet);
    case 'menu':
      return menu(turn);
    case 'price':
      return price(turn, intent.drink);
    case 'recommend':
      return recommend(turn, intent.hot);
    case 'hot_question':
      return hotQuestion(turn, intent.itemId);
    case 'ask_item':
      return askItem(turn, intent.itemIds);
    case 'status':
      return status(turn, intent.pickupCode, intent.orderId);
    case 'cart':
      return showCart(turn);
    case 'greet':
      return turn.say(PHRASES.greet);
    case 'thanks':
      return turn.say(PHRASES.thanks);
    case 'repeat':
      return repeat(turn, intent.quantity, intent.badQuantity);
    case 'which_item':
      turn.question = { q: 'which_item', drink: intent.drink };
      return turn.say(turn.t(`您要哪种奶茶？有${MILK_TEAS.map((id) => drinkName(id, 'zh')).join('、')}。`, `Which milk tea? We have ${MILK_TEAS.map((id) => drinkName(id, 'en')).join(', ')}.`));
    case 'did_you_mean': {
      turn.question = { q: 'did_you_mean', text: intent.corrected };
      const name = intent.kind === 'item' ? drinkName(intent.id, turn.lang) : toppingName(intent.id, turn.lang);
      return turn.say(turn.t(`您是说${name}吗？`, `Did you mean ${name}?`));
    }
    case 'off_topic':
      return turn.say(PHRASES.offTopic);
    case 'number':
    case 'line_ref':
      return turn.say(PHRASES.notUnderstood);
  }
}

function drinkArgs(drink: DrinkSpec): Record<string, unknown> {
  const args: Record<string, unknown> = { itemId: drink.itemId };
  if (drink.size) args.size = drink.size;
  if (drink.sugar !== undefined) args.sugar = drink.sugar;
  if (drink.ice) args.ice = drink.ice;
  if (drink.quantity !== undefined) args.quantity = drink.quantity;
  args.toppings = drink.noToppings ? [] : drink.addToppings;
  return args;
}

function changeArgs(changes: DrinkSpec): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  if (changes.itemId) args.itemId = changes.itemId;
  if (changes.size) args.size = changes.size;
  if (changes.sugar !== undefined) args.sugar = changes.sugar;
  if (changes.ice) args.ice = changes.ice;
  if (changes.quantity !== undefined) args.quantity = changes.quantity;
  if (changes.noToppings) args.toppings = [];
  else if (changes.addToppings.length) args.addToppings = changes.addToppings;
  if (changes.removeToppings.length) args.removeToppings = changes.removeToppings;
  return args;
}

/** Problems the parser found in what was said, explained before acting on the rest. */
function explainSlots(turn: Turn, drink: DrinkSpec): DrinkSpec {
  const clean = { ...drink };
  if (drink.badSize) turn.say(PHRASES.sizes);
  if (drink.badSugar !== undefined) turn.say(turn.t(`甜度没有${drink.badSugar}%，可选全糖、少糖、半糖、微糖或无糖。`, `There is no ${drink.badSugar}% sugar; choose 100, 70, 50, 30 or 0%.`));
  if (drink.iceConflict) {
    const other = drink.iceConflict.find((ice) => ice !== 'hot') ?? 'none';
    const name = { regular: ['正常冰', 'regular ice'], light: ['少冰', 'less ice'], none: ['去冰', 'no ice'], room: ['常温', 'room temperature'], hot: ['热', 'hot'] }[other];
    turn.say(turn.t(`热的和${name[0]}不能同时选，请问要热的还是${name[0]}？`, `Hot and ${name[1]} don't go together: hot or ${name[1]}?`));
    delete clean.iceConflict;
    delete clean.ice;
  }
  return clean;
}

type AddOutcome = { added?: LineData; failed?: boolean };

/** add_item, explaining menu rules the runner enforces and keeping what is still valid. */
async function addDrink(turn: Turn, drink: DrinkSpec): Promise<AddOutcome> {
  const args = drinkArgs(drink);
  const name = drinkName(drink.itemId!, turn.lang);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const result = await turn.run('add_item', args);
    if (result.ok) {
      const data = result.data as { added?: LineData };
      return data.added ? { added: data.added } : {};
    }
    switch (result.error.code) {
      case 'cold_only':
        turn.say(turn.t(`${name}只做冷饮，不能做热的。`, `${name} is cold only, it can't be hot.`));
        delete args.ice;
        continue;
      case 'sugar_not_allowed': {
        const levels = findMenuItem(drink.itemId!)!.sugarLevels.map((level) => SUGAR_NAMES[level][turn.lang]);
        turn.say(turn.t(`${name}甜度只能选${levels.join('或')}。`, `${name} comes with ${levels.join(' or ')} only.`));
        delete args.sugar;
        continue;
      }
      case 'item_sold_out':
        turn.say(turn.t(`抱歉，${name}今天卖完了。`, `Sorry, ${name} is sold out today.`));
        await recommend(turn, false, drink.itemId);
        return { failed: true };
      case 'too_many_toppings':
        turn.say(turn.t('每杯最多加3种小料，请重新选一下小料。', 'At most 3 toppings per drink; please choose again.'));
        return { failed: true };
      case 'too_many_lines':
        turn.say(PHRASES.tooManyLines);
        return { failed: true };
      default:
        turn.say(PHRASES.notUnderstood);
        return { failed: true };
    }
  }
  return { failed: true };
}

function isComplete(drink: DrinkSpec) {
  return drink.size !== undefined && drink.sugar !== undefined && drink.ice !== undefined;
}

async function order(turn: Turn, drinks: DrinkSpec[]): Promise<void> {
  const added: LineData[] = [];
  for (const raw of drinks) {
    if (raw.badQuantity !== undefined) {
      const { badQuantity: _bad, ...rest } = raw;
      turn.say(turn.t(`${drinkName(raw.itemId!, 'zh')}：`, `${drinkName(raw.itemId!, 'en')}: `));
      turn.say(PHRASES.askQuantity);
      turn.question = { q: 'quantity', drink: rest };
      continue;
    }
    const drink = explainSlots(turn, raw);
    if (turn.state.draft && !isComplete(drink) && turn.state.draft.itemId && turn.state.draft.itemId !== drink.itemId) {
      turn.queue.push(drink); // one drink is specified at a time; this one is asked about next
      continue;
    }
    const outcome = await addDrink(turn, drink);
    if (outcome.added) added.push(outcome.added);
    if (outcome.failed && turn.state.cart.length >= 20) break;
  }
  if (added.length) {
    turn.say(PHRASES.added);
    turn.say(listLines(added, turn.lang) + turn.t('。', '.'));
    turn.focus = added.length === 1 ? turn.state.cart[added[0]!.line - 1]?.lineId : undefined;
  }
  await followUp(turn, added.length > 0);
}

/** After a change: ask for the draft's missing options, start the next queued drink, or ask "anything else?". */
async function followUp(turn: Turn, changed: boolean) {
  if (turn.question) return;
  if (!turn.state.draft && turn.queue.length) {
    const next = turn.queue.shift()!;
    const outcome = await addDrink(turn, next);
    if (outcome.added) {
      turn.say(PHRASES.added);
      turn.say(describeLine(outcome.added, turn.lang) + turn.t('。', '.'));
    }
  }
  const draft = turn.state.draft;
  if (draft) turn.say(askMissing(draft, missingDraftFields(draft), turn.lang));
  else if (changed) turn.say(PHRASES.anythingElse);
}

/** The line a change is about, or null after asking / explaining. */
async function resolveLine(turn: Turn, target: LineRef, action: 'modify' | 'remove', changes?: DrinkSpec): Promise<number | 'draft' | null> {
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
  if (target.kind === 'item') {
    const matches = cart.flatMap((line, index) => (line.itemId === target.itemId ? [index + 1] : []));
    if (matches.length === 1) return matches[0]!;
    if (matches.length === 0) {
      if (draft?.itemId === target.itemId) return 'draft';
      turn.say(turn.t(`您的订单里没有${drinkName(target.itemId, 'zh')}。`, `There is no ${drinkName(target.itemId, 'en')} in your order.`));
      return null;
    }
  } else {
    if (draft) return 'draft';
    if (cart.length === 1) return 1;
    const focus = cart.findIndex((line) => line.lineId === turn.focus);
    if (focus >= 0) return focus + 1;
    if (cart.length === 0) return null;
  }
  turn.question = { q: 'which_line', action, ...(changes ? { changes } : {}) };
  turn.say(PHRASES.whichLine);
  turn.say(listLines(cart, turn.lang) + turn.t('。', '.'));
  return null;
}

async function modify(turn: Turn, target: LineRef, raw: DrinkSpec): Promise<void> {
  if (raw.badQuantity !== undefined) return turn.say(PHRASES.askQuantity);
  const changes = explainSlots(turn, raw);
  const { cart, draft } = turn.state;
  if (target.kind === 'implicit' && !draft && cart.length === 0) {
    // Nothing to change yet: "换成乌龙奶茶" / "大杯少糖" start a drink.
    if (changes.itemId) return order(turn, [changes]);
    const result = await turn.run('update_draft', changeArgs(changes));
    if (result.ok) turn.say(askMissing(turn.state.draft ?? {}, missingDraftFields(turn.state.draft ?? { toppings: [], quantity: 1 }), turn.lang));
    return;
  }
  const where = await resolveLine(turn, target, 'modify', changes);
  if (where === null) return;
  const args = changeArgs(changes);
  if (Object.keys(args).length === 0) return turn.say(PHRASES.whatToChange);
  const tool = where === 'draft' ? 'update_draft' : 'update_line';
  if (where !== 'draft') args.line = where;
  const itemId = where === 'draft' ? draft?.itemId : cart[where - 1]!.itemId;
  const name = drinkName(changes.itemId ?? itemId ?? '', turn.lang);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const result = await turn.run(tool, args);
    if (result.ok) {
      const data = result.data as { updated?: LineData; added?: LineData };
      if (data.updated) {
        turn.focus = cart[data.updated.line - 1]?.lineId;
        turn.say(PHRASES.updated);
        turn.say(describeLine(data.updated, turn.lang) + turn.t('。', '.'));
      } else if (data.added) {
        turn.focus = turn.state.cart.at(-1)?.lineId;
        turn.say(PHRASES.added);
        turn.say(describeLine(data.added, turn.lang) + turn.t('。', '.'));
      }
      return followUp(turn, Boolean(data.added));
    }
    const code = result.error.code;
    if (code === 'cold_only') {
      turn.say(turn.t(`${name}只做冷饮，不能做热的。`, `${name} is cold only, it can't be hot.`));
      if (args.ice === undefined) return;
      delete args.ice;
      if (Object.keys(args).length > (where === 'draft' ? 0 : 1)) continue;
      if (where === 'draft') return followUp(turn, false);
      return;
    }
    if (code === 'sugar_not_allowed') {
      const levels = findMenuItem(changes.itemId ?? itemId ?? '')?.sugarLevels.map((level) => SUGAR_NAMES[level][turn.lang]) ?? [];
      turn.say(turn.t(`${name}甜度只能选${levels.join('或')}。`, `${name} comes with ${levels.join(' or ')} only.`));
      if (args.sugar === undefined) return; // the drink's current sugar does not fit the new item: explained, nothing changed
      delete args.sugar;
      if (Object.keys(args).length > (where === 'draft' ? 0 : 1)) continue;
      return where === 'draft' ? followUp(turn, false) : undefined;
    }
    if (code === 'topping_not_on_drink') {
      const topping = toppingName(changes.removeToppings[0] ?? '', turn.lang);
      if (itemId === 'pearl-milk-tea' && changes.removeToppings.includes('pearls')) return turn.say(turn.t('珍珠奶茶本身就含珍珠，去不掉哦。要换成乌龙奶茶吗？', 'Pearl milk tea comes with pearls; they can’t be removed. Would oolong milk tea do?'));
      return turn.say(turn.t(`这杯没有加${topping}。`, `That drink has no ${topping}.`));
    }
    if (code === 'too_many_toppings') return turn.say(turn.t('每杯最多加3种小料。', 'At most 3 toppings per drink.'));
    if (code === 'item_sold_out') return turn.say(turn.t(`抱歉，${name}今天卖完了。`, `Sorry, ${name} is sold out today.`));
    if (code === 'too_many_lines') return turn.say(PHRASES.tooManyLines);
    return turn.say(PHRASES.notUnderstood);
  }
}

async function remove(turn: Turn, target: LineRef): Promise<void> {
  const { cart, draft } = turn.state;
  if (cart.length === 0 && !draft) return turn.say(turn.state.state === 'placed' ? PHRASES.cannotCancelPlaced : PHRASES.emptyCart);
  const where = await resolveLine(turn, target.kind === 'implicit' ? { kind: 'last' } : target, 'remove');
  if (where === null) return;
  if (where === 'draft') return cancelDraft(turn);
  const result = await turn.run('remove_line', { line: where });
  if (!result.ok) return turn.say(PHRASES.notUnderstood);
  const data = result.data as { removed: LineData; cartLines: number };
  turn.say(PHRASES.removed);
  turn.say(describeLine(data.removed, turn.lang) + turn.t('。', '.'));
  turn.say(data.cartLines === 0 && !turn.state.draft ? turn.t('现在购物车是空的。', 'Your order is now empty.') : PHRASES.anythingElse);
}

async function cancelDraft(turn: Turn) {
  const name = drinkName(turn.state.draft?.itemId ?? '', turn.lang);
  await turn.run('cancel_draft');
  turn.say(name ? turn.t(`好的，${name}不要了。`, `OK, no ${name}.`) : PHRASES.noDraft);
  await followUp(turn, false);
  if (!turn.state.draft && turn.state.cart.length) turn.say(PHRASES.anythingElse);
}

async function cancelLast(turn: Turn) {
  if (turn.state.draft) return cancelDraft(turn);
  if (turn.state.cart.length) return remove(turn, { kind: 'last' });
  turn.say(turn.t('好的。想喝点什么随时告诉我。', 'OK. Tell me whenever you want a drink.'));
}

async function readBack(turn: Turn, data: { lines: LineData[]; total: string }, question: boolean) {
  turn.say(turn.t('您点了：', 'You have: '));
  turn.say(listLines(data.lines, turn.lang) + turn.t('。', '.'));
  turn.say(turn.t(`合计${speakYuan(data.total)}。`, `Total ${speakYuan(data.total)}.`));
  if (question) turn.say(PHRASES.confirmQuestion);
}

async function checkout(turn: Turn): Promise<void> {
  const result = await turn.run('checkout');
  if (result.ok) return readBack(turn, result.data as { lines: LineData[]; total: string }, true);
  if (result.error.code === 'draft_incomplete') {
    const draft = turn.state.draft!;
    const missing = missingDraftFields(draft);
    if (missing.includes('itemId')) return turn.say(turn.t('还有一杯没说是什么饮品，请问要哪款？', 'One drink still needs a name: which drink is it?'));
    turn.say(turn.t('结账前还差一点：', 'Before checkout: '));
    return turn.say(askMissing(draft, missing, turn.lang));
  }
  if (result.error.code === 'empty_cart') return turn.say(turn.state.state === 'placed' ? PHRASES.alreadyPlaced : PHRASES.nothingToConfirm);
  if (result.error.code === 'item_sold_out') return turn.say(turn.t('抱歉，您点的饮品中有一款刚刚卖完了，请修改一下。', 'Sorry, one of your drinks just sold out; please change it.'));
  turn.say(PHRASES.notUnderstood);
}

async function confirm(turn: Turn): Promise<void> {
  const result = await turn.run('confirm_order');
  if (result.ok) return turn.say(PHRASES.thanksPlaced);
  if (result.error.code === 'already_placed') return turn.say(PHRASES.alreadyPlaced);
  if (result.error.code === 'not_confirming') return checkout(turn);
  if (result.error.code === 'item_sold_out') return turn.say(turn.t('抱歉，您点的饮品中有一款刚刚卖完了，请修改一下。', 'Sorry, one of your drinks just sold out; please change it.'));
  turn.say(PHRASES.notUnderstood);
}

async function yes(turn: Turn): Promise<void> {
  const { state } = turn;
  if (state.state === 'confirming' || (state.state === 'placed' && state.cart.length === 0)) return confirm(turn);
  if (state.draft) return turn.say(askMissing(state.draft, missingDraftFields(state.draft), turn.lang));
  if (state.cart.length) return checkout(turn);
  turn.say(PHRASES.nothingToConfirm);
}

async function showCart(turn: Turn) {
  const result = await turn.run('show_cart');
  if (!result.ok) return turn.say(PHRASES.notUnderstood);
  const data = result.data as { lines: LineData[]; total: string };
  if (data.lines.length === 0 && !turn.state.draft) return turn.say(PHRASES.emptyCart);
  if (data.lines.length) await readBack(turn, data, false);
  const draft = turn.state.draft;
  if (draft) turn.say(askMissing(draft, missingDraftFields(draft), turn.lang));
}

async function repeat(turn: Turn, quantity: number | null, badQuantity?: number) {
  if (badQuantity !== undefined) return turn.say(PHRASES.askQuantity);
  const { cart } = turn.state;
  const source = cart.find((line) => line.lineId === turn.focus) ?? cart.at(-1);
  if (!source) return turn.say(turn.t('请问您要哪款饮品？', 'Which drink would you like?'));
  const drink: DrinkSpec = { itemId: source.itemId, size: source.size, sugar: source.sugar, ice: source.ice, addToppings: [...(source.toppings ?? [])], removeToppings: [], noToppings: (source.toppings ?? []).length === 0, quantity: quantity ?? 1 };
  await order(turn, [drink]);
}

