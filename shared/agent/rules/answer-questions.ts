import { missingDraftFields, type ValidDraft } from '../../sessions/session-types.ts';
import { PHRASES, addedZh, askMissing, describeLookup, toppingName } from '../replies/rule-replies.ts';
import type { ToolInput } from '../tools/tool-definitions.ts';
import type { ToolData } from '../tools/tool-runner.ts';
import { newSpec } from './drink-spec.ts';
import { optionNames } from './menu-names.ts';
import type { DrinkSpec } from './intents.ts';
import { speakYuan, type Turn } from './rule-turn.ts';
import { WARM_ICE_IDS } from '../../menu/catalog.ts';
import { menuInScope } from '../menu-scope.ts';
import { priceTag } from '../../money.ts';
import { checkout } from './checkout-flow.ts';

// The offline agent's answers to questions (menu, prices, recommendations, hot or cold, order
// status): read-only tools, never a change to the order.

type MenuData = ToolData<'show_menu'>;
type PriceList = MenuData['items'][number]['prices'];

/** "中杯15/大杯18", "medium 15, large 18": a drink's prices in its own sizes. */
function priceList(turn: Turn, prices: PriceList, style: 'short' | 'long' = 'short'): string {
  return prices
    .map((price) =>
      turn.lang === 'zh' ? `${style === 'short' ? price.name.slice(0, 1) : price.name}${speakYuan(price.price)}` : `${price.name} ${speakYuan(price.price)}`,
    )
    .join(turn.lang === 'zh' ? (style === 'short' ? '/' : '、') : ', ');
}

/** The drinks to recommend: the first of each category in menu order, then the rest. */
function recommended(data: MenuData): MenuData['items'] {
  const firsts = new Map<string, MenuData['items'][number]>();
  const menu = menuInScope();
  for (const item of data.items) {
    const category = menu.item(item.id)?.category?.en ?? '';
    if (!firsts.has(category)) firsts.set(category, item);
  }
  return [...firsts.values(), ...data.items.filter((item) => ![...firsts.values()].includes(item))];
}

async function loadMenu(turn: Turn): Promise<ToolData<'show_menu'> | null> {
  const result = await turn.run('show_menu');
  return result.ok ? result.data : null;
}

export async function menu(turn: Turn) {
  const data = await loadMenu(turn);
  if (!data) return turn.say(PHRASES.notUnderstood);
  const available = data.items.filter((item) => item.available);
  const soldOut = data.items.filter((item) => !item.available);
  const items = available.map((item) => turn.t(`${item.name}（${priceList(turn, item.prices)}）`, `${item.name} (${priceList(turn, item.prices)})`));
  const toppings = data.toppings.map((topping) =>
    turn.t(`${topping.name}${speakYuan(topping.price)}`, `${topping.name.toLowerCase()} ${speakYuan(topping.price)}`),
  );
  turn.say(turn.t(`我们有：${items.join('、')}。小料：${toppings.join('、')}。`, `We have: ${items.join(', ')}. Toppings: ${toppings.join(', ')}.`));
  if (soldOut.length)
    turn.say(turn.t(`今天${soldOut.map((item) => item.name).join('、')}卖完了。`, `Sold out today: ${soldOut.map((item) => item.name).join(', ')}.`));
  turn.say(turn.t('想喝点什么？', 'What would you like?'));
}

export async function price(turn: Turn, drink: DrinkSpec | null) {
  const draft = turn.state.draft;
  if (!drink?.itemId && draft?.itemId) return priceOfDraft(turn, { ...draft, itemId: draft.itemId });
  if (!drink?.itemId) {
    const result = await turn.run('show_cart');
    const data = result.ok ? result.data : null;
    if (!data || data.lines.length === 0) return turn.say(PHRASES.emptyCart);
    return turn.say(turn.t(`目前合计${speakYuan(data.total)}。`, `Your total so far is ${speakYuan(data.total)}.`));
  }
  await quote(turn, drink.itemId, drink);
  turn.offered = { itemId: drink.itemId, ...(drink.size ? { size: drink.size } : {}) };
}

/** "how much is that?" while a drink is half-described: its price as said so far, the cart's total, then what it still needs. */
async function priceOfDraft(turn: Turn, draft: ValidDraft & { itemId: string }) {
  const { itemId, size, toppings, quantity } = draft;
  await quote(turn, itemId, { ...newSpec(), addToppings: toppings, quantity, ...(size ? { size } : {}) });
  const cart = await turn.run('show_cart');
  if (cart.ok && cart.data.lines.length > 0) {
    turn.say(turn.t(`已点的合计${speakYuan(cart.data.total)}。`, `The rest of your order comes to ${speakYuan(cart.data.total)}.`));
  }
  turn.say(askMissing(draft, missingDraftFields(draft), turn.lang));
}

