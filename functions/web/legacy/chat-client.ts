import type { ChatResponse } from '../../../shared/agent/chat-response.ts';
import { errorFrom, type CallContext, type ServiceCall } from './service-caller.ts';

export type ChatClient = {
  turn(request: { sessionId: string; message: string; input?: 'text' | 'voice'; source?: 'legacy' }, context?: CallContext): Promise<ChatResponse>;
};

/** One customer turn through the chat function's POST /chat. */
export function createChatClient(call: ServiceCall): ChatClient {
  return {
    async turn(request, context) {
      const response = await call('/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) }, context);
      if (!response.ok) throw await errorFrom('chat', response);
      // Cast: the chat function's documented POST /chat body (its contract tests check it against the OpenAPI document).
      return (await response.json()) as ChatResponse;
    },
  };
}
