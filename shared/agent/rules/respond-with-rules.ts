import type { Catalog } from '../../menu/catalog.ts';
import { menuInScope, withMenu } from '../menu-scope.ts';
import { missingDraftFields } from '../../sessions/session-types.ts';
import type { Lang } from '../../lang.ts';
import { PHRASES, askMissing, drinkName, toppingName } from '../replies/rule-replies.ts';
import { answerOptionQuestion, listOptions } from './answer-option-question.ts';
import { bareAmountAnswer } from './bare-amount-answer.ts';
import {
  askItem,
  describeItem,
  hotQuestion,
  icedQuestion,
  listCategory,
  menu,
  price,
  priceRank,
  recommend,
  status,
  toppings,
  toppingsInStock,
  withTopping,
} from './answer-questions.ts';
import type { DrinkSpec, Intent, LineRef } from './intents.ts';
import { CJK_RE } from './normalize-text.ts';
import { parseUtterance } from './parse-utterance.ts';
import { checkout, confirm, showCart, yes } from './checkout-flow.ts';
import { cancelLast, modify, remove, splitLine } from './edit-lines.ts';
import { newSpec } from './drink-spec.ts';
import { order, repeat } from './order-drinks.ts';
import { answerPending, takeOffered } from './awaiting-answers.ts';
import { takeRecommended } from './recommended-picks.ts';
import { readMemory, writeMemory } from './rules-memory.ts';
import { Turn, type RulesTools } from './rule-turn.ts';

// The dialogue policy: intents + the turn's state → tool calls through the shared tool runner
// (the same one the LLM agent uses) and a short reply. It reads the state but changes the
// order only through tools. Between turns it remembers one open question or its context
// (rules-memory.ts); the waiting states are in awaiting-answers.ts.

export type RulesInput = { text: string; lang?: Lang; catalog: Catalog };
export type RulesReply = { reply: string; lang: Lang };

const QUESTIONS = new Set<Intent['type']>([
  'menu',
  'price',
  'recommend',
  'hot_question',
  'ask_item',
  'status',
  'cart',
  'toppings',
  'ask_option',
  'list_options',
]);
/** "奶茶" with no drink named: the menu's milk teas (by category, else by name), available ones first. */
function milkTeas(): string[] {
  const menu = menuInScope();
  const isMilkTea = (text: string | undefined) => Boolean(text && (/奶茶/.test(text) || /milk tea/i.test(text)));
  const matching = menu.items.filter(
    (item) => isMilkTea(item.category?.zh) || isMilkTea(item.category?.en) || isMilkTea(item.name.zh) || isMilkTea(item.name.en),
  );
  const list = matching.length ? matching : menu.items;
  return list
    .filter((item) => !menu.isSoldOut(item.id))
    .slice(0, 5)
    .map((item) => item.id);
}

/** The offline agent's answer to one customer message. Never throws; never exposes an internal error. */
export function respondWithRules(input: RulesInput, tools: RulesTools): Promise<RulesReply> {
  return withMenu(input.catalog, () => respond(input, tools));
}

