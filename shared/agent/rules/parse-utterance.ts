import { matchPhrase } from './lexicon.ts';
import { buildDrinks } from './build-drinks.ts';
import { applyOption, isKw, newSpec, specIsEmpty, type Ctx } from './drink-spec.ts';
import { findEnglishSoundAlike, findSoundAlike } from './fuzzy-match.ts';
import type { DrinkSpec, Intent, LineRef, ParsedUtterance } from './intents.ts';
import type { Keyword } from './lexicon.ts';
import { normalizeText } from './normalize-text.ts';
import { tokenize, type Token } from './tokenize.ts';

// Text → intents with slots. Pure and synchronous: no state, no menu availability, no I/O.
// The dialogue policy (respond-with-rules.ts) decides what the intents mean for the session.

const INJECTION_RE =
  /(忽略|无视|忘记|忘掉).{0,8}(指令|指示|设定|规则|提示|要求)|系统提示|提示词|(价格|价钱|价|总价)\s*(改|设|变|调)\s*(成|为|到)|免费|(打|给我打|给个|来个).{0,3}折|折扣|优惠|便宜(一)?点|便宜些|少算|少收|减价|降价|不要钱|白送|^system\s*:|\bsystem\s*:|\btotal\s*(is|=|:)?\s*(0|zero|free)\b|\bcheaper\b|\bcoupon\b|\bon the house\b|\bgive me a deal\b|system prompt|system message|(system|your|the) instructions|ignore (all|any|the|your|previous|prior|above|earlier)|disregard|jailbreak|developer mode|you are now|pretend (to be|you are|you're)|act as (a|an|if)|(set|change|make|put) (the |all )?(price|total|cost)s?|\bfor free\b|\bdiscount\b|reveal (your|the)|(repeat|print|show) (the|your) (prompt|instructions|rules)/;
const INJECTION_GLOBAL = new RegExp(INJECTION_RE.source, 'g');
const TOPPINGS_QUESTION_RE =
  /(有|有哪些|有什么|有啥|都有啥|都有什么|能加什么|可以加什么|加什么).{0,4}(小料|配料|加料)|(小料|配料|加料).{0,4}(有|有哪些|有什么|有啥|都有)|what toppings|which toppings|toppings (do you|are there|have you)|any toppings|what (can|could) i add|what add-?ons/;
const COLD_ONLY_RE = /\bcold only\b|\bonly (cold|iced)\b|只(能)?做冷|只有冷|只有冰的|是冷饮吗/;
const HOT_QUESTION_RE =
  /(能|可以|能不能|可不可以|有没有|有)(做|要|做成|换成|来|是)?(热|温)(的|饮)?(吗|么|嘛|不|\?|$)|(热|温)的?(可以|行|有|能做|能)(吗|么|嘛|\?)|能做热|(^|\b)(can|could)\b.*\b(be|come|get|have|make)\b.*\b(hot|warm)\b|\b(is|does|do)\b.*\b(hot|warm)\b.*\?|\b(served|come|comes|available) (hot|warm)\b/;
const STATUS_REF_RE =
  /(?:^|[^0-9])(\d{1,6})\s*号|(?:订单|单号|取餐号|取餐码|order|pickup|ticket|number|#)\s*(?:number|code|no\.?|num|号码|号|是|:|#)?\s*#?\s*(\d{1,6})(?![0-9])/;
const ORDER_ID_RE = /(?:订单|order)\s*(?:id|编号|号)?\s*[:#]?\s*([a-z0-9]+(?:-[a-z0-9]+)+|[a-z][a-z0-9]{7,63})/;
const ASK_ITEM_RE = /有没有|有.{0,12}(吗|么|嘛|\?)|\b(do you|d'you) (have|sell|serve|make)\b|\bis there\b|\bare there\b/;

/** Change requests: "把第二杯改成大杯", "珍珠奶茶换成乌龙奶茶", "make it large", "change the taro to large". */
function buildChange(tokens: Token[], at: number): { target: LineRef; changes: DrinkSpec } {
  let target: LineRef = { kind: 'implicit' };
  const changes = newSpec();
  const ctx: Ctx = { corrected: true, negate: false };
  for (let k = 0; k < tokens.length; k += 1) {
    const token = tokens[k]!;
    if (token.t === 'ord') target = token.v === 'last' ? { kind: 'last' } : { kind: 'index', n: token.v };
    else if (isKw(token, 'all') && target.kind === 'implicit') target = { kind: 'all' };
    else if (token.t === 'item') {
      const isTarget = k < at || isKw(tokens[k + 1] ?? { t: 'generic' }, 'to') || isKw(tokens[k + 1] ?? { t: 'generic' }, 'one');
      if (isTarget && target.kind === 'implicit') target = { kind: 'item', itemId: token.id };
      else if (!isTarget) changes.itemId = token.id;
    } else if (token.t === 'topping' && k < at) {
      changes.removeToppings.push(token.id); // "布丁换成仙草": the topping before the change goes
    } else if (k > at || token.t === 'num' || token.t === 'bad_num') {
      if (token.t === 'kw' && (token.k === 'neg' || token.k === 'remove')) ctx.negate = true;
      else applyOption(changes, token, ctx);
    }
  }
  // "swap the pudding for grass jelly": the first topping named goes, the others come.
  if (
    changes.removeToppings.length === 0 &&
    changes.addToppings.length >= 2 &&
    isKw(tokens[at]!, 'change') &&
    tokens.slice(at + 1).findIndex((token) => token.t === 'topping') === tokens.slice(at + 1).findIndex((token) => token.t !== 'kw')
  ) {
    changes.removeToppings.push(changes.addToppings.shift()!);
  }
  return { target, changes };
}

function statusRef(text: string): { pickupCode?: string; orderId?: string } | null {
  const id = ORDER_ID_RE.exec(text);
  if (id && /\d/.test(id[1]!)) return { orderId: id[1]! };
  const match = STATUS_REF_RE.exec(text);
  if (match) return { pickupCode: String(Number(match[1] ?? match[2])) };
  return null;
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

function firstRef(refs: LineRef[]): LineRef | undefined {
  return refs[0];
}

/** One customer message → what they want, in order. */
export function parseUtterance(text: string): ParsedUtterance {
  const normalized = normalizeText(text);
  if (!INJECTION_RE.test(normalized)) return parseNormalized(normalized);
  // Bargaining or an injection inside a real order: the order is taken, the price part refused.
  const kept = normalized
    .split(/[,.;!?:]/)
    .map((clause) => {
      if (!INJECTION_RE.test(clause)) return clause;
      const rest = clause.replace(INJECTION_GLOBAL, ' ');
      return tokenize(rest).some((token) => token.t === 'item') ? rest : '';
    })
    .join(',');
  const rest = parseNormalized(kept);
  const useful = rest.intents.filter((intent) => !['off_topic', 'greet', 'thanks', 'no', 'yes', 'hold', 'number'].includes(intent.type));
  if (useful.length === 0) return { intents: [{ type: 'off_topic', injection: true }], normalized };
  return { intents: [{ type: 'refuse_price' }, ...useful], normalized };
}

function parseNormalized(normalized: string, soundFixed = false): ParsedUtterance {
  const intents: Intent[] = [];

  const unknown: string[] = [];
  const tokens = tokenize(normalized, unknown);
  for (const span of unknown) {
    const candidate = findSoundAlike(span);
    if (candidate?.sure && !soundFixed) return parseNormalized(normalized.replace(candidate.from, candidate.name), true);
    if (candidate) {
      return {
        intents: [{ type: 'did_you_mean', corrected: normalized.replace(candidate.from, candidate.name), kind: candidate.kind, id: candidate.id }],
        normalized,
      };
    }
  }
  // An order for something the menu does not have: "来一杯杨枝甘露" — said so, never another drink.
  const unheard = unknown.map((span) => unheardWords(normalized, span)).find((span) => span.length >= 2);
  if (unheard && !tokens.some((token) => token.t === 'item' || token.t === 'topping') && tokens.some((token) => token.t === 'num' && token.unit === 'cup')) {
    return { intents: [{ type: 'not_on_menu', heard: unheard }], normalized };
  }
  const english = findEnglishSoundAlike(normalized);
  if (english)
    return { intents: [{ type: 'did_you_mean', corrected: normalized.replace(english.from, english.name), kind: english.kind, id: english.id }], normalized };

  // "第一杯去冰，第二杯热的", "first one no ice, second one hot": one change per clause.
  if (!soundFixed && tokens.filter((token) => token.t === 'ord').length >= 2 && !tokens.some((token) => token.t === 'item')) {
    const clauses = normalized.split(/[,;.]/).filter((clause) => clause.trim());
    if (clauses.length >= 2) return { intents: clauses.flatMap((clause) => parseNormalized(clause, true).intents), normalized };
  }
  const kws = new Set<Keyword>();
  let changeAt = -1;
  let hasOrd = false;
  let hasGeneric = false;
  let items = 0;
  let hotToken = false;
  let cupNumber = false;
  for (const [index, token] of tokens.entries()) {
    if (token.t === 'kw') {
      kws.add(token.k);
      if (token.k === 'change' && changeAt < 0) changeAt = index;
    } else if (token.t === 'ord') hasOrd = true;
    else if (token.t === 'generic') hasGeneric = true;
    else if (token.t === 'item') items += 1;
    else if (token.t === 'ice' && token.v === 'hot') hotToken = true;
    else if (token.t === 'num' && token.unit === 'cup') cupNumber = true;
  }

  // Order status: "12号订单好了吗", "我的奶茶好了吗", "order 9999".
  const ref = kws.has('status') || kws.has('lineword') || /订单|order|#|号|取餐/.test(normalized) ? statusRef(normalized) : null;
  if ((kws.has('status') && !kws.has('checkout') && !cupNumber) || (ref && items === 0 && !kws.has('price'))) {
    if (ref || kws.has('status')) {
      intents.push({ type: 'status', ...(ref ?? {}) });
      return { intents, normalized };
    }
  }

  if (kws.has('clear')) {
    // "全部不要了，换成一杯…" / "start over: a medium…": the cart goes and the drinks named replace it.
    const replacement = buildDrinks(tokens).drinks.filter((drink) => drink.itemId);
    return { intents: [{ type: 'clear' }, ...(replacement.length ? [{ type: 'order' as const, drinks: replacement }] : [])], normalized };
  }
  if (TOPPINGS_QUESTION_RE.test(normalized) && items === 0) return { intents: [{ type: 'toppings' }], normalized };

  const built = buildDrinks(tokens);
  const drinkWithOptions = built.drinks.some((d) => d.size || d.sugar !== undefined || d.quantity !== undefined || d.addToppings.length > 0);

  if (kws.has('price')) {
    const drink = built.drinks[0] ?? null;
    intents.push({ type: 'price', drink: drink ?? (kws.has('total') || built.loose.itemId === undefined ? null : built.loose) });
    return { intents, normalized };
  }
  if (((hotToken && HOT_QUESTION_RE.test(normalized)) || COLD_ONLY_RE.test(normalized)) && !drinkWithOptions && !kws.has('recommend')) {
    return { intents: [{ type: 'hot_question', itemId: built.drinks[0]?.itemId ?? built.itemSwap ?? null }], normalized };
  }
  if (kws.has('recommend')) return { intents: [{ type: 'recommend', hot: hotToken }], normalized };
  if (kws.has('menu') && built.drinks.length === 0) return { intents: [{ type: 'menu' }], normalized };
  if (built.drinks.length > 0 && !drinkWithOptions && (kws.has('question') || kws.has('have')) && ASK_ITEM_RE.test(normalized)) {
    return { intents: [{ type: 'ask_item', itemIds: built.drinks.map((d) => d.itemId!) }], normalized };
  }

  // Changes to what is already ordered.
  if (changeAt >= 0 && !built.changeInMessage) {
    const { target, changes } = buildChange(tokens, changeAt);
    if (!specIsEmpty(changes)) intents.push({ type: 'modify', target, changes });
  } else if (kws.has('instead') && (built.drinks.length > 0 || built.itemSwap)) {
    const changes = built.drinks[0] ?? { ...built.loose, itemId: built.itemSwap! };
    intents.push({ type: 'modify', target: firstRef(built.refs) ?? { kind: 'implicit' }, changes });
  } else if (built.refItems.length > 0 && built.drinks.length === 0) {
    // "the matcha one: no sugar", "把抹茶那杯去掉".
    const target: LineRef = { kind: 'item', itemId: built.refItems[0]! };
    if (built.removedItems.length > 0 || (specIsEmpty(built.loose) && (kws.has('remove') || kws.has('cancel') || kws.has('neg'))))
      intents.push({ type: 'remove', target });
    else if (!specIsEmpty(built.loose)) {
      const { quantity, ...rest } = built.loose; // "make the taro a large": "a" is not a quantity change
      intents.push({ type: 'modify', target, changes: quantity === 1 ? (rest as DrinkSpec) : built.loose });
    } else intents.push({ type: 'line_ref', target });
  } else {
    const removal = kws.has('remove') || kws.has('neg');
    const toppingChange = built.loose.removeToppings.length > 0 || built.drinks.some((d) => d.removeToppings.length > 0);
    if (built.removedItems.length > 0) {
      for (const itemId of built.removedItems) intents.push({ type: 'remove', target: { kind: 'item', itemId } });
    } else if ((kws.has('remove') || (kws.has('cancel') && built.refs.length > 0)) && !toppingChange && built.drinks.length === 0 && specIsEmpty(built.loose)) {
      intents.push({ type: 'remove', target: firstRef(built.refs) ?? { kind: 'implicit' } });
    }
    if (built.drinks.length > 0) intents.push({ type: 'order', drinks: built.drinks });
    if (built.itemSwap)
      intents.push({ type: 'modify', target: firstRef(built.refs) ?? { kind: 'implicit' }, changes: { ...built.loose, itemId: built.itemSwap } });
    else if (!specIsEmpty(built.loose)) {
      const onlyNumber =
        tokens.length > 0 && tokens.every((t) => t.t === 'num' || t.t === 'bad_num' || (t.t === 'kw' && (t.k === 'sep' || t.k === 'more' || t.k === 'again')));
      const again = kws.has('again') || kws.has('same') || kws.has('more') || (tokens[0] !== undefined && isKw(tokens[0], 'sep'));
      const anotherWith =
        (kws.has('more') || kws.has('again')) && built.loose.quantity !== undefined && !hasOrd && built.refItems.length === 0 && tokens[0]?.t === 'kw';
      if (kws.has('same') || (again && onlyNumber && cupNumber) || anotherWith) {
        const { quantity: _quantity, badQuantity: _bad, ...changes } = built.loose;
        intents.push({
          type: 'repeat',
          quantity: built.loose.quantity ?? null,
          ...(built.loose.badQuantity !== undefined ? { badQuantity: built.loose.badQuantity } : {}),
          changes: { ...newSpec(), ...changes },
        });
      } else if (onlyNumber && !cupNumber && built.loose.quantity !== undefined) {
        intents.push({ type: 'number', value: built.loose.quantity });
      } else if (hasGeneric && built.drinks.length === 0) {
        intents.push({ type: 'which_item', drink: built.loose });
      } else if (kws.has('one') && built.loose.quantity !== undefined && !hasOrd && built.refItems.length === 0) {
        // "and a medium one with less sugar": another of the drink in focus, so changed.
        const { quantity, badQuantity: _bad, ...changes } = built.loose;
        intents.push({ type: 'repeat', quantity, changes: changes as DrinkSpec });
      } else if (kws.has('oneof')) {
        // "one of them without pudding": that many cups of the line become a line of their own.
        const { quantity, ...changes } = built.loose;
        intents.push({ type: 'modify', target: firstRef(built.refs) ?? { kind: 'implicit' }, changes: changes as DrinkSpec, splitOff: quantity ?? 1 });
      } else intents.push({ type: 'modify', target: firstRef(built.refs) ?? lineTarget(built.loose, built.allLines), changes: built.loose });
    } else if (kws.has('same') && built.drinks.length === 0) {
      intents.push({ type: 'repeat', quantity: null });
    } else if (hasGeneric && built.drinks.length === 0 && !kws.has('checkout') && !kws.has('cart') && !removal) {
      intents.push({ type: 'which_item', drink: built.loose });
    }
    if (intents.length === 0 && hasOrd && !removal) intents.push({ type: 'line_ref', target: firstRef(built.refs)! });
  }

  if (kws.has('hold') && intents.length === 0) return { intents: [{ type: 'hold' }], normalized };
  if (kws.has('cancel') && intents.length === 0) intents.push({ type: 'cancel_last' });
  if (kws.has('place')) intents.push({ type: 'place' });
  else if (kws.has('checkout')) intents.push({ type: 'checkout' });
  if (intents.length > 0) return { intents, normalized };

  if (kws.has('cart')) return { intents: [{ type: 'cart' }], normalized };
  const negative = kws.has('no') || kws.has('neg') || kws.has('correction');
  if (negative) return { intents: [{ type: 'no' }], normalized };
  if (kws.has('yes')) return { intents: [{ type: 'yes' }], normalized };
  if (kws.has('greet')) return { intents: [{ type: 'greet' }], normalized };
  if (kws.has('thanks')) return { intents: [{ type: 'thanks' }], normalized };
  return { intents: [{ type: 'off_topic', injection: false }], normalized };
}

/** An unrecognised span without the two characters the tokenizer adds after it when they start a known word. */
function unheardWords(text: string, span: string): string {
  const at = text.indexOf(span);
  const end = at + span.length;
  const trimmed = end < text.length || (end === text.length && matchPhrase(text, end - 2)) ? span.slice(0, -2) : span;
  return trimmed.replace(/[吧呀啊呢哦的了吗，。！？\s]+$/u, '');
}
