import type { Lang } from '../../lang.ts';
import { menuInScope } from '../menu-scope.ts';
import type { DraftField } from '../../sessions/session-types.ts';

// Short localized sentences for the offline agent. Facts (lines, totals, statuses) are passed
// in from tool results; nothing here invents a price, a status or a pickup number. Names come
// from the turn's live menu (menu-scope.ts).

export type LineLike = { itemId: string; size: string; sugar: number; ice: string; toppings?: string[]; quantity?: number };

const itemName = (id: string | undefined, lang: Lang) => (id ? (menuInScope().item(id)?.name[lang] ?? id) : '');
const lower = (text: string, lang: Lang) => (lang === 'en' ? text.toLowerCase() : text);
export const toppingName = (id: string, lang: Lang) => lower(menuInScope().topping(id)?.name[lang] ?? id, lang);
export const drinkName = (id: string, lang: Lang) => itemName(id, lang);
/** "加布丁、椰果"; a topping named with its own 加 ("加一份浓缩") is not said "加加". */
export const addedZh = (names: string[]) => `加${names.map((name) => name.replace(/^加/u, '')).join('、')}`;

export function describeLine(line: LineLike, lang: Lang): string {
  const quantity = line.quantity ?? 1;
  const toppings = (line.toppings ?? []).map((id) => toppingName(id, lang));
  const menu = menuInScope();
  const size = menu.size(line.size)?.name[lang] ?? line.size;
  const sugar = menu.sugarLevel(line.sugar)?.name[lang] ?? `${line.sugar}%`;
  const ice = menu.iceLevel(line.ice)?.name[lang] ?? line.ice;
  if (lang === 'zh') return `${quantity}杯${size}${itemName(line.itemId, lang)}（${sugar}、${ice}${toppings.length ? `，${addedZh(toppings)}` : ''}）`;
  return `${quantity} × ${size} ${itemName(line.itemId, lang)} (${sugar}, ${ice}${toppings.length ? `, with ${toppings.join(' and ')}` : ''})`;
}

export function listLines(lines: LineLike[], lang: Lang): string {
  if (lines.length === 1) return describeLine(lines[0]!, lang);
  return lines.map((line, index) => `${index + 1}. ${describeLine(line, lang)}`).join(lang === 'zh' ? '；' : '; ');
}

/** One question for everything a drink still needs (DESIGN.md §4: all missing fields at once). */
export function askMissing(draft: { itemId?: string }, missing: DraftField[], lang: Lang): string {
  const menu = menuInScope();
  const item = draft.itemId ? menu.item(draft.itemId) : undefined;
  const sugar = (item ? menu.sugarOf(item) : menu.sugar.map((level) => level.id)).map((id) => menu.sugarLevel(id)!.name[lang]);
  const ice = (item ? menu.iceOf(item) : menu.ice.map((level) => level.id)).map((id) => menu.iceLevel(id)!.name[lang]);
  const sizes = (item ? menu.sizesOf(item) : menu.sizes.map((size) => size.id)).map((id) => menu.size(id)!.name[lang]);
  const parts = missing
    .filter((field) => field !== 'itemId')
    .map((field) => {
      if (field === 'size') return lang === 'zh' ? `杯型（${sizes.join('/')}）` : `size (${joinOr(sizes)})`;
      if (field === 'sugar') return lang === 'zh' ? `甜度（${sugar.join('/')}）` : `sugar (${sugar.join(', ')})`;
      return lang === 'zh' ? `冰量（${ice.join('/')}）` : `ice (${ice.join(', ')})`;
    });
  const name = itemName(draft.itemId, lang);
  if (missing.includes('itemId')) {
    return lang === 'zh' ? '请问您要哪款饮品？' : 'Which drink would you like?';
  }
  if (lang === 'zh') return `${name}要什么${joinZh(parts)}？`;
  return `What ${joinEn(parts)} would you like for the ${name}?`;
}

const joinZh = (parts: string[]) => (parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join('、')}和${parts.at(-1)}`);
const joinOr = (parts: string[]) => (parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} or ${parts.at(-1)}`);
const joinEn = (parts: string[]) => (parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`);

const STATUS_NAMES: Record<string, { zh: string; en: string }> = {
  placed: { zh: '已下单，等待制作', en: 'placed and waiting to be made' },
  preparing: { zh: '正在制作', en: 'being prepared' },
  ready: { zh: '已经做好了，可以取餐', en: 'ready for pickup' },
  completed: { zh: '已经取走了', en: 'already picked up' },
  cancelled: { zh: '已取消', en: 'cancelled' },
};

export function describeLookup(
  lookup: { found: boolean; pickupCode?: string; status?: string; position?: number; etaSeconds?: number },
  asked: string | null,
  lang: Lang,
): string {
  if (!lookup.found) {
    if (lang === 'zh') return asked ? `没有找到${asked}号订单，请核对一下取餐号。` : '没有找到您的订单，请告诉我取餐号。';
    return asked ? `I couldn't find order ${asked}. Please check the pickup number.` : "I couldn't find your order. What is your pickup number?";
  }
  const status = STATUS_NAMES[lookup.status ?? ''] ?? { zh: lookup.status ?? '', en: lookup.status ?? '' };
  const code = lookup.pickupCode ?? asked ?? '';
  const waiting = (lookup.status === 'placed' || lookup.status === 'preparing') && lookup.etaSeconds !== undefined;
  const minutes = Math.max(1, Math.ceil((lookup.etaSeconds ?? 0) / 60));
  if (lang === 'zh') {
    const ahead = waiting && lookup.position !== undefined && lookup.position > 1 ? `前面还有${lookup.position - 1}单，` : '';
    return `${code}号订单${status.zh}。${waiting ? `${ahead}大约还要${minutes}分钟。` : ''}`;
  }
  const ahead = waiting && lookup.position !== undefined && lookup.position > 1 ? `${lookup.position - 1} ahead of it, ` : '';
  return `Order ${code} is ${status.en}.${waiting ? ` ${ahead}about ${minutes} min.` : ''}`;
}

