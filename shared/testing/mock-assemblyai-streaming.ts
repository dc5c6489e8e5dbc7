import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

// A loopback stand-in for AssemblyAI's v3 streaming API: GET /v3/token (temporary tokens,
// expires_in_seconds 1..600) and the WebSocket /v3/ws?sample_rate=16000&encoding=pcm_s16le&token=…
// It sends Begin, a partial Turn (end_of_turn false) as audio arrives, the final formatted Turn
// (end_of_turn true) when the client sends {"type":"Terminate"} or the scripted audio length is
// reached (or, with endOnSilenceMs, after a silence that follows speech), then Termination. Audio
// must be binary 16-bit PCM (even byte counts) at 16 kHz; the session records when it arrived,
// so a test can check it came at 16 kHz's pace. finalDelayMs stands for the vendor's latency.

export type StreamingScript = {
  /** The words the turn ends with; partials are its growing prefixes. */
  text: string;
  /** End the turn by itself once this much audio has arrived (else at Terminate). */
  endAfterMs?: number;
  /** Delay before the final Turn, as the vendor's end-of-turn latency. */
  finalDelayMs?: number;
  /** Drop the socket (code 1011) after this much audio, with no final Turn. */
  dropAfterMs?: number;
  /**
   * Turn detection as AssemblyAI does it: the turn ends once voiced audio is followed by this much
   * silence (its min_end_of_turn_silence_when_confident, 400 ms by default), and partial words
   * grow with the voiced audio only. Without it, words grow with any audio (silence included).
   */
  endOnSilenceMs?: number;
  /** Never send the final Turn (nor Termination), whatever the audio or Terminate: a stalled vendor. */
  neverFinal?: boolean;
};

export type StreamingSessionRecord = {
  query: Record<string, string>;
  audioBytes: number;
  /** Wall-clock arrival of the first and latest audio frame: a 16 kHz stream sent live comes at ~32 kB/s. */
  firstAudioAt?: number;
  lastAudioAt?: number;
  /** Audio (ms) with a voice in it, by level. */
  voicedMs: number;
  terminated: boolean;
  closeCode?: number;
};

const BYTES_PER_MS = 32; // 16 kHz × 2 bytes
/** A frame at or above this RMS (of full scale, about -40 dBFS) counts as voiced. */
const VOICE_LEVEL = 0.01;

function rmsLevel(pcm: Buffer): number {
  let sum = 0;
  const samples = Math.floor(pcm.length / 2);
  for (let i = 0; i < samples; i++) sum += pcm.readInt16LE(i * 2) ** 2;
  return samples > 0 ? Math.sqrt(sum / samples) / 0x8000 : 0;
}