/** One drink's price in each size it can have (one size when it is said), with its toppings and cups. */
async function quote(turn: Turn, itemId: string, drink: DrinkSpec) {
  const args: ToolInput<'quote_price'> = { itemId, toppings: drink.addToppings };
  if (drink.size) args.size = drink.size;
  if (drink.quantity) args.quantity = drink.quantity;
  const result = await turn.run('quote_price', args);
  if (!result.ok) return turn.say(PHRASES.notUnderstood);
  const { data } = result;
  const extras = drink.addToppings.length
    ? turn.t(addedZh(drink.addToppings.map((id) => toppingName(id, 'zh'))), ` with ${drink.addToppings.map((id) => toppingName(id, 'en')).join(' and ')}`)
    : '';
  const quantity = drink.quantity && drink.quantity > 1 ? drink.quantity : 0;
  const parts = data.prices.map((p) => {
    const amount = speakYuan(quantity ? p.total : p.unitPrice);
    return turn.t(`${p.sizeName}${amount}`, `${p.sizeName} ${amount}`);
  });
  turn.say(
    turn.t(
      `${quantity ? `${quantity}杯` : ''}${data.name}${extras}：${parts.join('，')}。`,
      `${quantity ? `${quantity} × ` : ''}${data.name}${extras}: ${parts.join(', ')}.`,
    ),
  );
  if (!data.available) turn.say(turn.t('不过今天卖完了。', 'It is sold out today, though.'));
}

/** "what's the cheapest?": the available drinks at the lowest (or highest) price, which the next message can pick. */
export async function priceRank(turn: Turn, rank: 'cheapest' | 'dearest') {
  const data = await loadMenu(turn);
  if (!data) return turn.say(PHRASES.notUnderstood);
  // Cheapest by a drink's smallest size, dearest by its largest: the prices a customer compares.
  const menu = menuInScope();
  const priceOf = (item: MenuData['items'][number]) => {
    const entry = menu.item(item.id)!;
    const amounts = menu.sizesOf(entry).map((size) => entry.prices[size]!);
    return rank === 'cheapest' ? Math.min(...amounts) : Math.max(...amounts);
  };
  const available = data.items.filter((item) => item.available && item.prices.length > 0);
  if (available.length === 0) return turn.say(turn.t('抱歉，今天的饮品都卖完了。', 'Sorry, everything is sold out today.'));
  const best = rank === 'cheapest' ? Math.min(...available.map(priceOf)) : Math.max(...available.map(priceOf));
  const picks = available.filter((item) => priceOf(item) === best).slice(0, 3);
  turn.recommended = picks.map((item) => item.id);
  const listed = picks.map((item) =>
    turn.t(`${item.name}（${priceList(turn, item.prices, 'long')}）`, `${item.name} (${priceList(turn, item.prices, 'long')})`),
  );
  const which = rank === 'cheapest' ? turn.t('最便宜的是', 'Our cheapest drink is ') : turn.t('最贵的是', 'Our most expensive drink is ');
  const plural = rank === 'cheapest' ? 'Our cheapest drinks are ' : 'Our most expensive drinks are ';
  turn.say(
    turn.t(
      `${which}${listed.join('和')}。要来一杯吗？`,
      `${picks.length > 1 ? plural : which}${listed.join(' and ')}. Would you like ${picks.length > 1 ? 'one of them' : 'one'}?`,
    ),
  );
}

export async function recommend(turn: Turn, hot: boolean, except?: string) {
  const data = await loadMenu(turn);
  if (!data) return turn.say(PHRASES.notUnderstood);
  const picks = recommended(data)
    .filter((item) => item.available && item.id !== except && (!hot || item.hot))
    .slice(0, 3);
  if (picks.length === 0) return turn.say(turn.t('抱歉，今天推荐的饮品都卖完了。', 'Sorry, our favourites are sold out today.'));
  turn.recommended = picks.map((item) => item.id);
  const names = picks.map((item) => item.name);
  turn.say(turn.t(`推荐${names.join('、')}。`, `I'd recommend ${names.join(', ')}.`));
}

