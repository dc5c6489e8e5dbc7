import WebSocket from 'ws';
import { ProviderError } from './provider-error.ts';
import { STREAMING_ENCODING, STREAMING_SAMPLE_RATE } from './assemblyai-streaming-token.ts';

// A server-side AssemblyAI v3 streaming session over `ws`. The `assemblyai` SDK's
// StreamingTranscriber refuses any URL that is not wss:, so it cannot reach a loopback mock.

export type StreamingSessionOptions = {
  /** e.g. https://streaming.assemblyai.com (ws/wss derived from it). */
  streamingBaseUrl: string;
  /** The key in an Authorization header, or (apiKey absent) a grant's connectUrl carrying its temporary token. */
  apiKey?: string;
  connectUrl?: string;
  speechModel?: string;
  keyterms?: string[];
  connectTimeoutMs: number;
  /** Most wait for the final Turn after the last audio. */
  finalTimeoutMs: number;
  onPartial?: (text: string) => void;
};

export type StreamingSession = {
  /** 16 kHz mono s16le PCM. */
  send(pcm: Uint8Array): void;
  /** Ends the stream; resolves with the final transcript of the turn(s). */
  finish(): Promise<string>;
  close(): void;
};

type TurnMessage = { type: 'Turn'; transcript: string; end_of_turn: boolean; turn_is_formatted?: boolean };

export function openStreamingSession(options: StreamingSessionOptions): Promise<StreamingSession> {
  const query = new URLSearchParams({ sample_rate: String(STREAMING_SAMPLE_RATE), encoding: STREAMING_ENCODING, format_turns: 'true' });
  if (options.speechModel) query.set('speech_model', options.speechModel);
  if (options.keyterms?.length) query.set('keyterms_prompt', JSON.stringify(options.keyterms));
  const base = options.connectUrl ? new URL(options.connectUrl) : new URL(`${options.streamingBaseUrl.replace(/^http/, 'ws').replace(/\/+$/, '')}/v3/ws`);
  for (const [key, value] of query) if (!base.searchParams.has(key)) base.searchParams.set(key, value);
  const ws = new WebSocket(base, options.apiKey ? { headers: { authorization: options.apiKey } } : {});
  const finals: string[] = [];
  let failure: ProviderError | undefined;
  let settle: ((error?: ProviderError) => void) | undefined;

  ws.on('message', (data) => {
    let message: { type?: string } & Partial<TurnMessage>;
    try {
      message = JSON.parse(data.toString());
    } catch {
      return;
    }
    if (message.type !== 'Turn' || typeof message.transcript !== 'string') return;
    if (!message.end_of_turn) return options.onPartial?.(message.transcript);
    // With format_turns the unformatted end-of-turn message is followed by a formatted one.
    if (message.turn_is_formatted === false && base.searchParams.get('format_turns') === 'true') return;
    finals.push(message.transcript);
  });
  ws.on('close', (code, reason) => {
    if (code !== 1000) failure ??= new ProviderError('assemblyai', `streaming socket closed (${code}${reason.length ? `: ${reason}` : ''})`);
    settle?.(failure);
  });
  ws.on('error', (error) => {
    failure ??= new ProviderError('assemblyai', `streaming socket failed: ${error.message.slice(0, 200)}`, { cause: error });
  });

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new ProviderError('assemblyai', `streaming socket did not open within ${options.connectTimeoutMs} ms`));
    }, options.connectTimeoutMs);
    ws.once('close', () => {
      clearTimeout(timer);
      reject(failure ?? new ProviderError('assemblyai', 'streaming socket closed before it opened'));
    });
    ws.once('open', () => {
      clearTimeout(timer);
      resolve({
        send: (pcm) => ws.readyState === WebSocket.OPEN && ws.send(pcm),
        close: () => ws.terminate(),
        finish: () =>
          new Promise<string>((done, fail) => {
            const result = (error?: ProviderError) => {
              clearTimeout(wait);
              if (error) fail(error);
              else done(finals.join(' ').trim());
            };
            const wait = setTimeout(() => {
              ws.terminate();
              result(new ProviderError('assemblyai', `no final transcript within ${options.finalTimeoutMs} ms`));
            }, options.finalTimeoutMs);
            if (ws.readyState === WebSocket.CLOSED) return result(failure);
            settle = result;
            // Closing already (the server ended the session): its close event settles the turn.
            if (ws.readyState === WebSocket.OPEN) ws.send('{"type":"Terminate"}');
          }),
      });
    });
  });
}
