import type { MenuResponse } from '../../menu/menu-response.ts';
import type { Lang } from '../../lang.ts';
import type { LocalizedName } from '../../menu/menu-types.ts';

// What the server says when the menu changed under a conversation: a drink sold out between
// reading the menu and committing, or a drink already in the cart sold out. Names come from
// the menu; the suggestions are drinks that are available right now.

/** A cart line the live menu no longer takes: `gone` when its drink left the menu, with the name it was ordered under. */
export type SoldOutLine = { index: number; itemId: string; gone?: boolean; name?: LocalizedName };

const nameOf = (menu: MenuResponse, itemId: string, lang: Lang) => menu.items.find((item) => item.id === itemId)?.name[lang] ?? itemId;

/** Up to `count` available drinks closest in price to the sold-out one (menu order breaks ties). */
export function suggestAlternatives(menu: MenuResponse, itemIds: readonly string[], count = 2): string[] {
  const soldOut = menu.items.filter((item) => itemIds.includes(item.id));
  const price = soldOut[0] ? cheapest(soldOut[0].prices) : 0;
  return menu.items
    .filter((item) => item.available && !itemIds.includes(item.id))
    .map((item, order) => ({ id: item.id, distance: Math.abs(cheapest(item.prices) - price), order }))
    .sort((a, b) => a.distance - b.distance || a.order - b.order)
    .slice(0, count)
    .map((item) => item.id);
}

/** A drink's price in its smallest size, to compare drinks of shops with any sizes. */
const cheapest = (prices: Record<string, number>) => Math.min(...Object.values(prices));

const orJoin = (names: string[], lang: Lang) => (lang === 'zh' ? names.join('或') : names.join(' or '));

/** "How about …?" after a drink could not be added because it is sold out. */
export function suggestInstead(menu: MenuResponse, itemIds: readonly string[], lang: Lang): string {
  const names = suggestAlternatives(menu, itemIds).map((id) => nameOf(menu, id, lang));
  if (names.length === 0) return '';
  return lang === 'zh' ? `可以试试${orJoin(names, lang)}。` : `How about ${orJoin(names, lang)}?`;
}

/** "Sorry, X is sold out today." */
export function soldOutToday(menu: MenuResponse, itemIds: readonly string[], lang: Lang): string {
  const names = itemIds.map((id) => nameOf(menu, id, lang));
  return lang === 'zh' ? `抱歉，${names.join('和')}今天卖完了。` : `Sorry, ${names.join(' and ')} ${names.length === 1 ? 'is' : 'are'} sold out today.`;
}

/** Names the cart lines that sold out and asks the customer to remove or replace them. */
export function askAboutSoldOutLines(menu: MenuResponse, lines: readonly SoldOutLine[], cartSize: number, lang: Lang): string {
  const itemIds = [...new Set(lines.map((line) => line.itemId))];
  const describe = (line: SoldOutLine) => {
    const name = line.name?.[lang] ?? nameOf(menu, line.itemId, lang);
    if (cartSize === 1) return lang === 'zh' ? name : `the ${name}`;
    return lang === 'zh' ? `第${line.index + 1}杯${name}` : `the ${name} (line ${line.index + 1})`;
  };
  const which = lines.map(describe);
  const suggestions = suggestAlternatives(menu, itemIds).map((id) => nameOf(menu, id, lang));
  const them = lines.length === 1;
  const gone = lines.every((line) => line.gone);
  if (lang === 'zh') {
    const examples = suggestions.length ? `，比如${orJoin(suggestions, lang)}` : '';
    return `抱歉，您点的${which.join('、')}${gone ? '已经不在菜单上了' : '刚刚卖完了'}。要删掉${them ? '它' : '它们'}，还是换成别的饮品${examples}？结账要等这${them ? '杯' : '几杯'}处理好。`;
  }
  const examples = suggestions.length ? `, such as ${orJoin(suggestions, lang)}` : '';
  const why = gone ? `${them ? 'is' : 'are'} no longer on our menu` : 'just sold out';
  return `Sorry, ${which.join(' and ')} ${why}. Shall I remove ${them ? 'it' : 'them'}, or replace ${them ? 'it' : 'them'} with another drink${examples}? Checkout waits until ${them ? 'it is' : 'they are'} sorted.`;
}

/** Does the reply already talk about one of these drinks (by its name in the reply language)? */
export function mentionsAny(reply: string, menu: MenuResponse, itemIds: readonly string[], lang: Lang): boolean {
  const text = reply.toLowerCase();
  return itemIds.some((id) => text.includes(nameOf(menu, id, lang).toLowerCase()));
}
