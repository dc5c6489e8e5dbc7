import type { WSContext, WSEvents } from 'hono/ws';
import { AppError } from '../../../shared/errors.ts';
import type { Logger } from '../../../shared/http/logger.ts';
import { createUtteranceBuffer, toWav, type UtteranceOptions } from './pcm-utterance.ts';
import { asOrderServiceAppError } from '../../../shared/order-client/order-service-error.ts';
import type { CallContext } from './service-caller.ts';
import type { SttClient } from './stt-client.ts';
import type { TalkResponse } from './talk-response.ts';

const NO_STT_MESSAGE = '语音识别未配置，请改用文字输入（speech recognition is not configured; type the order instead）';

export type SttSocketDeps = {
  stt: SttClient;
  /** Runs the agent turn for a transcript (absent without a session id: transcripts only). */
  turn?: (text: string, signal: AbortSignal) => Promise<TalkResponse>;
  lang: 'zh' | 'en';
  log: Logger;
  context: CallContext;
  utterance?: UtteranceOptions;
};

/**
 * WS /legacy/ws/stt: `{audio_data}` frames (base64 PCM s16le, 16 kHz mono), then `{event:"flush"}`.
 * Each utterance (ended by flush, or by a pause after speech) is sent to the stt function as
 * WAV; the transcript comes back as `final_transcript`, then the turn as `agent_response`.
 */
export function createSttSocket({ stt, turn, lang, log, context, utterance }: SttSocketDeps): WSEvents {
  const abort = new AbortController();
  const buffer = createUtteranceBuffer(utterance);
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
    work = work.then(async () => {
      const signal = abort.signal;
      if (signal.aborted) return;
      let text: string;
      try {
        text = (await stt.transcribe(wav, lang, { ...context, signal })).text.trim();
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
      let frame: { audio_data?: unknown; event?: unknown };
      try {
        frame = JSON.parse(typeof event.data === 'string' ? event.data : '') as typeof frame;
      } catch {
        return; // the original ignored frames it could not read
      }
      if (frame?.event === 'flush') return finishUtterance(ws);
      if (typeof frame?.audio_data !== 'string' || frame.audio_data === '') return;
      const result = buffer.push(Buffer.from(frame.audio_data, 'base64'));
      if (result === 'too_long') {
        buffer.take();
        return fail(ws, '一次录音最长 60 秒（recordings are limited to 60 seconds）', 1009);
      }
      if (result === 'utterance_end') finishUtterance(ws);
    },
    onClose() {
      closed = true;
      abort.abort();
    },
  };
}
