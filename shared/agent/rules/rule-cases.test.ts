import { describe, expect, it } from 'vitest';
import { missingDraftFields } from '../../sessions/session-types.ts';
import { RULE_CASES } from '../../testing/rule-cases.zh-en.ts';
import { formatCaseLine, runConversation } from '../../testing/rule-case-driver.ts';

describe('rule engine case table (real tool runner + policy)', () => {
  it('has at least 120 cases with unique names', () => {
    expect(RULE_CASES.length).toBeGreaterThanOrEqual(120);
    expect(new Set(RULE_CASES.map((c) => c.name)).size).toBe(RULE_CASES.length);
  });

  it.each(RULE_CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const result = await runConversation(c.say, c.start, c.lang);
    const last = result.replies.at(-1)!;
    const context = `replies: ${JSON.stringify(result.replies)}`;
    expect(result.state.cart.map(formatCaseLine), context).toEqual(c.lines);
    const draft = result.state.draft
      ? {
          ...(result.state.draft.itemId ? { itemId: result.state.draft.itemId } : {}),
          missing: missingDraftFields(result.state.draft).filter((f) => f !== 'itemId' || !result.state.draft!.itemId),
        }
      : null;
    expect(draft, context).toEqual(c.draft ?? null);
    expect(result.state.state, context).toBe(c.state);
    expect(
      result.orders.map((order) => order.total),
      context,
    ).toEqual(c.orders ?? []);
    if (c.reply) expect(last).toMatch(c.reply);
    if (c.replyNot) expect(last).not.toMatch(c.replyNot);
    if (c.replyLang) expect(result.langs.at(-1)).toBe(c.replyLang);
    for (const reply of result.replies) {
      expect(reply.length).toBeGreaterThan(0);
      expect(reply).not.toMatch(/undefined|NaN|\[object|_[a-z]+_|Error/);
    }
  });
});
