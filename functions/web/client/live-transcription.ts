// AssemblyAI's v3 streaming socket, from the browser: the grant's URL (temporary token in it,
// never our key) plus the menu's key terms; PCM frames in, partial and final Turns out. Frames
// sent before the socket opens wait in a queue, so no word is lost while it connects.

import { MAX_KEYTERM_CHARS, MAX_STREAMING_KEYTERMS } from '../../../shared/speech/menu-keyterms.ts';

export type LiveTranscriptionOptions = {
  /** The grant's connectUrl (carries sample_rate, encoding, speech_model and token). */
  connectUrl: string;
  keyterms: string[];
  connectTimeoutMs: number;
  onPartial(text: string): void;
  /** The turn's formatted transcript, once, at AssemblyAI's end of turn. */
  onFinal(text: string): void;
  /** The socket failed, was refused (expired token…) or closed without a final turn. */
  onFailure(reason: string): void;
};

export type LiveTranscription = {
  send(pcm: Int16Array): void;
  /** Ask for the final transcript now (push-to-talk released). */
  endTurn(): void;
  close(): void;
};

/** At most this much audio waits for the socket (20 ms frames). */
const MAX_QUEUED_FRAMES = 1500;

export function liveUrl(connectUrl: string, keyterms: string[]): string {
  const url = new URL(connectUrl);
  url.searchParams.set('format_turns', 'true');
  const terms = keyterms.filter((term) => term.length <= MAX_KEYTERM_CHARS).slice(0, MAX_STREAMING_KEYTERMS);
  if (terms.length > 0) url.searchParams.set('keyterms_prompt', JSON.stringify(terms));
  return url.href;
}

export function openLiveTranscription(options: LiveTranscriptionOptions): LiveTranscription {
  const socket = new WebSocket(liveUrl(options.connectUrl, options.keyterms));
  socket.binaryType = 'arraybuffer';
  const queued: Int16Array[] = [];
  let settled = false;
  let endRequested = false;
  const fail = (reason: string) => {
    if (settled) return;
    settled = true;
    window.clearTimeout(connectTimer);
    socket.close();
    options.onFailure(reason);
  };
  const connectTimer = window.setTimeout(() => fail(`no connection within ${options.connectTimeoutMs} ms`), options.connectTimeoutMs);
  const sendTerminate = () => socket.send(JSON.stringify({ type: 'Terminate' }));

  socket.onopen = () => {
    window.clearTimeout(connectTimer);
    for (const pcm of queued.splice(0)) socket.send(pcm);
    if (endRequested) sendTerminate();
  };
  socket.onmessage = (event: MessageEvent) => {
    if (settled || typeof event.data !== 'string') return;
    let message: { type?: string; transcript?: unknown; end_of_turn?: boolean; turn_is_formatted?: boolean; error?: string };
    try {
      message = JSON.parse(event.data);
    } catch {
      return;
    }
    if (message.type === 'Error' || typeof message.error === 'string') return fail(String(message.error ?? 'streaming error'));
    if (message.type !== 'Turn' || typeof message.transcript !== 'string') return;
    if (!message.end_of_turn) return options.onPartial(message.transcript);
    // format_turns: an unformatted end-of-turn message comes first; the formatted one is the answer.
    if (message.turn_is_formatted === false) return options.onPartial(message.transcript);
    settled = true;
    options.onFinal(message.transcript);
    if (socket.readyState === WebSocket.OPEN) sendTerminate();
  };
  socket.onclose = (event: CloseEvent) => {
    if (settled) return;
    fail(event.code === 1000 ? 'the session ended without a final transcript' : `closed (${event.code}${event.reason ? `: ${event.reason}` : ''})`);
  };
  socket.onerror = () => {
    // The close event that follows carries the code; nothing to add here.
  };

  return {
    send(pcm) {
      if (settled) return;
      if (socket.readyState === WebSocket.OPEN) return socket.send(pcm);
      if (queued.length < MAX_QUEUED_FRAMES) queued.push(pcm);
    },
    endTurn() {
      if (settled || endRequested) return;
      endRequested = true;
      if (socket.readyState === WebSocket.OPEN) sendTerminate();
    },
    close() {
      settled = true;
      window.clearTimeout(connectTimer);
      socket.close();
    },
  };
}
