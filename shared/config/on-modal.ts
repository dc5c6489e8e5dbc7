import { ConfigError, type Env } from './env.ts';

/**
 * True inside a Modal container. Modal sets MODAL_TASK_ID in every container, and
 * MODAL_ENVIRONMENT and MODAL_IS_REMOTE=1 in containers running Functions (reserved names
 * that an app cannot set): https://modal.com/docs/guide/environment_variables
 */
export function isOnModal(env: Env): boolean {
  return Boolean(env.MODAL_TASK_ID || env.MODAL_ENVIRONMENT || env.MODAL_IS_REMOTE === '1');
}

/**
 * On Modal every function is a public URL: the order service's /sessions… (carts, histories,
 * placing orders) must be closed to everyone but the chat function, so both refuse to start
 * without the shared token. Locally (chat calls order in process) it stays optional.
 */
export function requireInternalTokenOnModal(env: Env, token: string | undefined): void {
  if (token || !isOnModal(env)) return;
  throw new ConfigError(
    'Invalid configuration: INTERNAL_API_TOKEN: required on Modal (it closes the order service’s /sessions… to everyone but chat). ' +
      'Add it to the tea-agent-secrets secret (at least 16 characters, e.g. openssl rand -hex 24) and redeploy.',
  );
}
