import { describe, expect, it } from 'vitest';
import { turnInput } from '../../testing/turn-input.ts';
import { PHRASES } from '../replies/rule-replies.ts';
import type { TurnState } from '../turn-state.ts';
import type { TurnTools } from './agent-link.ts';
import { createRulesLink } from './rules-link.ts';

describe('rules link', () => {
  it('without a logger, a bug in a tool still gets the customer "not understood" (streamed once)', async () => {
    const state: TurnState = { state: 'empty', lang: 'en', cart: [], draft: null, pending: null, lastOrderId: null, placeOrder: false, readBack: null };
    const broken = async () => {
      throw new Error('tool exploded');
    };
    const tools = { state, run: broken, runTool: broken } as unknown as TurnTools;
    const streamed: string[] = [];
    const result = await createRulesLink().respond(turnInput({ text: 'a large pearl milk tea', onDelta: (text) => streamed.push(text) }), () => tools);
    expect(result.reply).toBe(PHRASES.notUnderstood.en);
    expect(result.history).toEqual([{ role: 'assistant', content: PHRASES.notUnderstood.en }]);
    expect(streamed).toEqual([PHRASES.notUnderstood.en]);
  });
});
