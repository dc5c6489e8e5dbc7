import { describe, expect, it } from 'vitest';
import { judgeHeldOut } from '../../testing/case-judge.ts';
import { HELD_OUT, type HeldOutConversation } from '../../testing/held-out-conversations.ts';
import { outcomeOfConversation, runConversation } from '../../testing/rule-case-driver.ts';

// The held-out conversations as a measure, not a line-by-line spec: the pass rate is printed,
// must stay ≥ 95%, and no conversation may place an order the customer did not confirm.
// The checks are case-judge.ts's, the ones `npm run eval:agent` scores any model with.

type Outcome = { c: HeldOutConversation; ok: boolean; unconfirmedOrder: boolean; detail: string };

async function judge(c: HeldOutConversation): Promise<Outcome> {
  const outcome = outcomeOfConversation(await runConversation(c.say));
  const failures = judgeHeldOut(c, outcome);
  return {
    c,
    ok: failures.length === 0,
    unconfirmedOrder: !c.placed && outcome.orders.length > 0,
    detail: `${c.name}\n  ${JSON.stringify(failures)}\n  ${outcome.replies.map((reply, i) => `> ${c.say[i]}\n    ${reply}`).join('\n  ')}`,
  };
}

describe('held-out customer conversations', () => {
  it('≥ 95% end with exactly the right cart or order; none places an unconfirmed order', async () => {
    const outcomes = await Promise.all(HELD_OUT.map(judge));
    const passed = outcomes.filter((outcome) => outcome.ok).length;
    const failed = outcomes.filter((outcome) => !outcome.ok);
    console.log(`held-out conversations: ${passed}/${outcomes.length} (${((100 * passed) / outcomes.length).toFixed(1)}%)`);
    if (failed.length) console.log(failed.map((outcome) => outcome.detail).join('\n'));
    expect(HELD_OUT.length).toBeGreaterThanOrEqual(60);
    expect(outcomes.filter((outcome) => outcome.unconfirmedOrder).map((outcome) => outcome.c.name)).toEqual([]);
    expect(passed / outcomes.length).toBeGreaterThanOrEqual(0.95);
  });
});