async function respond(input: RulesInput, tools: RulesTools): Promise<RulesReply> {
  const lang: Lang = input.lang ?? (CJK_RE.test(input.text) ? 'zh' : 'en');
  const { state } = tools;
  state.lang = lang; // tool results name drinks in the reply's language
  const memory = readMemory(state.pending);
  const turn = new Turn(state, tools.run, lang, memory.context);
  try {
    const amount = memory.question ? null : bareAmountAnswer(input.text, state);
    if (amount && 'answer' in amount) {
      await modify(turn, { kind: 'implicit' }, amount.answer); // "half" to "what sugar?"
      return finish(turn);
    }
    if (amount) {
      const menu = menuInScope();
      const [sugar, ice] = [menu.sugarLevel(amount.either.sugar)!.name, menu.iceLevel(amount.either.ice)!.name];
      turn.say(turn.t(`是${sugar.zh}还是${ice.zh}？`, `${sugar.en.charAt(0).toUpperCase()}${sugar.en.slice(1)} or ${ice.en.toLowerCase()}?`));
      return finish(turn);
    }
    let intents = parseUtterance(input.text).intents;
    if (memory.question) {
      const answered = await answerPending(turn, memory.question, intents, input.text);
      if (answered === 'done') return finish(turn);
      if (answered.every((intent) => QUESTIONS.has(intent.type))) {
        // A question in the middle ("一共多少钱?") is answered; the open question stays open.
        for (const intent of answered) await handle(turn, intent);
        turn.question = memory.question;
        return finish(turn);
      }
      intents = answered;
    }
    if (memory.context.offered) intents = takeOffered(intents, memory.context.offered);
    if (memory.context.recommended) intents = takeRecommended(intents, memory.context.recommended);
    const confirming = state.state === 'confirming' ? JSON.stringify([state.cart, state.draft]) : null;
    turn.intentsCount = intents.length;
    for (const [index, intent] of intents.entries()) {
      // A clear with the replacement named in the same breath is not asked about again.
      if (intent.type === 'clear' && intents[index + 1]?.type === 'order' && (turn.state.cart.length || turn.state.draft)) await turn.run('clear_cart');
      else await handle(turn, intent);
    }
    if (
      confirming !== null &&
      state.state === 'collecting' &&
      !turn.question &&
      !state.draft &&
      state.cart.length &&
      confirming !== JSON.stringify([state.cart, state.draft])
    ) {
      await checkout(turn); // an edit during the read-back: read the new order back
    }
    if (turn.out.length === 0) turn.say(PHRASES.notUnderstood);
    return finish(turn);
  } catch (error) {
    // The customer hears "not understood"; the bug is not hidden (the chat logs it, the case driver fails).
    tools.onInternalError?.(error);
    return { reply: PHRASES.notUnderstood[lang], lang };
  }
}

function finish(turn: Turn): RulesReply {
  const { state } = turn;
  const focus = turn.focus && state.cart.some((line) => line.lineId === turn.focus) ? turn.focus : undefined;
  state.pending = writeMemory({
    question: turn.question,
    context: {
      ...(focus ? { focus } : {}),
      ...(turn.queue.length ? { queue: turn.queue } : {}),
      ...(turn.offered ? { offered: turn.offered } : {}),
      ...(turn.recommended ? { recommended: turn.recommended } : {}),
    },
  });
  return { reply: turn.reply(), lang: turn.lang };
}

/** True when a line or the drink being specified is `itemId`. */
function hasDrink(turn: Turn, itemId: string): boolean {
  return turn.state.draft?.itemId === itemId || turn.state.cart.some((line) => line.itemId === itemId);
}

/** "I want the taro one, big, with pudding" with nothing ordered yet: a drink named the way a line would be, adding only. */
function isOrderByName(turn: Turn, target: LineRef, changes: DrinkSpec): target is Extract<LineRef, { kind: 'item' }> {
  return (
    target.kind === 'item' &&
    turn.state.cart.length === 0 &&
    !turn.state.draft &&
    !changes.itemId &&
    changes.removeToppings.length === 0 &&
    !changes.noToppings &&
    (changes.size !== undefined || changes.sugar !== undefined || changes.ice !== undefined || changes.addToppings.length > 0)
  );
}

