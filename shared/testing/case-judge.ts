import type { HeldOutConversation } from './held-out-conversations.ts';
import type { CaseLine } from './rule-case-driver.ts';
import type { RuleCase } from './rule-cases.zh-en.ts';
import type { SessionState } from '../sessions/session-types.ts';

// The one scoring of a conversation against the expectations its table carries, used by the
// rule engine's tests and by `npm run eval:agent` alike. A failure is either about the outcome
// (cart, draft, state, orders placed) or about the wording of the last reply.

/** How a conversation ended, whoever answered it. */
export type CaseOutcome = {
  cart: CaseLine[];
  draft: { itemId?: string; missing: string[] } | null;
  state: SessionState;
  /** The orders placed during the conversation, in order. */
  orders: { total: number; lines: CaseLine[] }[];
  replies: string[];
  /** The language of each reply. */
  langs: ('zh' | 'en')[];
};

export type CaseFailure = { check: string; kind: 'outcome' | 'wording'; expected: unknown; got: unknown };

/** A conversation of either table kind. */
export type ScoredCase = RuleCase | HeldOutConversation;

export function isRuleCase(c: ScoredCase): c is RuleCase {
  return 'lines' in c && 'state' in c;
}

/** How many orders the case expects to be placed. */
export function expectedOrderCount(c: ScoredCase): number {
  return isRuleCase(c) ? (c.orders ?? []).length : c.placed ? 1 : 0;
}

export function judgeCase(c: ScoredCase, outcome: CaseOutcome): CaseFailure[] {
  return isRuleCase(c) ? judgeRuleCase(c, outcome) : judgeHeldOut(c, outcome);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** A rule-case row: exact cart, draft, state and order totals; the last reply's patterns and language. */
export function judgeRuleCase(c: RuleCase, outcome: CaseOutcome): CaseFailure[] {
  const failures: CaseFailure[] = [];
  const expect = (check: string, kind: CaseFailure['kind'], expected: unknown, got: unknown, ok = same(expected, got)) => {
    if (!ok) failures.push({ check, kind, expected, got });
  };
  expect('cart', 'outcome', c.lines, outcome.cart);
  expect('draft', 'outcome', c.draft ?? null, outcome.draft);
  expect('state', 'outcome', c.state, outcome.state);
  expect(
    'orders',
    'outcome',
    c.orders ?? [],
    outcome.orders.map((order) => order.total),
  );
  const last = outcome.replies.at(-1) ?? '';
  if (c.reply) expect('reply', 'wording', String(c.reply), last, c.reply.test(last));
  if (c.replyNot) expect('replyNot', 'wording', `not ${String(c.replyNot)}`, last, !c.replyNot.test(last));
  if (c.replyLang) expect('replyLang', 'wording', c.replyLang, outcome.langs.at(-1));
  for (const [index, reply] of outcome.replies.entries()) {
    expect(
      `reply ${index + 1} is speakable`,
      'wording',
      'a non-empty reply with no internal text',
      reply,
      reply.length > 0 && !/undefined|NaN|\[object|_[a-z]+_|Error/.test(reply),
    );
  }
  return failures;
}

/** A held-out conversation: exactly the one order expected (or none) and the right cart at the end. */
export function judgeHeldOut(c: HeldOutConversation, outcome: CaseOutcome): CaseFailure[] {
  const failures: CaseFailure[] = [];
  const placed = outcome.orders.map((order) => order.lines);
  if (!same(placed, c.placed ? [c.placed] : [])) failures.push({ check: 'placed', kind: 'outcome', expected: c.placed ? [c.placed] : [], got: placed });
  if (!same(outcome.cart, c.cart ?? [])) failures.push({ check: 'cart', kind: 'outcome', expected: c.cart ?? [], got: outcome.cart });
  if (!c.placed && outcome.draft) failures.push({ check: 'draft', kind: 'outcome', expected: null, got: outcome.draft });
  return failures;
}
