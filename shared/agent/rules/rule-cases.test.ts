import { describe, expect, it } from 'vitest';
import { missingDraftFields } from '../../sessions/session-types.ts';
import { defaultMenuDefinition, loadMenuFile } from '../../menu/load-menu-file.ts';
import { FRUIT_COFFEE_CASES } from '../../testing/rule-cases.fruit-coffee.ts';
import { RULE_CASES } from '../../testing/rule-cases.zh-en.ts';
import { formatCaseLine, runConversation } from '../../testing/rule-case-driver.ts';

// The same engine, the same checks, on two menus: each table is written for its menu.
const TABLES = [
  { menu: 'default', definition: defaultMenuDefinition(), cases: RULE_CASES, atLeast: 120 },
  {
    menu: 'fruit-coffee.json',
    definition: loadMenuFile(new URL('../../menus/fruit-coffee.json', import.meta.url).pathname),
    cases: FRUIT_COFFEE_CASES,
    atLeast: 30,
  },
];

describe.each(TABLES)('rule engine case table on the $menu menu (real tool runner + policy)', ({ definition, cases, atLeast }) => {
  it(`has at least ${atLeast} cases with unique names`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(atLeast);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const result = await runConversation(c.say, c.start, c.lang, definition);
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