async function handle(turn: Turn, intent: Intent): Promise<void> {
  switch (intent.type) {
    case 'order':
      return order(turn, intent.drinks);
    case 'modify':
      if (intent.swap && intent.target.kind === 'item' && !hasDrink(turn, intent.target.itemId)) return order(turn, [{ ...intent.changes, quantity: 1 }]);
      if (isOrderByName(turn, intent.target, intent.changes))
        return order(turn, [{ ...intent.changes, itemId: intent.target.itemId, quantity: intent.changes.quantity ?? 1 }]);
      return intent.splitOff ? splitLine(turn, intent.target, intent.changes, intent.splitOff) : modify(turn, intent.target, intent.changes);
    case 'remove':
      return remove(turn, intent.target, intent.cups);
    case 'cancel_last':
      return cancelLast(turn);
    case 'clear':
      if (turn.state.cart.length === 0 && !turn.state.draft) return turn.say(PHRASES.emptyCart);
      turn.question = { q: 'clear' };
      return turn.say(PHRASES.confirmClear);
    case 'checkout':
      // "就这样 / that'll do" said to the read-back is a yes to it.
      return turn.state.state === 'confirming' && turn.intentsCount === 1 ? confirm(turn) : checkout(turn);
    case 'hold':
      return turn.say(turn.state.state === 'confirming' ? PHRASES.holding : PHRASES.takeYourTime);
    case 'refuse_price':
      return turn.say(PHRASES.pricesFixed);
    case 'toppings':
      return toppings(turn);
    case 'place':
      return turn.state.state === 'confirming' ? confirm(turn) : checkout(turn);
    case 'yes':
      return yes(turn);
    case 'no':
      if (turn.state.state === 'confirming') {
        await turn.run('cancel_checkout');
        return turn.say(PHRASES.whatToChange);
      }
      // "不用了 / no" to "anything else?" with a finished order: read it back (placing still needs a yes).
      if (turn.state.cart.length && !turn.state.draft && turn.intentsCount === 1) return checkout(turn);
      return turn.say(turn.state.draft ? askMissing(turn.state.draft, missingDraftFields(turn.state.draft), turn.lang) : PHRASES.greet);
    case 'menu':
      return menu(turn);
    case 'price':
      return price(turn, intent.drink);
    case 'recommend':
      return recommend(turn, intent.hot);
    case 'price_rank':
      return priceRank(turn, intent.rank);
    case 'category':
      return listCategory(turn, intent.category);
    case 'with_topping':
      if (intent.search || (!turn.state.draft && turn.state.cart.length === 0)) return withTopping(turn, intent.toppingIds);
      // Mid-order, "有没有椰果?" asks for it on the drink: say it is there, then add it as "加椰果" would.
      toppingsInStock(turn, intent.toppingIds);
      return modify(turn, { kind: 'implicit' }, { ...newSpec(), addToppings: intent.toppingIds });
    case 'hot_question':
      return intent.iced && intent.itemId ? icedQuestion(turn, intent.itemId) : hotQuestion(turn, intent.itemId);
    case 'ask_item':
      return askItem(turn, intent.itemIds);
    case 'describe_item':
      return describeItem(turn, intent.itemId);
    case 'status':
      return status(turn, intent.pickupCode, intent.orderId);
    case 'cart':
      return showCart(turn);
    case 'list_options':
      return listOptions(turn, intent.field);
    case 'ask_option':
      return answerOptionQuestion(turn, intent.itemId, intent.asked);
    case 'greet':
      return turn.say(PHRASES.greet);
    case 'thanks':
      return turn.say(PHRASES.thanks);
    case 'repeat':
      return repeat(turn, intent.quantity, intent.badQuantity, intent.changes);
    case 'not_on_menu': {
      // With other drinks in the message, a short word; alone, what there is instead.
      if (turn.intentsCount > 1) return turn.say(turn.t(`抱歉，我们没有“${intent.heard}”。`, `Sorry, we don't have "${intent.heard}".`));
      const menu = menuInScope();
      const names = menu.items.filter((item) => !menu.isSoldOut(item.id)).slice(0, 4);
      return turn.say(
        turn.t(
          `抱歉，我们的菜单上没有“${intent.heard}”。我们有${names.map((item) => item.name.zh).join('、')}等，想喝哪一款？`,
          `Sorry, "${intent.heard}" is not on our menu. We have ${names.map((item) => item.name.en).join(', ')} and more; which would you like?`,
        ),
      );
    }
    case 'which_item':
      turn.question = { q: 'which_item', drink: intent.drink };
      return turn.say(
        turn.t(
          `您要哪种奶茶？有${milkTeas()
            .map((id) => drinkName(id, 'zh'))
            .join('、')}。`,
          `Which milk tea? We have ${milkTeas()
            .map((id) => drinkName(id, 'en'))
            .join(', ')}.`,
        ),
      );
    case 'did_you_mean': {
      turn.question = {
        q: 'did_you_mean',
        text: intent.corrected,
        names:
          intent.kind === 'item'
            ? [drinkName(intent.id, 'zh'), drinkName(intent.id, 'en').toLowerCase()]
            : [toppingName(intent.id, 'zh'), toppingName(intent.id, 'en')],
      };
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
