import { applyOption, isKw, newSpec, specIsEmpty, type Ctx } from '../drink-spec.ts';
import type { DrinkSpec, Intent, LineRef } from '../intents.ts';
import type { Token } from '../tokenize.ts';
import { utteranceFacts, type UtteranceFacts } from '../utterance-facts.ts';
import { addAfterRemoval, cupsFewer, cupsOfTheLine, withoutCount } from '../cups-of-a-line.ts';
import { namedSwap } from '../named-swap.ts';
import type { IntentClassifier } from './intent-classifier.ts';

// Drinks ordered, lines changed or removed, and the closing words said with them ("…，就这些").
// The most common kind of message, so the last of the specific rules.

/** Change requests: "把第二杯改成大杯", "珍珠奶茶换成乌龙奶茶", "make it large", "change the taro to large". */
function buildChange(tokens: Token[], at: number): { target: LineRef; changes: DrinkSpec } {
  let target: LineRef = { kind: 'implicit' };
  const changes = newSpec();
  const ctx: Ctx = { corrected: true, negate: false };
  for (let k = 0; k < tokens.length; k += 1) {
    const token = tokens[k]!;
    if (token.type === 'ord') target = token.value === 'last' ? { kind: 'last' } : { kind: 'index', n: token.value };
    else if (isKw(token, 'all') && target.kind === 'implicit') target = { kind: 'all' };
    else if (token.type === 'item') {
      const isTarget = k < at || isKw(tokens[k + 1] ?? { type: 'generic' }, 'to') || isKw(tokens[k + 1] ?? { type: 'generic' }, 'one');
      if (isTarget && target.kind === 'implicit') target = { kind: 'item', itemId: token.id, said: token.said };
      else if (!isTarget) changes.itemId = token.id;
    } else if (token.type === 'topping' && k < at) {
      changes.removeToppings.push(token.id); // "布丁换成仙草": the topping before the change goes
    } else if (k > at || token.type === 'num' || token.type === 'bad_num') {
      if (token.type === 'kw' && (token.keyword === 'neg' || token.keyword === 'remove')) ctx.negate = true;
      else applyOption(changes, token, ctx);
    }
  }
  // "swap the pudding for grass jelly": the first topping named goes, the others come.
  if (
    changes.removeToppings.length === 0 &&
    changes.addToppings.length >= 2 &&
    isKw(tokens[at]!, 'change') &&
    tokens.slice(at + 1).findIndex((token) => token.type === 'topping') === tokens.slice(at + 1).findIndex((token) => token.type !== 'kw')
  ) {
    changes.removeToppings.push(changes.addToppings.shift()!);
  }
  return { target, changes };
}

/** No line named: every line for "都 / both", the line with the topping for "椰果不要了", else the one in focus. */
function lineTarget(changes: DrinkSpec, allLines: boolean): LineRef {
  if (allLines) return { kind: 'all' };
  const only =
    changes.removeToppings.length === 1 &&
    changes.addToppings.length === 0 &&
    changes.size === undefined &&
    changes.sugar === undefined &&
    changes.ice === undefined &&
    changes.quantity === undefined;
  return only ? { kind: 'topping', toppingId: changes.removeToppings[0]! } : { kind: 'implicit' };
}

/** "the matcha one: no sugar", "把抹茶那杯去掉": a line named by its drink. */
function lineByName({ built, keywords }: UtteranceFacts): Intent[] {
  const [first] = built.refItems;
  const target: LineRef = { kind: 'item', itemId: first!.itemId, said: first!.said };
  if (built.removedItems.length > 0 || (specIsEmpty(built.loose) && (keywords.has('remove') || keywords.has('cancel') || keywords.has('neg'))))
    return [{ type: 'remove', target }];
  if (!specIsEmpty(built.loose)) {
    const { quantity, ...rest } = built.loose; // "make the taro a large": "a" is not a quantity change
    return [{ type: 'modify', target, changes: quantity === 1 ? rest : built.loose }];
  }
  return [{ type: 'line_ref', target }];
}