/** "anything with cheese foam?": the drinks that include it or whose names say they are made with it, then that it can be added. */
export async function withTopping(turn: Turn, toppingIds: string[]) {
  const menu = menuInScope();
  const toppings = toppingIds.flatMap((id) => menu.topping(id) ?? []);
  const made = menu.items.filter((item) => {
    if (menu.isSoldOut(item.id)) return false;
    if (item.includes?.some((id) => toppingIds.includes(id))) return true;
    const own = optionNames(item);
    return toppings.some((topping) => optionNames(topping).some((word) => word.length >= 2 && own.some((name) => name.includes(word))));
  });
  const list = (items: readonly { name: { zh: string; en: string } }[], zh: string, en: string) =>
    items.map((entry) => entry.name[turn.lang]).join(turn.t(zh, en));
  const extras = toppingPrices(turn, toppings);
  if (made.length === 0) {
    return turn.say(
      turn.t(
        `有的，${extras.join('、')}，可以加到饮品里。想要哪款饮品？`,
        `Yes, we have ${extras.join(' and ')} to add to a drink. Which drink would you like?`,
      ),
    );
  }
  const addable = turn.t(`也可以加${extras.join('、')}到饮品里。`, `You can also add ${extras.join(' or ')} to a drink.`);
  turn.recommended = made.slice(0, 6).map((item) => item.id);
  turn.say(
    turn.t(
      `带${list(toppings, '、', ', ')}的有：${list(made.slice(0, 6), '、', ', ')}。${addable}想要哪一款？`,
      `With ${list(toppings, ' or ', ' or ').toLowerCase()}: ${list(made.slice(0, 6), '、', ', ')}. ${addable} Which would you like?`,
    ),
  );
}

/** "有的，椰果¥2。": the toppings asked about are on the menu, with their prices. */
export function toppingsInStock(turn: Turn, toppingIds: string[]) {
  const menu = menuInScope();
  const extras = toppingPrices(
    turn,
    toppingIds.flatMap((id) => menu.topping(id) ?? []),
  );
  turn.say(turn.t(`有的，${extras.join('、')}。`, `Yes, we have ${extras.join(' and ')}.`));
}

function toppingPrices(turn: Turn, toppings: readonly { name: { zh: string; en: string }; price: number }[]): string[] {
  return toppings.map((topping) => turn.t(`${topping.name.zh}${priceTag(topping.price)}`, `${topping.name.en.toLowerCase()} (${priceTag(topping.price)})`));
}

/** The drinks of one menu category that are not sold out, as picks the next message can choose by number. */
export async function listCategory(turn: Turn, category: string) {
  const menu = menuInScope();
  const items = menu.items.filter((item) => item.category?.en === category && !menu.isSoldOut(item.id)).slice(0, 6);
  if (items.length === 0) return turn.say(turn.t('抱歉，这一类今天都卖完了。', 'Sorry, those are sold out today.'));
  turn.recommended = items.map((item) => item.id);
  const label = items[0]!.category!;
  turn.say(
    turn.t(
      `${label.zh}有：${items.map((item) => item.name.zh).join('、')}。想要哪一款？`,
      `${label.en}: ${items.map((item) => item.name.en).join(', ')}. Which would you like?`,
    ),
  );
}

export async function hotQuestion(turn: Turn, asked: string | null) {
  const itemId = asked ?? turn.state.draft?.itemId ?? turn.state.cart.at(-1)?.itemId;
  const data = await loadMenu(turn);
  if (!data) return turn.say(PHRASES.notUnderstood);
  if (!itemId) {
    const cold = data.items.filter((item) => !item.hot).map((item) => item.name);
    return turn.say(turn.t(`除了${cold.join('、')}只做冷饮，其他都可以做热的。`, `Everything can be hot except ${cold.join(', ')}, which are cold only.`));
  }
  const item = data.items.find((entry) => entry.id === itemId)!;
  if (asked && !turn.state.draft && !turn.state.cart.some((line) => line.itemId === asked)) turn.offered = { itemId: asked }; // not one already ordered
  if (item.hot) return turn.say(turn.t(`可以，${item.name}可以做热的。`, `Yes, ${item.name} can be served hot.`));
  turn.say(turn.t(`${item.name}只做冷饮，可以选常温或去冰。`, `${item.name} is cold only; room temperature or no ice is possible.`));
}

