import type { WSContext, WSEvents } from 'hono/ws';
import { fieldOf } from '../../../shared/field-of.ts';
import { AppError } from '../../../shared/errors.ts';
import type { Logger } from '../../../shared/http/logger.ts';
import { splitSentences } from '../../../shared/speech/split-sentences.ts';
import { guessSpeechLang } from '../../../shared/speech/speech-lang.ts';
import type { CallContext } from './service-caller.ts';
import type { TtsClient } from './tts-client.ts';

/** Longest text one socket speaks; each sentence is one call to the tts function (≤ 1000 characters). */
const MAX_SOCKET_TEXT_CHARS = 5000;
const MAX_SENTENCE_CHARS = 1000;

/** After sentence ends (Chinese and Latin), keeping decimals like ¥41.00 whole. */
const SENTENCE_BREAK = /(?<=[。！？!?；;…\n])|(?<=[.])\s+/u;

function splitForSpeech(text: string): string[] {
  return text
    .split(SENTENCE_BREAK)
    .map((piece) => piece.trim())
    .filter((piece) => /[\p{L}\p{N}]/u.test(piece))
    .flatMap((piece) => splitSentences(piece, MAX_SENTENCE_CHARS));
}

/**
 * WS /legacy/ws/tts: the client sends `{text, format}` once; each sentence comes back as an
 * `audio_chunk` holding a complete audio file, then an empty final chunk, then the socket
 * closes. Errors are `{message_type:"error", error}`, then close.
 */
export function createTtsSocket({ tts, log, context }: { tts: TtsClient; log: Logger; context: CallContext }): WSEvents {
  const abort = new AbortController();
  let started = false;
  const send = (ws: WSContext, frame: unknown) => ws.readyState === 1 && ws.send(JSON.stringify(frame));
  const fail = (ws: WSContext, message: string) => {
    send(ws, { message_type: 'error', error: message });
    ws.close(1000, 'error');
  };

  return {
    onMessage(event, ws) {
      if (started) return;
      started = true;
      let request: unknown;
      try {
        request = JSON.parse(typeof event.data === 'string' ? event.data : '');
      } catch {
        return fail(ws, 'Invalid JSON request');
      }
      const sent = fieldOf(request, 'text');
      const text = typeof sent === 'string' ? sent.trim() : '';
      if (!text) return fail(ws, 'Missing text field');
      if (text.length > MAX_SOCKET_TEXT_CHARS) return fail(ws, `Text is longer than ${MAX_SOCKET_TEXT_CHARS} characters`);
      const format = fieldOf(request, 'format') === 'wav' ? 'wav' : 'mp3';
      const lang = guessSpeechLang(text);
      const sentences = splitForSpeech(text);
      const signal = abort.signal;

      void (async () => {
        // One sentence is synthesised ahead while the previous one is sent.
        const speak = (sentence: string) => tts.synthesize({ text: sentence, lang, format }, { ...context, signal });
        let next = sentences.length > 0 ? speak(sentences[0]!) : undefined;
        for (let index = 0; index < sentences.length; index += 1) {
          const current = next!;
          next = index + 1 < sentences.length ? speak(sentences[index + 1]!) : undefined;
          next?.catch(() => {}); // its error is reported when its turn comes
          const spoken = await current;
          send(ws, {
            message_type: 'audio_chunk',
            audio_data: Buffer.from(spoken.audio).toString('base64'),
            chunk_index: index,
            is_final: false,
            format: spoken.format,
          });
        }
        send(ws, { message_type: 'audio_chunk', audio_data: '', chunk_index: sentences.length, is_final: true });
        ws.close(1000, 'done');
      })().catch((error: unknown) => {
        if (signal.aborted) return;
        if (!(error instanceof AppError)) log.error('legacy tts socket failed', { fn: 'web', err: error });
        fail(ws, error instanceof AppError ? error.message : 'speech synthesis failed');
      });
    },
    onClose() {
      abort.abort();
    },
  };
}
