import { CHAT_ERRORS } from '../chat-errors.ts';
import type { Logger } from '../../http/logger.ts';
import { trackDeltas } from './delta-tracker.ts';
import { LinkSkipped, type AgentLink, type LinkResult, type MakeTools, type ProviderName, type TurnInput } from './agent-link.ts';

export type ChainResult = LinkResult & { provider: ProviderName };

/**
 * Tries each link in order (OpenRouter → vLLM → rules). A link that fails or is skipped
 * leaves no trace: every attempt works on its own copy of the session state, and only the
 * answering link's copy is returned to be committed.
 */
export function createAgentChain(links: AgentLink[], log: Logger) {
  return {
    providers: links.map((link) => link.name),
    /** Each provider's breaker state and when it last answered. */
    status: () => links.map((link) => link.status?.() ?? { name: link.name, state: 'closed' as const, lastGoodAt: null }),
    close: () => links.forEach((link) => link.close?.()),

    async respond(input: TurnInput, makeTools: MakeTools): Promise<ChainResult> {
      for (const link of links) {
        const deltas = trackDeltas(input.onDelta);
        const { onDelta } = deltas;
        try {
          const result = await link.respond({ ...input, ...(onDelta ? { onDelta } : {}) }, makeTools);
          // A link that answered without streaming (a plain completion) is shown whole on the socket.
          if (onDelta && !deltas.sent() && result.reply) onDelta(result.reply);
          return { ...result, provider: link.name };
        } catch (error) {
          if (input.signal.aborted) throw CHAT_ERRORS.raise('client_gone', 'the client went away before the reply');
          if (deltas.sent()) input.onReset?.();
          if (!(error instanceof LinkSkipped)) log.warn('falling through to the next provider', { provider: link.name });
        }
      }
      throw CHAT_ERRORS.raise('agent_unavailable', 'the ordering assistant is unavailable right now');
    },
  };
}
