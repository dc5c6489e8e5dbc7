import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../testing/test-catalog.ts';

const catalog = defaultCatalog();
import { coerceToolArgs } from './coerce-tool-args.ts';

// What the model sent → what the schema then checks. Obvious meanings are coerced; anything
// else is passed on unchanged, so the schema's message names the bad value.
describe('coerceToolArgs', () => {
  it.each([
    ['number words, any case and spacing', { quantity: ' Three ', line: 'two' }, { quantity: 3, line: 2 }],
    ['digits, also with decimals', { quantity: '12', line: '1.25' }, { quantity: 12, line: 1.25 }],
    ['not a whole number text: left for the schema', { quantity: 'x2', line: '2x' }, { quantity: 'x2', line: '2x' }],
    ['sizes: words, or the letter upper-cased', { size: ' xl ' }, { size: 'XL' }],
    ['sugar words', { sugar: 'Half' }, { sugar: 50 }],
    ['sugar as "50 sugar"', { sugar: '50 sugar' }, { sugar: 50 }],
    ['sugar as a fraction in text', { sugar: '0.75' }, { sugar: 75 }],
    ['sugar that is not a number: left as sent', { sugar: '50x' }, { sugar: '50x' }],
    ['sugar with words before the number: left as sent', { sugar: 'about 50' }, { sugar: 'about 50' }],
    ['sugar that is not a string or number: left as sent', { sugar: true }, { sugar: true }],
    ['an unknown item id is trimmed', { itemId: ' coffee ' }, { itemId: 'coffee' }],
    ['toppings as text', { toppings: 'Pearl、pudding' }, { toppings: ['pearls', 'pudding'] }],
    ['toppings as blank text', { addToppings: '  ' }, { addToppings: [] }],
    ['pickup codes and order ids as numbers', { pickupCode: 12, orderId: 0 }, { pickupCode: '12', orderId: '0' }],
    ['negative or fractional codes: left for the schema', { pickupCode: -3, orderId: 1.5 }, { pickupCode: -3, orderId: 1.5 }],
    ['codes as text lose spaces and a leading #', { pickupCode: ' #12 ', orderId: '1#2' }, { pickupCode: '12', orderId: '1#2' }],
    ['a code that is not text or a number: left for the schema', { pickupCode: true }, { pickupCode: true }],
  ])('%s', (_name, raw, args) => {
    expect(coerceToolArgs(raw, catalog)).toEqual({ ok: true, args });
  });

  it('no arguments (missing, null, blank text) is an empty object; other text must be a JSON object', () => {
    for (const raw of [undefined, null, '  \n ']) expect(coerceToolArgs(raw, catalog)).toEqual({ ok: true, args: {} });
    expect(coerceToolArgs(' {"quantity":"two"} ', catalog)).toEqual({ ok: true, args: { quantity: 2 } });
    expect(coerceToolArgs('"two"', catalog)).toEqual({ ok: false, message: 'arguments must be a JSON object' });
  });
});
