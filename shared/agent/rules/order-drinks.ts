import { WARM_ICE_IDS } from '../../menu/catalog.ts';
import { menuInScope } from '../menu-scope.ts';
import { missingDraftFields } from '../../sessions/session-types.ts';
import { PHRASES, addedZh, askMissing, describeLine, drinkName, listLines } from '../replies/rule-replies.ts';
import { toolErrorReply } from '../replies/tool-error-replies.ts';
import { recommend } from './answer-questions.ts';
import { modify } from './edit-lines.ts';
import type { ToolInput } from '../tools/tool-definitions.ts';
import type { DrinkSpec } from './intents.ts';
import type { LineData, Turn } from './rule-turn.ts';

// Adding drinks: add_item per drink, menu rules explained, one incomplete drink asked at a time.

export function drinkArgs(itemId: string, drink: DrinkSpec): ToolInput<'add_item'> {
  const args: ToolInput<'add_item'> = { itemId };
  if (drink.size) args.size = drink.size;
  if (drink.sugar !== undefined) args.sugar = drink.sugar;
  if (drink.ice) args.ice = drink.ice;
  if (drink.quantity !== undefined) args.quantity = drink.quantity;
  args.toppings = drink.noToppings ? [] : drink.addToppings;
  return args;
}

export function changeArgs(changes: DrinkSpec): ToolInput<'update_line'> {
  const args: ToolInput<'update_line'> = {};
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
export function explainSlots(turn: Turn, drink: DrinkSpec): DrinkSpec {
  const clean = { ...drink };
  if (drink.badSize) turn.say(PHRASES.sizes);
  if (drink.badSugar !== undefined) {
    const levels = menuInScope().sugar;
    turn.say(
      turn.t(
        `甜度没有${drink.badSugar}%，可选${levels.map((level) => level.name.zh).join('、')}。`,
        `There is no ${drink.badSugar}% sugar; choose ${levels.map((level) => `${level.id}`).join(', ')}%.`,
      ),
    );
  }
  if (drink.iceConflict) {
    const menu = menuInScope();
    const warm = drink.iceConflict.find((ice) => WARM_ICE_IDS.includes(ice)) ?? 'hot';
    const other = drink.iceConflict.find((ice) => !WARM_ICE_IDS.includes(ice)) ?? 'none';
    const nameOf = (id: string) => menu.iceLevel(id)?.name ?? { zh: id, en: id };
    const [w, o] = [nameOf(warm), nameOf(other)];
    turn.say(turn.t(`${w.zh}和${o.zh}不能同时选，请问要${w.zh}还是${o.zh}？`, `${w.en} and ${o.en} don't go together: ${w.en.toLowerCase()} or ${o.en}?`));
    delete clean.iceConflict;
    delete clean.ice;
  }
  return clean;
}

/** "姜汁撞奶拿铁只有中杯", "Orange Americano comes in large or extra large": the drink's own choices. */
export function drinkRule(turn: Turn, code: 'size_not_offered' | 'ice_not_allowed' | 'topping_not_allowed', itemId: string): string {
  const menu = menuInScope();
  const item = menu.item(itemId)!;
  const name = drinkName(itemId, turn.lang);
  const or = turn.t('或', ' or ');
  if (code === 'size_not_offered') {
    const sizes = menu.sizesOf(item).map((id) => menu.size(id)!.name[turn.lang]);
    return turn.t(`${name}只有${sizes.join(or)}。`, `${name} comes in ${sizes.join(or)} only.`);
  }
  if (code === 'ice_not_allowed') {
    const ice = menu.iceOf(item).map((id) => menu.iceLevel(id)!.name[turn.lang]);
    return turn.t(`${name}只能选${ice.join(or)}。`, `${name} can only be ${ice.join(or)}.`);
  }
  const toppings = menu.toppingsOf(item).map((id) => menu.topping(id)!.name[turn.lang]);
  return toppings.length
    ? turn.t(`${name}只能${addedZh(toppings)}。`, `${name} can only have ${toppings.join(', ')} added.`)
    : turn.t(`${name}不加小料。`, `${name} takes no toppings.`);
}

export type AddOutcome = { added?: LineData; failed?: boolean };

/** add_item, explaining menu rules the runner enforces and keeping what is still valid. */
export async function addDrink(turn: Turn, drink: DrinkSpec): Promise<AddOutcome> {
  const args = drinkArgs(drink.itemId!, drink);
  const name = drinkName(drink.itemId!, turn.lang);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const result = await turn.run('add_item', args);
    if (result.ok) {
      return 'added' in result.data ? { added: result.data.added } : {};
    }
    switch (result.error.code) {
      case 'cold_only':
        turn.say(toolErrorReply('cold_only', { name }));
        delete args.ice;
        continue;
      case 'sugar_not_allowed': {
        const menu = menuInScope();
        const levels = menu.sugarOf(menu.item(drink.itemId!)!).map((level) => menu.sugarLevel(level)!.name[turn.lang]);
        turn.say(turn.t(`${name}甜度只能选${levels.join('或')}。`, `${name} comes with ${levels.join(' or ')} only.`));
        delete args.sugar;
        continue;
      }
      case 'item_sold_out':
        turn.say(toolErrorReply('item_sold_out', { name }));
        await recommend(turn, false, drink.itemId);
        return { failed: true };
      case 'too_many_toppings': {
        // Here the whole drink is refused, so the customer is asked to choose again.
        const max = menuInScope().limits.maxToppings;
        turn.say(turn.t(`每杯最多加${max}种小料，请重新选一下小料。`, `At most ${max} toppings per drink; please choose again.`));
        return { failed: true };
      }
      case 'size_not_offered':
      case 'ice_not_allowed':
      case 'topping_not_allowed': {
        // This drink's own choices: said, the choice dropped, the rest kept (the draft asks again).
        turn.say(drinkRule(turn, result.error.code, drink.itemId!));
        if (result.error.code === 'size_not_offered') delete args.size;
        else if (result.error.code === 'ice_not_allowed') delete args.ice;
        else args.toppings = (args.toppings ?? []).filter((id) => menuInScope().toppingsOf(menuInScope().item(drink.itemId!)!).includes(id));
        continue;
      }
      default:
        turn.say(toolErrorReply(result.error.code, { name }));
        return { failed: true };
    }
  }
  return { failed: true };
}