/** "少一杯", "one less", "remove one", "cancel two of them", "去掉一杯柠檬红茶": cups taken off a line, or null. */
function cupsTakenAway({ tokens, keywords, built }: UtteranceFacts): { cups?: number; target?: LineRef } | null {
  const removing = keywords.has('remove') || keywords.has('cancel');
  const fewer = cupsFewer(tokens);
  const [drink, ...others] = built.drinks;
  if (drink?.itemId && others.length === 0 && ((removing && removalComesFirst(tokens)) || fewer !== null)) {
    // "remove one lemon tea", "one less taro": the count and the drink name cups already ordered,
    // not a new drink; its size or sugar only describe it. A topping named is a topping change.
    if (drink.addToppings.length || drink.removeToppings.length || drink.noToppings) return null;
    const cups = fewer ?? drink.quantity;
    return { ...(cups !== undefined ? { cups } : {}), target: { kind: 'item', itemId: drink.itemId } };
  }
  if (drink) return null;
  if (fewer !== null) return { cups: fewer };
  if (!removing) return null;
  const { quantity, ...rest } = built.loose;
  if (!specIsEmpty(rest)) return null; // "remove the pudding": a topping, not cups
  const cups = cupsOfTheLine(tokens)?.count ?? quantity;
  return cups === undefined ? null : { cups };
}

/** True when a remove word comes before any drink's name. */
function removalComesFirst(tokens: Token[]): boolean {
  const remove = tokens.findIndex((token) => isKw(token, 'remove') || isKw(token, 'cancel'));
  const item = tokens.findIndex((token) => token.type === 'item');
  return remove >= 0 && remove < item;
}

/** The line a drink's name points at ("把柠檬红茶少一杯"), when one is named. */
function namedLine({ built }: UtteranceFacts): LineRef | null {
  const named = built.refItems[0] ?? built.removedItems[0];
  return named ? { kind: 'item', ...named } : null;
}

/** Options said with no drink named: a change to a line, another of the drink in focus, or a bare number. */
function looseOptions(facts: UtteranceFacts): Intent {
  const { built, keywords, tokens } = facts;
  const { loose } = built;
  const onlyNumber =
    tokens.length > 0 &&
    tokens.every(
      (t) => t.type === 'num' || t.type === 'bad_num' || (t.type === 'kw' && (t.keyword === 'sep' || t.keyword === 'more' || t.keyword === 'again')),
    );
  const again = keywords.has('again') || keywords.has('same') || keywords.has('more') || (tokens[0] !== undefined && isKw(tokens[0], 'sep'));
  const anotherWith =
    (keywords.has('more') || keywords.has('again')) &&
    loose.quantity !== undefined &&
    !facts.hasOrdinal &&
    built.refItems.length === 0 &&
    tokens[0]?.type === 'kw';
  const { quantity, badQuantity, quantityRange: _range, ...changes } = loose;
  if (keywords.has('another')) return { type: 'repeat', quantity: 1, changes: { ...newSpec(), ...changes } };
  if (keywords.has('same') || (again && onlyNumber && facts.hasCupCount) || anotherWith)
    return { type: 'repeat', quantity: quantity ?? null, ...(badQuantity !== undefined ? { badQuantity } : {}), changes: { ...newSpec(), ...changes } };
  if (onlyNumber && !facts.hasCupCount && quantity !== undefined) return { type: 'number', value: quantity };
  if (facts.hasGeneric && built.drinks.length === 0) return { type: 'which_item', drink: loose };
  // "and a medium one with less sugar": another of the drink in focus, so changed.
  if (keywords.has('one') && quantity !== undefined && !facts.hasOrdinal && built.refItems.length === 0) return { type: 'repeat', quantity, changes };
  // "one of them without pudding": that many cups of the line become a line of their own.
  const ref = built.refs[0];
  const some = cupsOfTheLine(tokens);
  if (some)
    return {
      type: 'modify',
      target: ref ?? { kind: 'implicit' },
      changes: { ...changes, ...(badQuantity !== undefined && some.at < 0 ? { badQuantity } : {}) },
      splitOff: some.at < 0 ? (quantity ?? 1) : some.count,
    };
  return { type: 'modify', target: ref ?? lineTarget(loose, built.allLines), changes: loose };
}

