import type OpenAI from 'openai';
import type { HistoryMessage } from '../../sessions/session-types.ts';

type Message = OpenAI.Chat.Completions.ChatCompletionMessageParam;

export type ReplayOptions = {
  /** Most messages to replay (the session already keeps a bounded history). */
  limit?: number;
  /** vLLM's Llama 3.1 template accepts one tool call per assistant message: split parallel calls. */
  oneCallPerMessage?: boolean;
};

/**
 * Turns stored history into chat messages a strict host accepts: the first message after the
 * system prompt is a user message, every tool call has valid JSON arguments and a result,
 * and no tool result is orphaned.
 */
export function replayHistory(history: readonly HistoryMessage[], { limit = 30, oneCallPerMessage = false }: ReplayOptions = {}): Message[] {
  let recent = history.slice(-limit);
  const firstUser = recent.findIndex((message) => message.role === 'user');
  recent = firstUser === -1 ? [] : recent.slice(firstUser);

  const results = new Map<string, string>();
  for (const message of recent) if (message.role === 'tool' && message.toolCallId) results.set(message.toolCallId, message.content);

  const out: Message[] = [];
  for (const message of recent) {
    if (message.role === 'user') out.push({ role: 'user', content: message.content });
    else if (message.role === 'assistant') {
      const calls = (message.toolCalls ?? []).filter((call) => results.has(call.id));
      if (calls.length === 0) {
        if (message.content) out.push({ role: 'assistant', content: message.content });
        continue;
      }
      const toParam = (call: (typeof calls)[number]) => ({
        id: call.id,
        type: 'function' as const,
        function: { name: call.name, arguments: validJson(call.arguments) },
      });
      const groups = oneCallPerMessage ? calls.map((call) => [call]) : [calls];
      for (const group of groups) {
        out.push({ role: 'assistant', content: null, tool_calls: group.map(toParam) });
        for (const call of group) out.push({ role: 'tool', tool_call_id: call.id, content: results.get(call.id)! });
      }
    }
    // Tool messages were emitted right after their call above.
  }
  return out;
}

function validJson(text: string): string {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? text : '{}';
  } catch {
    return '{}';
  }
}
