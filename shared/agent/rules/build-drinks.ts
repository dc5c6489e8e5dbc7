import { OPTION_TYPES, applyOption, cloneSpec, conflicts, isKw, lacks, mergeInto, newSpec, specIsEmpty, type Ctx } from './drink-spec.ts';
import { menuInScope } from '../menu-scope.ts';
import type { DrinkSpec, LineRef } from './intents.ts';
import type { Token } from './tokenize.ts';

// Tokens → the drinks of one message. Segments are split at commas and "再来 / and"; a segment
// without a drink name adds to the drinks before it: "三杯奶绿，一杯加椰果，其余不加" splits the
// three into lines, "two lattes, one hot one iced" too, "都要少冰" / "both less ice" reaches every
// drink of the message, and options said after several bare drinks fill each of them.

export type Built = {
  drinks: DrinkSpec[];
  loose: DrinkSpec;
  /** Drinks named to be taken off, with the words heard for them. */
  removedItems: { itemId: string; said?: string }[];
  /** Drinks referred to, not ordered: "the matcha one", "抹茶那杯". */
  refItems: { itemId: string; said?: string }[];
  refs: LineRef[];
  correction: boolean;
  itemSwap: string | undefined;
  /** "都 / both / all" in a message that names no new drink: every line of the order. */
  allLines: boolean;
  /** "换成 / change" about a drink ordered earlier in this same message. */
  changeInMessage: boolean;
};

const isCount = (token: Token | undefined): token is Extract<Token, { type: 'num' | 'bad_num' }> =>
  token !== undefined && (token.type === 'num' || token.type === 'bad_num');
const isNegation = (token: Token | undefined) =>
  token !== undefined && token.type === 'kw' && (token.keyword === 'neg' || token.keyword === 'remove' || token.keyword === 'cancel');
const pronounOne = (token: Token | undefined) => token?.type === 'num' && token.value === 1 && token.unit === 'none';
const SHARED_FIELDS = new Set(['size', 'sugar', 'pct', 'ice']);

/** True when, from `index`, only quantity/size words lie before the next drink name in this segment. */
function leadsToItem(segment: Token[], index: number): boolean {
  for (let k = index + 1; k < segment.length; k += 1) {
    const token = segment[k]!;
    if (token.type === 'item') return true;
    if (token.type !== 'num' && token.type !== 'size' && token.type !== 'bad_num') return false;
  }
  return false;
}

/** Options (and 不要/without before a topping) of a piece of a segment, onto one drink. */
function applyTokens(spec: DrinkSpec, tokens: Token[], ctx: Ctx) {
  const local: Ctx = { corrected: ctx.corrected, negate: false };
  for (const [index, token] of tokens.entries()) {
    if (isNegation(token)) {
      const previous = tokens[index - 1];
      if (previous?.type === 'topping' && !OPTION_TYPES.has(tokens[index + 1]?.type ?? '')) {
        spec.addToppings = spec.addToppings.filter((id) => id !== previous.id);
        if (!spec.removeToppings.includes(previous.id)) spec.removeToppings.push(previous.id);
      } else local.negate = true;
      continue;
    }
    if (OPTION_TYPES.has(token.type)) applyOption(spec, token, local);
    if (token.type !== 'topping' && token.type !== 'kw') local.negate = false;
  }
}