/** "能做冰的吗": the drink's cold choices, or that it is served warm or hot only. */
export async function icedQuestion(turn: Turn, itemId: string) {
  const menu = menuInScope();
  const item = menu.item(itemId)!;
  const cold = menu.iceOf(item).filter((id) => !WARM_ICE_IDS.includes(id));
  const names = (ids: string[]) => ids.map((id) => menu.iceLevel(id)!.name[turn.lang]).join(turn.t('或', ' or '));
  const name = item.name[turn.lang];
  if (!turn.state.draft && !turn.state.cart.some((line) => line.itemId === itemId)) turn.offered = { itemId };
  if (cold.length) return turn.say(turn.t(`可以，${name}可以选${names(cold)}。`, `Yes, ${name} can be ${names(cold)}.`));
  turn.say(turn.t(`${name}只能选${names(menu.iceOf(item))}。`, `${name} can only be ${names(menu.iceOf(item))}.`));
}

/** "what's in the taro milk tea?": what the menu says of it (kind, prices, what it includes, its note); "yes" then orders it. */
export async function describeItem(turn: Turn, itemId: string) {
  const data = await loadMenu(turn);
  const listed = data?.items.find((entry) => entry.id === itemId);
  const item = menuInScope().item(itemId);
  if (!listed || !item) return turn.say(PHRASES.notUnderstood);
  if (!listed.available) {
    turn.say(turn.t(`抱歉，${listed.name}今天卖完了。`, `Sorry, ${listed.name} is sold out today.`));
    return recommend(turn, false, itemId);
  }
  const facts = [
    ...(item.category ? [turn.t(item.category.zh, item.category.en.toLowerCase())] : []),
    priceList(turn, listed.prices, 'long'),
    ...(item.includes?.length
      ? [
          turn.t(
            `已含${item.includes.map((id) => toppingName(id, 'zh')).join('、')}`,
            `${item.includes.map((id) => toppingName(id, 'en')).join(' and ')} included`,
          ),
        ]
      : []),
    ...(item.note && !item.includes?.length ? [item.note[turn.lang]] : []),
  ];
  // Not one already ordered or being described: then "yes, a large one" orders it.
  const offer = !turn.state.draft && !turn.state.cart.some((line) => line.itemId === itemId);
  if (offer) turn.offered = { itemId };
  turn.say(
    turn.t(`${listed.name}：${facts.join('，')}。${offer ? '要来一杯吗？' : ''}`, `${listed.name}: ${facts.join('; ')}.${offer ? ' Would you like one?' : ''}`),
  );
}

export async function askItem(turn: Turn, itemIds: string[]) {
  const data = await loadMenu(turn);
  if (!data) return turn.say(PHRASES.notUnderstood);
  for (const id of itemIds) {
    const item = data.items.find((entry) => entry.id === id)!;
    if (!item.available) {
      turn.say(turn.t(`抱歉，${item.name}今天卖完了。`, `Sorry, ${item.name} is sold out today.`));
      await recommend(turn, false, id);
    } else {
      if (itemIds.length === 1) turn.offered = { itemId: id };
      turn.say(
        turn.t(
          `有的，${item.name}${priceList(turn, item.prices, 'long')}。要来一杯吗？`,
          `Yes, ${item.name}: ${priceList(turn, item.prices, 'long')}. Would you like one?`,
        ),
      );
    }
  }
}

export async function status(turn: Turn, pickupCode?: string, orderId?: string) {
  const args = pickupCode ? { pickupCode } : orderId ? { orderId } : {};
  const result = await turn.run('lookup_order', args);
  if (!result.ok && result.error.code === 'no_order_reference' && (turn.state.cart.length || turn.state.draft)) {
    // "is my order ready?" before it is placed: say so, and what is needed to place it.
    turn.say(turn.t('您的订单还没下。', "Your order isn't placed yet."));
    return turn.state.draft ? turn.say(askMissing(turn.state.draft, missingDraftFields(turn.state.draft), turn.lang)) : checkout(turn);
  }
  if (!result.ok) return turn.say(result.error.code === 'no_order_reference' ? PHRASES.askPickupCode : PHRASES.lookupUnavailable);
  turn.say(describeLookup(result.data, pickupCode ?? orderId ?? null, turn.lang));
}

export async function toppings(turn: Turn) {
  const data = await loadMenu(turn);
  if (!data) return turn.say(PHRASES.notUnderstood);
  const list = data.toppings.map((topping) =>
    turn.t(`${topping.name}${speakYuan(topping.price)}`, `${topping.name.toLowerCase()} ${speakYuan(topping.price)}`),
  );
  const max = menuInScope().limits.maxToppings;
  turn.say(turn.t(`小料有：${list.join('、')}，每杯最多加${max}种。`, `Toppings: ${list.join(', ')}; up to ${max} per drink.`));
  const draft = turn.state.draft;
  if (draft?.itemId) turn.say(askMissing(draft, missingDraftFields(draft), turn.lang));
}
