import { describe, expect, it } from 'vitest';
import { classifyConfirmationReply } from './confirmation-reply.ts';

describe('what a message at the read-back means', () => {
  it.each([
    ['确认', 'yes'],
    ['好的', 'yes'],
    ['Yes please', 'yes'],
    ['sounds good!', 'yes'],
    ['wait, hold on', 'hesitation'],
    ['等一下，我再想想', 'hesitation'],
    ['let me think', 'hesitation'],
    ['先别下单', 'hesitation'],
    ['不对', 'no'],
    ['no, that is wrong', 'no'],
    ['is that with ice?', 'question'],
    ['一共多少钱', 'question'],
    ['是少冰吗', 'question'],
    ['make it large', 'change'],
    ['换成大杯', 'change'],
    ['the blue one', 'unclear'],
  ] as const)('%s → %s', (message, expected) => {
    expect(classifyConfirmationReply(message)).toBe(expected);
  });
});
