// The audio of a POST /stt request: a raw audio/* body or a multipart field `audio`, checked
// for type, emptiness, size and (for WAV, from its header) length before any of it is sent on.
import type { Context } from 'hono';
import type { AppError } from '../errors.ts';
import { SPEECH_ERRORS } from './speech-errors.ts';
import { readBodyWithin } from '../http/read-body-within.ts';
import { MIME_BY_FORMAT, sniffAudioFormat, type SniffedFormat } from './audio-format.ts';
import { readWavInfo } from './wav.ts';

export type AudioUpload = {
  audio: Uint8Array;
  mimeType: string;
  filename: string;
  /** Known before transcription only for WAV; otherwise the provider measures it. */
  durationMs: number | null;
};

export type AudioLimits = { maxBytes: number; maxDurationMs: number };

/** Room for the multipart framing around a file of the largest size. */
export const MULTIPART_SLACK_BYTES = 64 * 1024;

const AUDIO_TYPE = /^audio\/[\w.+-]+$/;
const EXTENSIONS: Record<SniffedFormat, string> = { wav: 'wav', mp3: 'mp3', ogg: 'ogg', webm: 'webm', flac: 'flac', mp4: 'm4a' };

export async function readAudioUpload(c: Context, limits: AudioLimits): Promise<AudioUpload> {
  const contentType = (c.req.header('content-type') ?? '').toLowerCase();
  const mediaType = contentType.split(';', 1)[0]!.trim();
  let declared: string;
  let audio: Uint8Array;

  if (mediaType === 'multipart/form-data') {
    // Counted as it arrives; only a body within the limit is parsed.
    const body = await readBodyWithin(c.req.raw.body, limits.maxBytes + MULTIPART_SLACK_BYTES, (bytes) => sizeError(bytes, limits, true));
    let form: FormData;
    try {
      form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
    } catch {
      throw SPEECH_ERRORS.raise('invalid_multipart', 'the multipart body could not be read');
    }
    const part = form.get('audio');
    if (part === null || typeof part === 'string') {
      throw SPEECH_ERRORS.raise('missing_audio', 'send the recording as a file in the multipart field "audio"');
    }
    declared = part.type.toLowerCase().split(';', 1)[0]!.trim();
    if (declared && declared !== 'application/octet-stream' && !AUDIO_TYPE.test(declared)) {
      throw SPEECH_ERRORS.raise('unsupported_media_type', `the "audio" field is ${declared}; send audio/* (wav, webm, ogg, mp3, m4a, flac)`);
    }
    checkSize(part.size, limits);
    audio = new Uint8Array(await part.arrayBuffer());
  } else if (AUDIO_TYPE.test(mediaType)) {
    declared = mediaType;
    const length = Number(c.req.header('content-length') ?? NaN);
    if (Number.isFinite(length)) checkSize(length, limits);
    audio = await readBodyWithin(c.req.raw.body, limits.maxBytes, (bytes) => sizeError(bytes, limits, true));
  } else {
    throw SPEECH_ERRORS.raise(
      'unsupported_media_type',
      'send the audio as the raw body with Content-Type audio/* (e.g. audio/wav, audio/webm), or as multipart/form-data with a field "audio"',
    );
  }

  if (audio.length === 0) throw SPEECH_ERRORS.raise('empty_audio', 'the audio is empty');
  checkSize(audio.length, limits);

  const sniffed = sniffAudioFormat(audio);
  if (!AUDIO_TYPE.test(declared) && !sniffed) {
    throw SPEECH_ERRORS.raise('unsupported_media_type', 'the uploaded file is not a recognisable audio format; label it audio/*');
  }
  const mimeType = AUDIO_TYPE.test(declared) ? declared : MIME_BY_FORMAT[sniffed!];

  let durationMs: number | null = null;
  if (sniffed === 'wav' || /^audio\/(x-)?wav(e)?$/.test(mimeType)) {
    const info = readWavInfo(audio);
    if (!info) throw SPEECH_ERRORS.raise('invalid_audio', 'the WAV header could not be read');
    if (info.dataBytes === 0) throw SPEECH_ERRORS.raise('empty_audio', 'the WAV file has no samples');
    if (info.durationMs > limits.maxDurationMs) throw tooLong(info.durationMs, limits);
    durationMs = info.durationMs;
  }
  const extension = sniffed ? EXTENSIONS[sniffed] : mimeType.split('/')[1]!.replace(/^x-/, '').replace(/\W.*$/, '') || 'bin';
  return { audio, mimeType, filename: `audio.${extension}`, durationMs };
}

function checkSize(bytes: number, limits: AudioLimits): void {
  if (bytes > limits.maxBytes) throw sizeError(bytes, limits);
}

/** While streaming, `bytes` is how far it got before reading stopped. */
function sizeError(bytes: number, limits: AudioLimits, streaming = false): AppError {
  const size = streaming ? `over ${formatMb(limits.maxBytes)}` : formatMb(bytes);
  return SPEECH_ERRORS.raise('audio_too_large', `the audio is ${size}; the limit is ${formatMb(limits.maxBytes)}`, { maxBytes: limits.maxBytes });
}

export function tooLong(durationMs: number, limits: AudioLimits): AppError {
  return SPEECH_ERRORS.raise('audio_too_long', `the audio is ${(durationMs / 1000).toFixed(1)} s long; the limit is ${limits.maxDurationMs / 1000} s`, {
    maxSeconds: limits.maxDurationMs / 1000,
    durationMs,
  });
}

function formatMb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MB`;
}
