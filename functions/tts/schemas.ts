import * as v from 'valibot';
import { LANGS } from '../../shared/lang.ts';

const MAX_TTS_CHARS = 1000;

/** The text to speak; also what web's /legacy/tts accepts. */
export const TtsTextSchema = v.pipe(
  v.string('text must be a string'),
  v.trim(),
  v.minLength(1, 'text must not be empty'),
  v.maxLength(MAX_TTS_CHARS, `text must be at most ${MAX_TTS_CHARS} characters`),
);

export const TtsRequestSchema = v.object({
  text: TtsTextSchema,
  lang: v.optional(v.picklist(LANGS, 'lang must be zh or en')),
  voice: v.optional(v.pipe(v.string(), v.regex(/^[\w.-]{1,64}$/, 'voice must be 1..64 letters, digits, _ . or -'))),
  format: v.optional(v.picklist(['mp3', 'wav'], 'format must be mp3 or wav')),
  /** With format, refuse (422) rather than answer in another format. */
  strictFormat: v.optional(v.boolean('strictFormat must be true or false')),
});
