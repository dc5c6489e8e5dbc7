import type { CartLine } from '../turn-state.ts';
import { missingDraftFields } from '../../sessions/session-types.ts';
import { menuInScope } from '../menu-scope.ts';
import { PHRASES, askMissing, describeLine, drinkName } from '../replies/rule-replies.ts';
import type { DrinkSpec } from './intents.ts';
import type { Turn } from './rule-turn.ts';

// "is that with ice?" / "是少冰吗？": the line asked about, said as it is, with a yes or a no.
// Nothing changes; at the read-back the question to place the order is asked again.

type Described = Partial<Pick<CartLine, 'itemId' | 'size' | 'sugar' | 'ice' | 'toppings'>>;

/** Whether the line has what was asked; undefined when the line has not set that yet. */
function matchesAsked(line: Described, asked: DrinkSpec): boolean | undefined {
  const checks: (boolean | undefined)[] = [];
  const field = <K extends 'size' | 'sugar' | 'ice'>(key: K) => {
    if (asked[key] === undefined) return;
    checks.push(line[key] === undefined ? undefined : line[key] === asked[key]);
  };
  field('size');
  field('sugar');
  // "is that with ice?": any iced level is a yes.
  if (asked.ice === 'regular' && line.ice !== undefined) checks.push(['regular', 'light', 'extra'].includes(line.ice));
  else field('ice');
  // "is it with pearls?" of a pearl milk tea: what the drink is made with counts as there.
  const toppings = [...(line.toppings ?? []), ...(menuInScope().item(line.itemId ?? '')?.includes ?? [])];
  for (const id of asked.addToppings) checks.push(toppings.includes(id));
  for (const id of asked.removeToppings) checks.push(!toppings.includes(id));
  if (asked.noToppings) checks.push(toppings.length === 0);
  if (checks.includes(false)) return false;
  return checks.includes(undefined) || checks.length === 0 ? undefined : true;
}

function linesAsked(turn: Turn, itemId: string | undefined): CartLine[] {
  const { cart } = turn.state;
  if (itemId) return cart.filter((line) => line.itemId === itemId);
  const focus = cart.find((line) => line.lineId === turn.focus);
  if (focus) return [focus];
  return cart.length <= 3 ? cart : [cart.at(-1)!];
}

export async function answerOptionQuestion(turn: Turn, itemId: string | undefined, asked: DrinkSpec): Promise<void> {
  const { draft } = turn.state;
  if (draft && (!itemId || draft.itemId === itemId)) {
    const answer = matchesAsked(draft, asked);
    const name = drinkName(draft.itemId ?? '', turn.lang);
    if (answer === undefined) turn.say(turn.t(`${name}这个还没选。`, `That is not chosen yet for the ${name}.`));
    else turn.say(answer ? turn.t('是的。', 'Yes.') : turn.t('不是。', 'No.'));
    return;
  }
  const lines = linesAsked(turn, itemId);
  if (lines.length === 0) {
    if (itemId) turn.say(turn.t(`您的订单里没有${drinkName(itemId, 'zh')}。`, `There is no ${drinkName(itemId, 'en')} in your order.`));
    else turn.say(PHRASES.emptyCart);
    return;
  }
  const answers = lines.map((line) => matchesAsked(line, asked));
  const all = answers.every((answer) => answer === true);
  const none = answers.every((answer) => answer === false);
  turn.say(all ? turn.t('是的，', 'Yes: ') : none ? turn.t('不是，', 'No: ') : turn.t('您点的是：', 'You have: '));
  turn.say(lines.map((line) => describeLine(line, turn.lang)).join(turn.t('；', '; ')) + turn.t('。', '.'));
  if (turn.state.state === 'confirming') turn.say(PHRASES.confirmQuestion);
  else if (!all) turn.say(turn.t('需要改吗？', 'Would you like to change it?'));
}

/** The choices of one option for the drink being ordered (or the menu's), then what is still open. */
export async function listOptions(turn: Turn, field: 'size' | 'sugar' | 'ice'): Promise<void> {
  const menu = menuInScope();
  const draft = turn.state.draft;
  const item = draft?.itemId ? menu.item(draft.itemId) : undefined;
  const names =
    field === 'size'
      ? (item ? menu.sizesOf(item) : menu.sizes.map((size) => size.id)).map((id) => menu.size(id)!.name[turn.lang])
      : field === 'sugar'
        ? (item ? menu.sugarOf(item) : menu.sugar.map((level) => level.id)).map((id) => menu.sugarLevel(id)!.name[turn.lang])
        : (item ? menu.iceOf(item) : menu.ice.map((level) => level.id)).map((id) => menu.iceLevel(id)!.name[turn.lang]);
  const label = { size: ['杯型', 'Sizes'], sugar: ['甜度', 'Sugar'], ice: ['冰量', 'Ice'] }[field];
  turn.say(turn.t(`${label[0]}有：${names.join('、')}。`, `${label[1]}: ${names.join(', ')}.`));
  if (draft?.itemId) {
    const missing = missingDraftFields(draft);
    if (missing.length) turn.say(askMissing(draft, missing, turn.lang));
  }
}
