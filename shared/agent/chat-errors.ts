import { errorCatalog } from '../error-catalog.ts';

/** Codes a chat turn ends in when the agent, not the order service, decides (the service's own are relayed). */
export const CHAT_ERRORS = errorCatalog({
  session_not_found: 404,
  agent_unavailable: 503,
  client_gone: 503,
  menu_changing: 503,
});
