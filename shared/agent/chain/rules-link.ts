import type { Logger } from '../../http/logger.ts';
import { catalogFromMenu } from '../../menu/menu-response.ts';
import { respondWithRules } from '../rules/respond-with-rules.ts';
import type { AgentLink } from './agent-link.ts';

/** The offline rule engine: always ready, no network, the last link of every chain. */
export function createRulesLink(log?: Logger): AgentLink {
  const onInternalError = (error: unknown) => log?.error('rule engine failed; the customer was told "not understood"', { fn: 'chat', err: error });
  return {
    name: 'rules',
    async respond(input, makeTools) {
      const tools = makeTools();
      const { reply } = await respondWithRules({ text: input.text, lang: input.lang, catalog: catalogFromMenu(input.menu) }, { ...tools, onInternalError });
      input.onDelta?.(reply);
      return { reply, history: [{ role: 'assistant', content: reply }], tools };
    },
  };
}
