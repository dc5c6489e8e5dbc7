/** @jsxImportSource hono/jsx/dom */
import { useState, type Child } from 'hono/jsx/dom';
import { ApiError } from './api.ts';
import { inputValue } from './input-event.ts';

export type GateTexts = {
  title: string;
  tokenLabel: string;
  tokenHelp: string;
  signIn: string;
  wrongToken: string;
  /** The server has no token of this kind configured (503). */
  disabled: string;
  unreachable: string;
};

/**
 * Asks once for a bearer token (the staff board's, the owner's), checks it against the server,
 * and keeps it in this tab's sessionStorage only: never in a URL or a log.
 */
export function TokenGate({
  texts,
  storageKey,
  verify,
  onToken,
  children,
}: {
  texts: GateTexts;
  storageKey: string;
  verify(token: string): Promise<unknown>;
  onToken(token: string): void;
  /** More buttons beside "sign in" (the language switch). */
  children?: Child;
}) {
  const [value, setValue] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    const token = value.trim();
    if (!token) return;
    setBusy(true);
    try {
      await verify(token);
      sessionStorage.setItem(storageKey, token);
      onToken(token);
    } catch (err) {
      const status = err instanceof ApiError ? err.status : 0;
      setError(status === 401 || status === 403 ? texts.wrongToken : status === 503 ? texts.disabled : texts.unreachable);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="gate">
      <form class="panel gate-form" onSubmit={submit}>
        <h1>{texts.title}</h1>
        <label for="token">{texts.tokenLabel}</label>
        <input
          id="token"
          type="password"
          autocomplete="current-password"
          value={value}
          onInput={(e: Event) => setValue(inputValue(e))}
          aria-describedby="token-help"
        />
        <p id="token-help" class="muted">
          {texts.tokenHelp}
        </p>
        {error && (
          <p class="error" role="alert" id="token-error">
            {error}
          </p>
        )}
        <div class="gate-actions">
          <button class="btn primary" type="submit" disabled={busy || !value.trim()}>
            {texts.signIn}
          </button>
          {children}
        </div>
      </form>
    </main>
  );
}
