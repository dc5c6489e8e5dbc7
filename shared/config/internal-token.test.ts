import { describe, expect, it } from 'vitest';
import { readChatConfig } from '../../functions/chat/config.ts';
import { readOrderConfig } from '../../functions/order/config.ts';
import { readLegacyConfig } from '../../functions/web/legacy/legacy-config.ts';
import { readHttpConfig } from './http-config.ts';

const inProcess = { order: true, chat: true, stt: true, tts: true };
// Every function that reads INTERNAL_API_TOKEN, reduced to the token it ends up with.
const readers: Array<[string, (token: string) => string | undefined]> = [
  ['http (every function)', (token) => readHttpConfig({ INTERNAL_API_TOKEN: token }).internalToken],
  ['order', (token) => readOrderConfig({ INTERNAL_API_TOKEN: token }).internalToken],
  ['chat', (token) => readChatConfig({ INTERNAL_API_TOKEN: token }).INTERNAL_API_TOKEN],
  ['web /legacy', (token) => readLegacyConfig({ INTERNAL_API_TOKEN: token }, inProcess).INTERNAL_API_TOKEN],
];

describe('INTERNAL_API_TOKEN: one rule wherever it is read', () => {
  it.each(readers)('%s trims it and refuses one under 16 characters', (_name, read) => {
    expect(read('  0123456789abcdef  ')).toBe('0123456789abcdef');
    expect(() => read('short-token')).toThrow(/INTERNAL_API_TOKEN: must be at least 16 characters/);
    expect(() => read('   0123456789abcde   ')).toThrow(/INTERNAL_API_TOKEN: must be at least 16 characters/);
  });
});
