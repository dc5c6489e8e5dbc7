import { describe, expect, it, vi } from 'vitest';
import { PHRASES } from '../replies/rule-replies.ts';
import { TOOL_ERROR_REPLIES, toolErrorReply } from '../replies/tool-error-replies.ts';
import type { TurnState } from '../turn-state.ts';
import { respondWithRules } from './respond-with-rules.ts';

const state = (): TurnState => ({ state: 'empty', lang: 'en', cart: [], draft: null, pending: null, lastOrderId: null, placeOrder: false });

describe('respondWithRules on a bug', () => {
  it('answers "not understood" but logs the error and reports it', async () => {
    const bug = new Error('tool exploded');
    const reported: unknown[] = [];
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const run = async () => {
        throw bug;
      };
      const result = await respondWithRules({ text: 'a large pearl milk tea' }, { state: state(), run, onInternalError: (error) => reported.push(error) });
      expect(result.reply).toBe(PHRASES.notUnderstood.en);
      expect(reported).toEqual([bug]);
      expect(logged).toHaveBeenCalledWith('rules: internal error', bug);
    } finally {
      logged.mockRestore();
    }
  });
});

describe('tool error replies', () => {
  it('name the sold-out drink when there is one', () => {
    expect(toolErrorReply('item_sold_out', { name: 'Taro Milk Tea' }).en).toBe('Sorry, Taro Milk Tea is sold out today.');
    expect(toolErrorReply('item_sold_out').en).toMatch(/one of your drinks just sold out/);
    expect(Object.keys(TOOL_ERROR_REPLIES)).toContain('lookup_unavailable');
  });
});
