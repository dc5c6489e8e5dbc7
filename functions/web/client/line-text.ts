import type { MenuResponse, PricedLine } from './api.ts';
import type { Lang } from './i18n.ts';

/** "L · 50% sugar · light ice · + pudding" in the reader's language, from the menu's names. */
export function lineOptions(line: Pick<PricedLine, 'size' | 'sugar' | 'ice' | 'toppings'>, menu: MenuResponse | undefined, lang: Lang): string {
  const parts: string[] = [];
  const size = menu?.sizes.find((s) => s.id === line.size)?.name[lang] ?? line.size;
  const sugar = menu?.sugar.find((s) => s.id === line.sugar)?.name[lang] ?? `${line.sugar}%`;
  const ice = menu?.ice.find((s) => s.id === line.ice)?.name[lang] ?? line.ice;
  parts.push(size, sugar, ice);
  const toppings = line.toppings.map((id) => menu?.toppings.find((t) => t.id === id)?.name[lang] ?? id);
  if (toppings.length > 0) parts.push(`+ ${toppings.join(lang === 'zh' ? '、' : ', ')}`);
  return parts.join(' · ');
}
