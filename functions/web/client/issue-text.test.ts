import { describe, expect, it } from 'vitest';
import { parseMenuDefinition } from '../../../shared/menu/menu-file-schema.ts';
import { issueText } from './issue-text.ts';

describe('menu problems as the owner reads them', () => {
  it('the check’s own messages in Chinese, prices in yuan in both languages, anything unknown as sent', () => {
    const result = parseMenuDefinition({
      sizes: [{ id: 'M', name: { zh: '中杯', en: 'M' } }],
      sugar: [{ id: 50, name: { zh: '半糖', en: 'half' } }],
      ice: [{ id: 'light', name: { zh: '少冰', en: 'light' } }],
      items: [{ id: 'x', name: { zh: '', en: 'X' }, prices: { M: 'cheap' } }],
    });
    expect(result.ok).toBe(false);
    const issues = result.ok ? [] : result.issues;
    expect(issues.map((issue) => [issue.path, issueText(issue.message, 'zh')])).toEqual([
      ['items[0].name.zh', '不能为空'],
      ['items[0].prices.M', '请填写价格，例如 15 或 15.5'],
    ]);
    expect(issueText(issues[1]!.message, 'en')).toBe('must be a price such as 15 or 15.5');
    expect(issueText('unknown size "XL" (not in the menu\'s sizes)', 'zh')).toBe('菜单里没有杯型 "XL"');
    expect(issueText('something new', 'zh')).toBe('something new');
  });
});
