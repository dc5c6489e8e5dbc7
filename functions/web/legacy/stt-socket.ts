import type { WSContext, WSEvents } from 'hono/ws';
import { fieldOf } from '../../../shared/field-of.ts';
import { AppError } from '../../../shared/errors.ts';
import type { Logger } from '../../../shared/http/logger.ts';
import { MAX_KEYTERM_CHARS, MAX_STREAMING_KEYTERMS } from '../../../shared/speech/menu-keyterms.ts';
import { openStreamingSession, type StreamingSession } from '../../../shared/speech/assemblyai-streaming-session.ts';
import { createUtteranceBuffer, toWav, type UtteranceOptions } from './pcm-utterance.ts';
import { asOrderServiceAppError } from '../../../shared/order-client/order-service-error.ts';
import type { CallContext } from './service-caller.ts';
import type { SttClient } from './stt-client.ts';
import type { TalkResponse } from './talk-response.ts';
import type { Lang } from '../../../shared/lang.ts';

const NO_STT_MESSAGE = '语音识别未配置，请改用文字输入（speech recognition is not configured; type the order instead）';

export type SttSocketDeps = {
  stt: SttClient;
  /** Runs the agent turn for a transcript (absent without a session id: transcripts only). */
  turn?: (text: string, signal: AbortSignal) => Promise<TalkResponse>;
  lang: Lang;
  /** Key terms for the live stream (the live menu's names); the stream opens without them if this fails. */
  keyterms?: (signal: AbortSignal) => Promise<string[]>;
  log: Logger;
  context: CallContext;
  utterance?: UtteranceOptions;
  /** Bounds on the live (streaming) path before an utterance falls back to the batch call. */
  streaming?: { connectTimeoutMs?: number; finalTimeoutMs?: number };
};

/**
 * WS /legacy/ws/stt: `{audio_data}` frames (base64 PCM s16le, 16 kHz mono), then `{event:"flush"}`.
 * With a streaming grant from the stt function (POST /stt/token) the PCM goes on to AssemblyAI's
 * v3 socket as it arrives, and the final Turn is the transcript; the utterance is kept as well,
 * and sent to POST /stt as WAV when there is no grant or the live path fails. The transcript comes
 * back as `final_transcript`, then the turn as `agent_response`.
 */
export function createSttSocket({ stt, turn, lang, keyterms, log, context, utterance, streaming = {} }: SttSocketDeps): WSEvents {
  const abort = new AbortController();
  const buffer = createUtteranceBuffer(utterance);
  // Once refused (streaming not configured), this socket stops asking.
  let streamingOff = !stt.grant;
  let live: Promise<StreamingSession | null> | undefined;
  const startLive = () => {
    if (streamingOff || live || !stt.grant) return;
    const grant = stt.grant;
    live = (async () => {
      const [granted, terms] = await Promise.all([
        grant(lang, { ...context, signal: abort.signal }),
        keyterms?.(abort.signal).catch((error: unknown) => {
          log.warn('legacy live stt: no key terms (menu unavailable)', { fn: 'web', err: error });
          return [];
        }),
      ]);
      if (!granted) {
        streamingOff = true;
        return null;
      }
      return openStreamingSession({
        streamingBaseUrl: granted.connectUrl,
        connectUrl: granted.connectUrl,
        // AssemblyAI takes at most 100 key terms; the names come first, so aliases are what is cut.
        keyterms: (terms ?? []).filter((term) => term.length <= MAX_KEYTERM_CHARS).slice(0, MAX_STREAMING_KEYTERMS),
        connectTimeoutMs: streaming.connectTimeoutMs ?? 3000,
        finalTimeoutMs: streaming.finalTimeoutMs ?? 5000,
      });
    })().catch((error: unknown) => {
      log.warn('legacy live stt failed; batch fallback', { fn: 'web', err: error });
      return null;
    });
  };
  const transcribeLive = async (session: Promise<StreamingSession | null> | undefined): Promise<string | null> => {
    const open = await session;
    if (!open) return null;
    try {
      return await open.finish();
    } catch (error) {
      log.warn('legacy live stt failed; batch fallback', { fn: 'web', err: error });
      return null;
    }
  };
  let work: Promise<void> = Promise.resolve();
  let closed = false;
  const send = (ws: WSContext, frame: unknown) => ws.readyState === 1 && ws.send(JSON.stringify(frame));
  const fail = (ws: WSContext, message: string, code = 1000) => {
    send(ws, { message_type: 'error', error: message });
    closed = true;
    ws.close(code, 'error');
  };

  const finishUtterance = (ws: WSContext) => {
    if (buffer.bytes === 0) return;
    const wav = toWav(buffer.take());
    const session = live;
    live = undefined;
    work = work.then(async () => {
      const signal = abort.signal;
      if (signal.aborted) return;
      let text: string;
      try {
        text = (await transcribeLive(session))?.trim() ?? (await stt.transcribe(wav, lang, { ...context, signal })).text.trim();
      } catch (error) {
        if (signal.aborted) return;
        if (!(error instanceof AppError)) log.error('legacy stt failed', { fn: 'web', err: error });
        return void send(ws, { message_type: 'error', error: error instanceof AppError ? error.message : 'speech recognition failed' });
      }
      if (!text || signal.aborted) return;
      send(ws, { message_type: 'final_transcript', text });
      if (!turn) return;
      try {
        send(ws, { message_type: 'agent_response', payload: await turn(text, signal) });
      } catch (thrown) {
        if (signal.aborted) return;
        const error = asOrderServiceAppError(thrown);
        if (!(error instanceof AppError)) log.error('legacy voice turn failed', { fn: 'web', err: error });
        send(ws, { message_type: 'agent_response_error', detail: error instanceof AppError ? error.message : 'the order assistant failed' });
      }
    });
  };

  return {
    onOpen(_event, ws) {
      // Without any speech provider say so at once: the UI shows `error` and stops recording.
      void stt.available({ ...context, signal: abort.signal }).then((ok) => {
        if (!ok && !closed) fail(ws, NO_STT_MESSAGE);
      });
    },
    onMessage(event, ws) {
      if (closed) return;
      let frame: unknown;
      try {
        frame = JSON.parse(typeof event.data === 'string' ? event.data : '');
      } catch {
        return; // the original ignored frames it could not read
      }
      if (fieldOf(frame, 'event') === 'flush') return finishUtterance(ws);
      const audio = fieldOf(frame, 'audio_data');
      if (typeof audio !== 'string' || audio === '') return;
      const pcm = Buffer.from(audio, 'base64');
      const result = buffer.push(pcm);
      if (result === 'buffered' || result === 'utterance_end') {
        startLive();
        const even = pcm.length % 2 === 0 ? pcm : pcm.subarray(0, pcm.length - 1);
        // Chained on the session's promise, so frames keep their order while the socket opens.
        void live?.then((session) => session?.send(even));
      }
      if (result === 'too_long') {
        buffer.take();
        return fail(ws, '一次录音最长 60 秒（recordings are limited to 60 seconds）', 1009);
      }
      if (result === 'utterance_end') finishUtterance(ws);
    },
    onClose() {
      closed = true;
      abort.abort();
      void live?.then((session) => session?.close());
    },
  };
}
