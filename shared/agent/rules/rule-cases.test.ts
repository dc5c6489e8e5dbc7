import { describe, expect, it } from 'vitest';
import { defaultMenuDefinition, loadMenuFile } from '../../menu/load-menu-file.ts';
import { judgeRuleCase } from '../../testing/case-judge.ts';
import { FRUIT_COFFEE_CASES, MENU_FILE as FRUIT_COFFEE_MENU } from '../../testing/rule-cases.fruit-coffee.ts';
import { RULE_CASES } from '../../testing/rule-cases.zh-en.ts';
import { outcomeOfConversation, runConversation } from '../../testing/rule-case-driver.ts';

// The same engine, the same checks, on two menus: each table is written for its menu.
// The checks are case-judge.ts's, the ones `npm run eval:agent` scores any model with.
const TABLES = [
  { menu: 'default', definition: defaultMenuDefinition(), cases: RULE_CASES, atLeast: 120 },
  {
    menu: 'fruit-coffee.json',
    definition: loadMenuFile(FRUIT_COFFEE_MENU),
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
    expect(judgeRuleCase(c, outcomeOfConversation(result)), `replies: ${JSON.stringify(result.replies)}`).toEqual([]);
  });
});
