import * as v from 'valibot';

export const MAX_MESSAGE_CHARS = 500;

const MessageTextSchema = v.pipe(
  v.string('message must be text'),
  v.trim(),
  v.minLength(1, 'message must not be empty'),
  v.maxLength(MAX_MESSAGE_CHARS, `message is at most ${MAX_MESSAGE_CHARS} characters`),
);
const SessionIdSchema = v.pipe(v.string(), v.regex(/^[\w-]{1,64}$/, 'sessionId is not valid'));
const LangSchema = v.picklist(['zh', 'en'], 'lang must be zh or en');

export const ChatRequestSchema = v.object({
  sessionId: v.optional(SessionIdSchema),
  message: MessageTextSchema,
  lang: v.optional(LangSchema),
});

export const ChatFrameSchema = v.object({
  type: v.literal('message', 'type must be "message"'),
  sessionId: v.optional(SessionIdSchema),
  text: MessageTextSchema,
  lang: v.optional(LangSchema),
});