export const PHRASES = {
  added: { zh: '好的，已加入：', en: 'Added ' },
  anythingElse: { zh: '还需要别的吗？', en: 'Anything else?' },
  updated: { zh: '好的，已改为：', en: 'Done, now ' },
  removed: { zh: '已删除：', en: 'Removed ' },
  emptyCart: { zh: '您的购物车是空的，想喝点什么？', en: 'Your order is empty. What would you like to drink?' },
  confirmClear: { zh: '确定要清空购物车吗？', en: 'Do you want to clear your whole order?' },
  cleared: { zh: '好的，已清空。想重新点些什么？', en: 'Cleared. What would you like instead?' },
  keptCart: { zh: '好的，购物车保留。', en: 'OK, your order stays as it is.' },
  thanksPlaced: { zh: '谢谢您的订购！', en: 'Thank you for your order!' },
  alreadyPlaced: { zh: '您的订单已经下好了，不会重复下单。', en: 'Your order is already placed; I will not place it twice.' },
  whatToChange: { zh: '好的，请问要修改什么？', en: 'Sure, what would you like to change?' },
  offTopic: { zh: '我只能帮您点饮品和查询订单哦。想喝点什么？', en: 'I can help with drinks and orders only. What would you like to drink?' },
  notUnderstood: { zh: '抱歉，我没听明白。您想点什么饮品？', en: "Sorry, I didn't catch that. What would you like to drink?" },
  greet: { zh: '您好！想喝点什么？', en: 'Hi! What would you like to drink?' },
  thanks: { zh: '不客气！', en: "You're welcome!" },
  get sizes() {
    const names = menuInScope().sizes.map((size) => size.name);
    return { zh: `我们只有${joinZh(names.map((name) => name.zh))}，`, en: `We only have ${joinEn(names.map((name) => name.en))}. ` };
  },
  get tooManyToppings() {
    const max = menuInScope().limits.maxToppings;
    return { zh: `每杯最多加${max}种小料，`, en: `At most ${max} toppings per drink. ` };
  },
  get tooManyLines() {
    const max = menuInScope().limits.maxLines;
    return { zh: `一单最多${max}行饮品。`, en: `An order can have at most ${max} lines.` };
  },
  get askQuantity() {
    const max = menuInScope().limits.maxQuantity;
    return { zh: `请问要几杯？每种可以点1到${max}杯。`, en: `How many would you like? 1 to ${max} per drink.` };
  },
  whichLine: { zh: '请问要改哪一杯？', en: 'Which drink do you mean?' },
  sayAgain: { zh: '好的，请再说一遍您要的。', en: 'OK, please say that again.' },
  confirmQuestion: { zh: '确认下单吗？', en: 'Shall I place the order?' },
  beforeCheckout: { zh: '结账前还有一件事：', en: 'One thing before checkout:' },
  nothingToConfirm: { zh: '您还没有点饮品，想喝点什么？', en: "You haven't ordered anything yet. What would you like?" },
  cannotCancelPlaced: { zh: '已下的订单请联系店员取消。', en: 'To cancel a placed order, please ask our staff.' },
  noDraft: { zh: '好的。', en: 'OK.' },
  noSuchLine: { zh: '没有这一杯，', en: "There's no such line. " },
  lookupUnavailable: { zh: '暂时查不到订单状态，请稍后再试。', en: 'Order status is unavailable right now; please try again shortly.' },
  holding: { zh: '好的，不急，订单先不下。确认了跟我说“下单”就行。', en: "Sure, I won't place it yet. Say “place it” when you're ready." },
  takeYourTime: { zh: '好的，不急，您慢慢看。', en: 'Sure, take your time.' },
  pricesFixed: { zh: '价格按菜单来，不能改价或打折。', en: "Prices are fixed by the menu; I can't change them or give discounts." },
  alreadyThat: { zh: '这杯已经是这样了，没有改动：', en: 'That drink is already like that, nothing changed: ' },
  askPickupCode: { zh: '请告诉我您的取餐号。', en: 'What is your pickup number?' },
} satisfies Record<string, { zh: string; en: string }>;
