import type { ScoredCase } from './case-judge.ts';
import { HELD_OUT } from './held-out-conversations.ts';
import { FRUIT_COFFEE_CASES, MENU_FILE as FRUIT_COFFEE_MENU } from './rule-cases.fruit-coffee.ts';
import { RULE_CASES } from './rule-cases.zh-en.ts';

/** A table of conversations and the menu it is written for (no file: the embedded default menu). */
export type CaseTable = { group: string; menuFile?: string; cases: readonly ScoredCase[] };

/** The public case tables, each on its own menu. */
export const PUBLIC_CASE_TABLES: CaseTable[] = [
  { group: 'rule-cases.zh-en', cases: RULE_CASES },
  { group: 'rule-cases.fruit-coffee', menuFile: FRUIT_COFFEE_MENU, cases: FRUIT_COFFEE_CASES },
  { group: 'held-out', cases: HELD_OUT },
];
