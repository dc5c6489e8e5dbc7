import type { Lang } from './i18n.ts';

// The menu check's messages (shared/menu/menu-file-schema.ts) as the owner reads them: in
// Chinese, and with prices in yuan (the page's unit), not fen. Anything else is shown as sent.
const RULES: [RegExp, (m: RegExpExecArray) => { zh: string; en?: string }][] = [
  [/^must not be empty$/, () => ({ zh: '不能为空' })],
  [/^is required$/, () => ({ zh: '必须填写' })],
  [/^must not be negative$/, () => ({ zh: '不能为负数' })],
  [/^must be a price in fen \(a number\)$/, () => ({ zh: '请填写价格，例如 15 或 15.5', en: 'must be a price such as 15 or 15.5' })],
  [/^must be a whole number of fen$/, () => ({ zh: '价格最多两位小数', en: 'at most two decimals' })],
  [/^at most 1000000 fen$/, () => ({ zh: '最多 ¥10000', en: 'at most ¥10000' })],
  [/^at most (\d+) characters$/, (m) => ({ zh: `最多 ${m[1]} 个字` })],
  [/^at most (\d+) aliases$/, (m) => ({ zh: `最多 ${m[1]} 个别名` })],
  [/^duplicate id "(.*)"$/, (m) => ({ zh: `编号 "${m[1]}" 重复` })],
  [/^unknown size "(.*)" \(not in the menu's sizes\)$/, (m) => ({ zh: `菜单里没有杯型 "${m[1]}"` })],
  [/^unknown topping "(.*)"/, (m) => ({ zh: `菜单里没有小料 "${m[1]}"` })],
  [/^needs at least one size with its price$/, () => ({ zh: '至少要有一个杯型的价格' })],
  [/^needs at least one drink$/, () => ({ zh: '至少要有一款饮品' })],
  [/^must be 1\.\.64 letters/, () => ({ zh: '编号只能用字母、数字和 - _ .（最多 64 个，以字母或数字开头）' })],
];

export function issueText(message: string, lang: Lang): string {
  for (const [pattern, text] of RULES) {
    const match = pattern.exec(message);
    if (match) {
      const found = text(match);
      return lang === 'zh' ? found.zh : (found.en ?? message);
    }
  }
  return message;
}