export async function startMockAssemblyAIStreaming(options: { apiKey?: string; partialDelayMs?: number } = {}) {
  const apiKey = options.apiKey ?? 'test-assemblyai-key';
  const tokens = new Map<string, number>(); // token → expiry (ms epoch)
  const scripts: StreamingScript[] = [];
  const sessions: StreamingSessionRecord[] = [];
  let refuseTokens = 0;
  let expiredTokens = 0;

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://mock');
    const send = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.method !== 'GET' || url.pathname !== '/v3/token') return send(404, { error: 'mock: no route' });
    if (req.headers.authorization !== apiKey) return send(401, { error: 'Authentication error, API token missing/invalid' });
    if (refuseTokens > 0) {
      refuseTokens--;
      return send(503, { error: 'mock: token service unavailable' });
    }
    const seconds = Number(url.searchParams.get('expires_in_seconds'));
    if (!Number.isInteger(seconds) || seconds < 1 || seconds > 600) return send(400, { error: 'expires_in_seconds must be between 1 and 600' });
    const token = `tmp_${randomBytes(12).toString('hex')}`;
    // An expired grant, as a client holding one past its lifetime would present it.
    tokens.set(token, expiredTokens > 0 ? 0 : Date.now() + seconds * 1000);
    expiredTokens = Math.max(0, expiredTokens - 1);
    send(200, { token, expires_in_seconds: seconds });
  });
  const wss = new WebSocketServer({ noServer: true });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://mock');
    if (url.pathname !== '/v3/ws') return void socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => runSession(ws, url, req));
  });

  function runSession(ws: WebSocket, url: URL, req: IncomingMessage) {
    const query = Object.fromEntries(url.searchParams);
    const record: StreamingSessionRecord = { query, audioBytes: 0, voicedMs: 0, terminated: false };
    sessions.push(record);
    ws.on('close', (code) => {
      record.closeCode = code;
    });
    const token = url.searchParams.get('token') ?? '';
    // A server holding the key authenticates with it in the Authorization header instead.
    const expiry = req.headers.authorization === apiKey ? Number.POSITIVE_INFINITY : tokens.get(token);
    // AssemblyAI closes with 1008 (policy) / 3005-style codes; the reason text is what clients show.
    if (expiry === undefined || expiry < Date.now()) return ws.close(1008, expiry === undefined ? 'Invalid token' : 'Token expired');
    if (token) tokens.delete(token); // one session per temporary token
    if (query.sample_rate !== '16000') return ws.close(3005, 'mock: sample_rate must be 16000');
    if ((query.encoding ?? 'pcm_s16le') !== 'pcm_s16le') return ws.close(3005, 'mock: encoding must be pcm_s16le');

    const script = scripts.shift() ?? { text: 'mock transcript' };
    const words = script.text.split(/\s+/).filter(Boolean);
    const started = Date.now() / 1000;
    const id = randomBytes(8).toString('hex');
    let done = false;
    let partialWords = 0;
    let silentMsAfterVoice = 0;
    const emit = (message: unknown) => ws.readyState === ws.OPEN && ws.send(JSON.stringify(message));
    const turn = (count: number, end: boolean) => ({
      type: 'Turn',
      turn_order: 0,
      turn_is_formatted: end,
      end_of_turn: end,
      transcript: words.slice(0, count).join(' '),
      end_of_turn_confidence: end ? 0.9 : 0.2,
      words: words.slice(0, count).map((text, i) => ({ text, word_is_final: end, start: i * 300, end: i * 300 + 250, confidence: 0.95 })),
    });
    const finish = () => {
      if (done) return;
      done = true;
      if (script.neverFinal) return;
      setTimeout(() => {
        emit(turn(words.length, true));
        emit({ type: 'Termination', audio_duration_seconds: record.audioBytes / BYTES_PER_MS / 1000, session_duration_seconds: Date.now() / 1000 - started });
        ws.close(1000);
      }, script.finalDelayMs ?? 0);
    };
    emit({ type: 'Begin', id, expires_at: Math.round(started + 3600) });

    ws.on('message', (data, isBinary) => {
      if (done) return;
      if (!isBinary) {
        const text = data.toString();
        if (text === '{"type":"Terminate"}' || JSON.parse(text)?.type === 'Terminate') {
          record.terminated = true;
          return finish();
        }
        return ws.close(3007, 'mock: text frames other than Terminate are not audio');
      }
      const pcm = data as Buffer;
      const bytes = pcm.length;
      if (bytes % 2 !== 0) return ws.close(3007, 'mock: audio must be 16-bit PCM (even byte count)');
      record.audioBytes += bytes;
      record.firstAudioAt ??= Date.now();
      record.lastAudioAt = Date.now();
      const frameMs = bytes / BYTES_PER_MS;
      const voiced = rmsLevel(pcm) >= VOICE_LEVEL;
      if (voiced) record.voicedMs += frameMs;
      silentMsAfterVoice = voiced || record.voicedMs === 0 ? 0 : silentMsAfterVoice + frameMs;
      const ms = script.endOnSilenceMs === undefined ? record.audioBytes / BYTES_PER_MS : record.voicedMs;
      if (script.dropAfterMs !== undefined && ms >= script.dropAfterMs) {
        done = true;
        return ws.terminate();
      }
      if (script.endAfterMs !== undefined && ms >= script.endAfterMs) return finish();
      if (script.endOnSilenceMs !== undefined && silentMsAfterVoice >= script.endOnSilenceMs) return finish();
      if (script.endOnSilenceMs !== undefined && record.voicedMs === 0) return;
      // One more word every 300 ms of audio, never the whole turn before it ends.
      const heard = Math.min(words.length - 1, Math.floor(ms / 300) + 1);
      if (heard <= partialWords) return;
      partialWords = heard;
      if (!options.partialDelayMs) return void emit(turn(heard, false));
      setTimeout(() => !done && emit(turn(heard, false)), options.partialDelayMs);
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiKey,
    /** ASSEMBLYAI_STREAMING_BASE_URL: http for the token, ws for /v3/ws. */
    baseUrl: `http://127.0.0.1:${port}`,
    sessions,
    push: (...next: StreamingScript[]) => void scripts.push(...next),
    /** Every token issued so far stops working. */
    expireTokens: () => {
      for (const token of tokens.keys()) tokens.set(token, 0);
    },
    /** The next tokens are issued already expired: the socket refuses them with 1008 "Token expired". */
    issueExpiredTokens: (count = 1) => {
      expiredTokens += count;
    },
    refuseNextTokens: (count = 1) => {
      refuseTokens += count;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
