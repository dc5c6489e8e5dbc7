import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../testing/test-catalog.ts';
import { turnInput } from '../../testing/turn-input.ts';
import { silentLogger } from '../../http/logger.ts';
import { createRulesLink } from '../chain/rules-link.ts';
import { PHRASES } from '../replies/rule-replies.ts';
import { TOOL_ERROR_REPLIES, toolErrorReply } from '../replies/tool-error-replies.ts';
import type { TurnState } from '../turn-state.ts';
import { respondWithRules } from './respond-with-rules.ts';

const state = (): TurnState => ({ state: 'empty', lang: 'en', cart: [], draft: null, pending: null, lastOrderId: null, placeOrder: false, readBack: null });

describe('respondWithRules on a bug', () => {
  it('answers "not understood" but reports the error', async () => {
    const bug = new Error('tool exploded');
    const reported: unknown[] = [];
    const run = async () => {
      throw bug;
    };
    const result = await respondWithRules(
      { text: 'a large pearl milk tea', catalog: defaultCatalog() },
      { state: state(), run, onInternalError: (error) => reported.push(error) },
    );
    expect(result.reply).toBe(PHRASES.notUnderstood.en);
    expect(reported).toEqual([bug]);
  });

  it('the chat logs it as one structured error line', async () => {
    const bug = new Error('tool exploded');
    const lines: { level: string; msg: string; fields?: Record<string, unknown> }[] = [];
    const log = {
      ...silentLogger,
      error: (msg: string, fields?: Record<string, unknown>) => lines.push({ level: 'error', msg, ...(fields ? { fields } : {}) }),
    };
    const link = createRulesLink(log);
    const failing = { state: state(), run: async () => Promise.reject(bug), runTool: async () => Promise.reject(bug) };
    const answer = await link.respond(turnInput({ text: 'a large pearl milk tea', lang: 'en' }), (() => failing) as never);
    expect(answer.reply).toBe(PHRASES.notUnderstood.en);
    expect(lines).toEqual([{ level: 'error', msg: expect.stringContaining('rule engine failed'), fields: { fn: 'chat', err: bug } }]);
  });
});

describe('tool error replies', () => {
  it('name the sold-out drink when there is one', () => {
    expect(toolErrorReply('item_sold_out', { name: 'Taro Milk Tea' }).en).toBe('Sorry, Taro Milk Tea is sold out today.');
    expect(toolErrorReply('item_sold_out').en).toMatch(/one of your drinks just sold out/);
    expect(Object.keys(TOOL_ERROR_REPLIES)).toContain('lookup_unavailable');
  });
});
