import { errorCatalog } from '../error-catalog.ts';

/** Codes a chat turn ends in when the agent, not the order service, decides (the service's own, session_not_found among them, are ORDER_ERRORS). */
export const CHAT_ERRORS = errorCatalog({
  agent_unavailable: 503,
  client_gone: 503,
  menu_changing: 503,
});
