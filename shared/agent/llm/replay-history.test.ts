import { describe, expect, it } from 'vitest';
import type { HistoryMessage } from '../../sessions/session-types.ts';
import { replayHistory } from './replay-history.ts';

const history: HistoryMessage[] = [
  { role: 'tool', content: '{"ok":true}', toolCallId: 'orphan' },
  { role: 'assistant', content: 'hello' },
  { role: 'user', content: 'two drinks' },
  {
    role: 'assistant',
    content: '',
    toolCalls: [
      { id: 'a', name: 'add_item', arguments: '{"itemId":"pearl-milk-tea"}' },
      { id: 'b', name: 'add_item', arguments: 'not json' },
      { id: 'c', name: 'show_cart', arguments: '{}' },
    ],
  },
  { role: 'tool', content: '{"ok":true}', toolCallId: 'a' },
  { role: 'tool', content: '{"ok":false}', toolCallId: 'b' },
  { role: 'assistant', content: 'Added.' },
];

describe('replayHistory', () => {
  it('starts at a user message and drops orphaned results and unanswered calls', () => {
    const messages = replayHistory(history);
    expect(messages[0]).toEqual({ role: 'user', content: 'two drinks' });
    expect(messages).toHaveLength(5);
    const calls = (messages[1] as { tool_calls: { id: string; function: { arguments: string } }[] }).tool_calls;
    expect(calls.map((call) => call.id)).toEqual(['a', 'b']);
    expect(calls[1]!.function.arguments).toBe('{}');
  });

  it('splits parallel calls into one call per assistant message for vLLM', () => {
    const messages = replayHistory(history, { oneCallPerMessage: true });
    expect(messages.map((message) => message.role)).toEqual(['user', 'assistant', 'tool', 'assistant', 'tool', 'assistant']);
    expect(messages.filter((m) => m.role === 'assistant' && 'tool_calls' in m).every((m) => (m as { tool_calls: unknown[] }).tool_calls.length === 1)).toBe(
      true,
    );
  });
});
