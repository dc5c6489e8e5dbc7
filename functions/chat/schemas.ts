import * as v from 'valibot';
import { LANGS } from '../../shared/lang.ts';

const MAX_MESSAGE_CHARS = 500;

const MessageTextSchema = v.pipe(
  v.string('message must be text'),
  v.trim(),
  v.minLength(1, 'message must not be empty'),
  v.maxLength(MAX_MESSAGE_CHARS, `message is at most ${MAX_MESSAGE_CHARS} characters`),
);
const SessionIdSchema = v.pipe(v.string(), v.regex(/^[\w-]{1,64}$/, 'sessionId is not valid'));
const LangSchema = v.picklist(LANGS, 'lang must be zh or en');

/** How the message came in (the owner's report): typed, or spoken and transcribed. */
const InputSchema = v.picklist(['text', 'voice'], 'input must be text or voice');
/** Who asks: our pages and API, or the original system's UIs through /legacy. */
const SourceSchema = v.picklist(['chat', 'legacy'], 'source must be chat or legacy');

export const ChatRequestSchema = v.object({
  sessionId: v.optional(SessionIdSchema),
  message: MessageTextSchema,
  lang: v.optional(LangSchema),
  input: v.optional(InputSchema),
  source: v.optional(SourceSchema),
});

export const ChatFrameSchema = v.object({
  type: v.literal('message', 'type must be "message"'),
  sessionId: v.optional(SessionIdSchema),
  text: MessageTextSchema,
  lang: v.optional(LangSchema),
  input: v.optional(InputSchema),
});