export const isBare = (drink: DrinkSpec) =>
  drink.size === undefined &&
  drink.sugar === undefined &&
  drink.ice === undefined &&
  drink.addToppings.length === 0 &&
  !drink.badSize &&
  drink.badSugar === undefined &&
  !drink.iceConflict;

function isComplete(drink: DrinkSpec) {
  return drink.size !== undefined && drink.sugar !== undefined && drink.ice !== undefined;
}

export async function order(turn: Turn, drinks: DrinkSpec[]): Promise<void> {
  const added: LineData[] = [];
  let draftMadeHere = false;
  for (const raw of drinks) {
    if (raw.quantityRange) {
      // "两三杯": never picked for the customer; the answer is the count.
      const [low, high] = raw.quantityRange;
      const { quantityRange: _range, ...rest } = raw;
      const name = drinkName(raw.itemId!, turn.lang);
      turn.say(turn.t(`${name}要${low}杯还是${high}杯？`, `How many ${name}: ${low} or ${high}?`));
      turn.question = { q: 'quantity', drink: rest };
      continue;
    }
    if (raw.badQuantity !== undefined) {
      const { badQuantity: _bad, ...rest } = raw;
      turn.say(turn.t(`${drinkName(raw.itemId!, 'zh')}：`, `${drinkName(raw.itemId!, 'en')}: `));
      turn.say(PHRASES.askQuantity);
      turn.question = { q: 'quantity', drink: rest };
      continue;
    }
    const drink = explainSlots(turn, raw);
    const same = isBare(drink) && !turn.state.draft ? turn.state.cart.findLast((line) => line.itemId === drink.itemId) : undefined;
    if (same) {
      // "乌龙再来一杯": one more like the one already ordered.
      Object.assign(drink, { size: same.size, sugar: same.sugar, ice: same.ice, addToppings: [...(same.toppings ?? [])] });
    }
    if (turn.state.draft && !isComplete(drink) && turn.state.draft.itemId && (draftMadeHere || turn.state.draft.itemId !== drink.itemId)) {
      turn.queue.push(drink); // one drink is specified at a time; this one is asked about next
      continue;
    }
    const outcome = await addDrink(turn, drink);
    if (outcome.added) added.push(outcome.added);
    else if (!outcome.failed && turn.state.draft) draftMadeHere = true;
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
export async function followUp(turn: Turn, changed: boolean) {
  if (turn.question) return;
  while (!turn.state.draft && turn.queue.length) {
    const next = turn.queue.shift()!;
    // Cups of one drink shared out in one sentence ("三杯…，一杯加椰果") take the options answered for the first.
    // So do drinks named bare in one breath ("两杯乌龙奶茶一杯珍珠奶茶" → "大杯半糖少冰").
    const previous = changed ? turn.state.cart.at(-1) : undefined;
    const bare = next.size === undefined && next.sugar === undefined && next.ice === undefined;
    if (previous && (bare || previous.itemId === next.itemId)) {
      next.size ??= previous.size;
      next.sugar ??= previous.sugar;
      next.ice ??= previous.ice;
    }
    const outcome = await addDrink(turn, next);
    if (outcome.added) {
      turn.focus = turn.state.cart.at(-1)?.lineId;
      turn.say(PHRASES.added);
      turn.say(describeLine(outcome.added, turn.lang) + turn.t('。', '.'));
    }
  }
  const draft = turn.state.draft;
  if (draft) turn.say(askMissing(draft, missingDraftFields(draft), turn.lang));
  else if (changed) turn.say(PHRASES.anythingElse);
}

/** "再来一杯一样的", "the same but medium": the line in focus again, with the changes said. */
export async function repeat(turn: Turn, quantity: number | null, badQuantity?: number, changes?: DrinkSpec) {
  if (badQuantity !== undefined) return turn.say(PHRASES.askQuantity);
  const { cart, draft } = turn.state;
  if (draft && changes) return modify(turn, { kind: 'implicit' }, { ...changes, ...(quantity !== null ? { quantity } : {}) }); // "a medium one" while one is being specified
  const source = cart.find((line) => line.lineId === turn.focus) ?? cart.at(-1);
  if (!source) return turn.say(turn.t('请问您要哪款饮品？', 'Which drink would you like?'));
  let toppings = [...(source.toppings ?? [])];
  if (changes?.noToppings) toppings = [];
  for (const id of changes?.addToppings ?? []) if (!toppings.includes(id)) toppings.push(id);
  toppings = toppings.filter((id) => !changes?.removeToppings.includes(id));
  const drink: DrinkSpec = {
    itemId: changes?.itemId ?? source.itemId,
    size: changes?.size ?? source.size,
    sugar: changes?.sugar ?? source.sugar,
    ice: changes?.ice ?? source.ice,
    addToppings: toppings,
    removeToppings: [],
    noToppings: toppings.length === 0,
    quantity: quantity ?? source.quantity ?? 1,
  };
  await order(turn, [drink]);
}