function ordersAndEdits(facts: UtteranceFacts): Intent[] {
  const { built, keywords } = facts;
  // "去掉一杯柠檬红茶，再加一杯乌龙奶茶": the drinks before "再加 / and add" go, those after come.
  const added = addAfterRemoval(facts.tokens);
  if (added > 0) {
    const part = (tokens: Token[]) => ordersAndEdits(utteranceFacts(facts.normalized, tokens));
    return [...part(facts.tokens.slice(0, added)), ...part(facts.tokens.slice(added + 1))];
  }
  const swap = namedSwap(facts.tokens);
  if (swap) {
    const target: LineRef = { kind: 'item', itemId: swap.from.id, ...(swap.from.said ? { said: swap.from.said } : {}) };
    return [{ type: 'modify', target, changes: { ...newSpec(), itemId: swap.to.id }, swap: true }];
  }
  const intents: Intent[] = [];
  const ref = built.refs[0];
  if (facts.changeAt >= 0 && !built.changeInMessage) {
    // "其中两杯改成无糖": two of the line's cups change; the count is not a new quantity.
    const some = cupsOfTheLine(facts.tokens);
    const { target, changes } = buildChange(withoutCount(facts.tokens, some?.at ?? -1), facts.changeAt);
    if (!specIsEmpty(changes)) intents.push({ type: 'modify', target, changes, ...(some ? { splitOff: some.count } : {}) });
    return intents;
  }
  if (keywords.has('instead') && (built.drinks.length > 0 || built.itemSwap)) {
    const changes = built.drinks[0] ?? { ...built.loose, itemId: built.itemSwap! };
    return [{ type: 'modify', target: ref ?? { kind: 'implicit' }, changes }];
  }
  const away = cupsTakenAway(facts);
  if (away) {
    const target = ref ?? away.target ?? namedLine(facts) ?? { kind: 'implicit' };
    return [{ type: 'remove', target, ...(away.cups !== undefined ? { cups: away.cups } : {}) }];
  }
  if (built.refItems.length > 0 && built.drinks.length === 0) return lineByName(facts);

  const removal = keywords.has('remove') || keywords.has('neg');
  const toppingChange = built.loose.removeToppings.length > 0 || built.drinks.some((d) => d.removeToppings.length > 0);
  if (built.removedItems.length > 0) {
    for (const removed of built.removedItems) intents.push({ type: 'remove', target: { kind: 'item', ...removed } });
  } else if (
    (keywords.has('remove') || (keywords.has('cancel') && built.refs.length > 0)) &&
    !toppingChange &&
    built.drinks.length === 0 &&
    specIsEmpty(built.loose)
  ) {
    intents.push({ type: 'remove', target: ref ?? { kind: 'implicit' } });
  }
  if (built.drinks.length > 0) intents.push({ type: 'order', drinks: built.drinks });
  if (built.itemSwap) intents.push({ type: 'modify', target: ref ?? { kind: 'implicit' }, changes: { ...built.loose, itemId: built.itemSwap } });
  else if (!specIsEmpty(built.loose)) intents.push(looseOptions(facts));
  else if (keywords.has('another') && built.drinks.length === 0) intents.push({ type: 'repeat', quantity: 1 });
  else if (keywords.has('same') && built.drinks.length === 0) intents.push({ type: 'repeat', quantity: null });
  else if (facts.hasGeneric && built.drinks.length === 0 && !keywords.has('checkout') && !keywords.has('cart') && !removal)
    intents.push({ type: 'which_item', drink: built.loose });
  if (intents.length === 0 && facts.hasOrdinal && !removal) intents.push({ type: 'line_ref', target: ref! });
  return intents;
}

export const orderAndEdits: IntentClassifier = {
  name: 'order and edits',
  classify(facts) {
    const intents = ordersAndEdits(facts);
    const { keywords } = facts;
    if (keywords.has('hold') && intents.length === 0) return [{ type: 'hold' }];
    if (keywords.has('cancel') && intents.length === 0) intents.push({ type: 'cancel_last' });
    if (keywords.has('place')) intents.push({ type: 'place' });
    else if (keywords.has('checkout')) intents.push({ type: 'checkout' });
    return intents.length ? intents : null;
  },
  examples: [
    { say: '两杯大杯珍珠奶茶半糖少冰', means: [{ type: 'order', drinks: [{ size: 'L', sugar: 50, ice: 'light', quantity: 2 }] }] },
    { say: '把第二杯改成大杯', means: [{ type: 'modify', target: { kind: 'index', n: 2 }, changes: { size: 'L' } }] },
    { say: 'the matcha one, no sugar', means: [{ type: 'modify', target: { kind: 'item' }, changes: { sugar: 0 } }] },
    { say: '删除第二杯', means: [{ type: 'remove', target: { kind: 'index', n: 2 } }] },
    { say: 'one of them without pudding', means: [{ type: 'modify', splitOff: 1 }] },
    { say: '其中两杯改成无糖', means: [{ type: 'modify', changes: { sugar: 0 }, splitOff: 2 }] },
    { say: '少一杯', means: [{ type: 'remove', cups: 1 }] },
    { say: 'remove two of them', means: [{ type: 'remove', cups: 2 }] },
    { say: 'not the taro, the matcha latte', means: [{ type: 'modify', target: { kind: 'item' }, swap: true }] },
    { say: '等一下', means: [{ type: 'hold' }] },
    { say: '就这些', means: [{ type: 'checkout' }] },
    { say: 'a large lemon tea, no sugar, no ice, that is all', means: [{ type: 'order', drinks: [{}] }, { type: 'checkout' }] },
  ],
};
