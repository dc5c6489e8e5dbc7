import { describe, expect, it } from 'vitest';
import { HELD_OUT, type HeldOutConversation } from '../../testing/held-out-conversations.ts';
import { formatCaseLine, runConversation } from '../../testing/rule-case-driver.ts';

// The held-out conversations as a measure, not a line-by-line spec: the pass rate is printed,
// must stay ≥ 95%, and no conversation may place an order the customer did not confirm.

type Outcome = { c: HeldOutConversation; ok: boolean; unconfirmedOrder: boolean; detail: string };

async function judge(c: HeldOutConversation): Promise<Outcome> {
  const result = await runConversation(c.say);
  const cart = result.state.cart.map(formatCaseLine);
  const placed = result.orders.map((order) => order.lines);
  const unconfirmedOrder = !c.placed && placed.length > 0;
  const ok = c.placed
    ? placed.length === 1 && JSON.stringify(placed[0]) === JSON.stringify(c.placed) && JSON.stringify(cart) === JSON.stringify(c.cart ?? [])
    : placed.length === 0 && JSON.stringify(cart) === JSON.stringify(c.cart ?? []) && !result.state.draft;
  return {
    c,
    ok,
    unconfirmedOrder,
    detail: `${c.name}\n  cart ${JSON.stringify(cart)} placed ${JSON.stringify(placed)} draft ${JSON.stringify(result.state.draft)}\n  ${result.replies.map((reply, i) => `> ${c.say[i]}\n    ${reply}`).join('\n  ')}`,
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