export function buildDrinks(tokens: Token[]): Built {
  const built: Built = {
    drinks: [],
    loose: newSpec(),
    removedItems: [],
    refItems: [],
    refs: [],
    correction: false,
    itemSwap: undefined,
    allLines: false,
    changeInMessage: false,
  };
  const ctx: Ctx = { corrected: false, negate: false };
  let last: DrinkSpec | null = null;
  let segment: Token[] = [];
  let swapNext = false;
  let sawMore = false;
  /** The segment being read follows "再来 / and another": a drink named there is another cup. */
  let afterMore = false;
  /** A drink of several cups being shared out: "三杯…，一杯加椰果，其余不加". */
  let split: { source: DrinkSpec; base: DrinkSpec } | null = null;

  /** "一杯加椰果" / "one hot one iced" / "a medium one too" after a drink of this message. */
  const countGroups = (tokens: Token[]) => {
    const groups: { count: Extract<Token, { type: 'num' | 'bad_num' }>; options: Token[] }[] = [];
    for (const token of tokens) {
      if (isCount(token)) groups.push({ count: token, options: [] });
      else groups.at(-1)?.options.push(token);
    }
    for (const { count, options } of groups) {
      const n = count.value;
      if (!split && last!.quantity !== undefined && last!.quantity >= 2) split = { source: last!, base: cloneSpec(last!) };
      if (split && Number.isInteger(n) && n >= 1 && n < split.source.quantity!) {
        const piece = { ...cloneSpec(split.base), quantity: n };
        applyTokens(piece, options, ctx);
        built.drinks.splice(built.drinks.indexOf(split.source), 0, piece);
        split.source.quantity! -= n;
      } else if (split && n === split.source.quantity) {
        applyTokens(split.source, options, ctx);
      } else if (!split && options.some((token) => conflicts(last!, token))) {
        const piece = { ...cloneSpec(last!), quantity: n };
        applyOption(piece, count, ctx);
        applyTokens(piece, options, { ...ctx, corrected: true });
        built.drinks.push(piece);
        last = piece;
      } else {
        if (last!.quantity === undefined) applyOption(last!, count, ctx);
        applyTokens(last!, options, ctx);
      }
    }
  };

  const flush = () => {
    if (segment.length === 0) return;
    // "其中一杯加布丁" after "珍珠奶茶来俩": one cup of them.
    if (last) segment = segment.map((token) => (isKw(token, 'oneof') ? { type: 'num', value: 1, unit: 'cup' } : token));
    const hasItem = segment.some(
      (token, index) =>
        token.type === 'item' && !isKw(segment[index + 1] ?? { type: 'generic' }, 'one') && !isKw(segment[index - 1] ?? { type: 'generic' }, 'onthe'),
    );
    const all = segment.some((token) => isKw(token, 'all'));
    const correcting = segment.some((token) => isKw(token, 'correction') || isKw(token, 'hold'));
    const firstOption = segment.find((token) => token.type !== 'kw');
    if (last && segment.some((token) => isKw(token, 'change')) && (last.quantity !== undefined || last.size || last.sugar !== undefined || last.ice))
      built.changeInMessage = true;
    if (!hasItem && last && !correcting && !segment.some((token) => token.type === 'ord' || token.type === 'item')) {
      // ("要两杯一样的" alone is how many of it, handled below.)
      if (segment.some((token) => isKw(token, 'same')) && (sawMore || segment.some((token) => token.type !== 'kw' && !isCount(token)))) {
        // "…, and one more the same but with half sugar": another drink like the last, changed.
        const count = segment.find(isCount);
        const piece = { ...cloneSpec(last), quantity: count?.type === 'num' && count.value >= 1 ? count.value : 1 };
        applyTokens(
          piece,
          segment.filter((token) => !isCount(token)),
          { ...ctx, corrected: true },
        );
        built.drinks.push(piece);
        last = piece;
        split = null;
      } else if (segment.some((token) => isKw(token, 'rest')) && split) applyTokens(split.source, segment, ctx);
      else if (isCount(firstOption)) countGroups(segment);
      else if (all && built.drinks.length > 1) for (const drink of built.drinks) applyTokens(drink, segment, { ...ctx, corrected: true });
      else if (built.drinks.length > 1) {
        // "两杯乌龙一杯珍珠，大杯，半糖": each drink of the message that has no size/sugar/ice yet.
        const rest: Token[] = [];
        for (const token of segment) {
          const lacking = SHARED_FIELDS.has(token.type) ? built.drinks.filter((drink) => lacks(drink, token)) : [];
          if (lacking.length) for (const drink of lacking) applyOption(drink, token, { ...ctx });
          else rest.push(token);
        }
        applyTokens(last, rest, ctx);
      } else applyTokens(last, segment, ctx);
      segment = [];
      return;
    }
    if (!hasItem && all && !last) built.allLines = true;
    const firstItem = segment.findIndex((token) => token.type === 'item');
    const firstCount = segment.findIndex(isCount);
    const countsFollow = firstItem >= 0 && firstCount > firstItem; // "柠檬红茶三杯抹茶拿铁一杯"
    let pre = newSpec();
    let current: DrinkSpec | null = null;
    let previous: Token | undefined;
    let namedHere = false;
    let skip = -1;
    for (const [index, token] of segment.entries()) {
      if (index === skip) continue;
      const before = previous;
      previous = token;
      if (token.type === 'kw') {
        if (token.keyword === 'neg' || token.keyword === 'remove' || token.keyword === 'cancel') {
          const next = segment[index + 1];
          const ends = next === undefined || (next.type === 'kw' && !isNegation(next));
          if (before?.type === 'topping' && ends) {
            // "椰果不要了", "pudding, remove it": the topping just named is taken off.
            const spec = current ?? built.loose;
            spec.addToppings = spec.addToppings.filter((id) => id !== before.id);
            if (!spec.removeToppings.includes(before.id)) spec.removeToppings.push(before.id);
            continue;
          }
          if ((before?.type === 'item' || (before?.type === 'kw' && before.keyword === 'one')) && ends && current) {
            // "抹茶拿铁不要了", "把抹茶那杯去掉": that drink is removed, not ordered.
            built.drinks = built.drinks.filter((drink) => drink !== current);
            built.removedItems.push({ itemId: current.itemId!, ...(before?.type === 'item' && before.said ? { said: before.said } : {}) });
            last = built.drinks.at(-1) ?? null;
            current = null;
            continue;
          }
          if (token.keyword !== 'cancel' || next?.type === 'item' || isKw(next ?? { type: 'generic' }, 'onthe')) ctx.negate = true;
        } else if (token.keyword === 'change' && last && (last.quantity !== undefined || last.size || last.sugar !== undefined || last.ice)) {
          // "…一杯中杯的芋泥奶茶，哦不对，芋泥换成乌龙奶茶": the drink just ordered, another item.
          built.changeInMessage = true;
          ctx.corrected = true;
          swapNext = true;
          current = null;
        } else if (token.keyword === 'correction' || (token.keyword === 'hold' && (last || !specIsEmpty(built.loose)))) {
          ctx.corrected = true;
          built.correction = true;
          swapNext = true;
        }
        continue;
      }
      if (token.type === 'ord') {
        built.refs.push(token.value === 'last' ? { kind: 'last' } : { kind: 'index', n: token.value });
        continue;
      }
      const madeWith = token.type === 'topping' ? drinkMadeWith(token.id) : undefined;
      if (madeWith && isKw(segment[index + 1] ?? { type: 'generic' }, 'one')) {
        built.refItems.push({ itemId: madeWith }); // "the pearl one": the drink made with that topping
        current = built.loose;
        continue;
      }
      const includes = token.type === 'item' ? (menuInScope().item(token.id)?.includes ?? []) : [];
      if (includes.length && before?.type === 'item' && current) {
        // "taro bubble tea", "matcha boba": the first drink, with what the second is made with.
        for (const topping of includes) if (!current.addToppings.includes(topping)) current.addToppings.push(topping);
        continue;
      }
      if (token.type === 'item') {
        const named = built.drinks.filter((drink) => drink.itemId === token.id);
        if (
          named.length === 1 &&
          built.drinks.length > 1 &&
          specIsEmpty(pre) &&
          !swapNext &&
          !afterMore &&
          (!(countsFollow || isCount(segment[index + 1])) || pronounOne(segment[index + 1]))
        ) {
          // "…都是半糖 乌龙要少冰 抹茶要热的", "the lemon one hot": options for a drink already named here.
          current = named[0]!;
          namedHere = true;
          if (pronounOne(segment[index + 1])) skip = index + 1; // "the lemon one hot": that "one" is the drink
          continue;
        }
        if (ctx.negate) {
          built.removedItems.push({ itemId: token.id, ...(token.said ? { said: token.said } : {}) });
          ctx.negate = false;
          continue;
        }
        if ((isKw(segment[index + 1] ?? { type: 'generic' }, 'one') && !countsFollow) || (before?.type === 'kw' && before.keyword === 'onthe')) {
          // "the matcha one", "抹茶那杯": a drink already ordered.
          built.refItems.push({ itemId: token.id, ...(token.said ? { said: token.said } : {}) });
          current = built.loose;
          continue;
        }
        if (swapNext && last) {
          // "珍珠奶茶，不对，乌龙奶茶": the same drink, another item.
          last.itemId = token.id;
          mergeInto(last, pre);
          current = last;
        } else if (swapNext && !last && !specIsEmpty(built.loose)) {
          // "two medium, no wait, large oolong milk teas": the options said before are this drink's.
          current = { ...built.loose, itemId: token.id };
          mergeInto(current, pre);
          built.loose = newSpec();
          built.drinks.push(current);
          last = current;
        } else if (swapNext && !last) {
          built.itemSwap = token.id;
          mergeInto(built.loose, pre);
          current = built.loose;
        } else if (!last && !sawMore && !specIsEmpty(built.loose) && built.loose.removeToppings.length === 0) {
          // "large, less sugar, a matcha latte": options said first in this message are the drink's.
          current = { ...built.loose, itemId: token.id };
          mergeInto(current, pre);
          built.loose = newSpec();
          built.drinks.push(current);
          last = current;
          split = null;
        } else {
          current = { ...pre, itemId: token.id };
          built.drinks.push(current);
          last = current;
          split = null;
        }
        pre = newSpec();
        swapNext = false;
        continue;
      }
      if (!OPTION_TYPES.has(token.type)) continue;
      if (!hasItem && !namedHere) {
        if (all && built.drinks.length > 1) for (const drink of built.drinks) applyOption(drink, token, { ...ctx });
        else applyOption(last ?? built.loose, token, ctx);
      } else if (!current || (!(countsFollow && isCount(token)) && (isCount(token) || token.type === 'size') && leadsToItem(segment, index))) {
        applyOption(pre, token, ctx);
      } else applyOption(current, token, ctx);
      if (token.type !== 'topping') ctx.negate = false;
    }
    if (!specIsEmpty(pre)) mergeInto(last ?? built.loose, pre);
    // "…，都要中杯半糖" after the last drink named in this segment reaches every drink of the message.
    if (all && hasItem && built.drinks.length > 1 && current) {
      // Up to the next drink named: "都是半糖 乌龙要少冰" shares only the sugar.
      const allAt = segment.findIndex((token) => isKw(token, 'all'));
      const nextItem = segment.findIndex((token, k) => k > allAt && token.type === 'item');
      const shared =
        allAt >= 0 && nextItem > allAt && segment.slice(0, allAt).some((token) => token.type === 'item')
          ? segment.slice(allAt + 1, nextItem)
          : segment.slice(segment.lastIndexOf(segment.filter((token) => token.type === 'item').at(-1)!) + 1);
      for (const drink of built.drinks)
        if (drink !== current)
          applyTokens(
            drink,
            shared.filter((token) => !isCount(token)),
            { ...ctx, corrected: true },
          );
    }
    segment = [];
  };

  for (const [index, token] of tokens.entries()) {
    if (isKw(token, 'more') && tokens[index + 1]?.type === 'topping') continue; // "其中一杯再加芋圆": a topping, not another drink
    if (isKw(token, 'more')) {
      flush();
      afterMore = true;
      sawMore = true;
      swapNext = false;
      ctx.corrected = false;
    } else if (isKw(token, 'sep')) {
      flush();
      afterMore = false;
    } else {
      if (startsShareOut(segment, token, tokens[index + 1])) flush();
      segment.push(token);
    }
  }
  flush();
  return built;
}

/**
 * Where a comma would be in speech-to-text without punctuation: "two lemon teas one large one
 * medium both no sugar" is "two lemon teas, one large, one medium, both no sugar". A count after a
 * drink that has its own count shares its cups out; "both / 都" after that share-out is for all.
 */
function startsShareOut(segment: Token[], token: Token, next: Token | undefined): boolean {
  const item = segment.findIndex((t) => t.type === 'item');
  if (isKw(token, 'all')) return item < 0 && segment.some(isCount);
  if (!(isCount(token) || isKw(token, 'oneof')) || next?.type === 'item' || next?.type === 'generic') return false;
  // The drink's own count is before its name ("two lemon teas") or right after it ("芒芒甘露两杯").
  return item >= 0 && (segment.slice(0, item).some(isCount) || (isCount(segment[item + 1]) && segment.length > item + 1));
}

/** The one drink of the menu made with this topping ("the pearl one"), if exactly one is. */
function drinkMadeWith(toppingId: string): string | undefined {
  const drinks = menuInScope().items.filter((item) => item.includes?.includes(toppingId));
  return drinks.length === 1 ? drinks[0]!.id : undefined;
}
