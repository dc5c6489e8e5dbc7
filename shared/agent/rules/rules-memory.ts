import * as v from 'valibot';
import type { DrinkSpec } from './intents.ts';

// What the offline agent remembers between turns, stored in the session's `pending` JSON: either
// the question it asked (and waits on), or its context (the line in focus, drinks still to ask
// about, the drink just offered). Parsed by schema on every read; a stored value that does not
// fit (an older shape, a hand-edited row) is forgotten, never cast.

const DrinkSpecSchema: v.GenericSchema<DrinkSpec> = v.object({
  itemId: v.optional(v.string()),
  size: v.optional(v.string()),
  sugar: v.optional(v.number()),
  ice: v.optional(v.string()),
  addToppings: v.array(v.string()),
  removeToppings: v.array(v.string()),
  noToppings: v.boolean(),
  quantity: v.optional(v.number()),
  badQuantity: v.optional(v.number()),
  quantityRange: v.optional(v.tuple([v.number(), v.number()])),
  badSize: v.optional(v.string()),
  badSugar: v.optional(v.number()),
  iceConflict: v.optional(v.array(v.string())),
});

/** The questions the agent waits on an answer to. */
const QuestionSchema = v.variant('q', [
  v.object({ q: v.literal('clear') }),
  v.object({ q: v.literal('did_you_mean'), text: v.string(), names: v.optional(v.array(v.string())) }),
  v.object({ q: v.literal('which_line'), action: v.picklist(['modify', 'remove']), changes: v.optional(DrinkSpecSchema) }),
  v.object({ q: v.literal('quantity'), drink: DrinkSpecSchema }),
  v.object({ q: v.literal('which_item'), drink: DrinkSpecSchema }),
]);

const OfferedSchema = v.object({ itemId: v.string(), size: v.optional(v.string()) });
const ContextSchema = v.object({
  focus: v.optional(v.string()),
  queue: v.optional(v.array(DrinkSpecSchema)),
  offered: v.optional(OfferedSchema),
  /** The drinks just recommended, in the order said ("the second one"). */
  recommended: v.optional(v.array(v.string())),
});

export type Pending = v.InferOutput<typeof QuestionSchema>;
export type Offered = v.InferOutput<typeof OfferedSchema>;
export type Context = v.InferOutput<typeof ContextSchema>;
export type RulesMemory = { question: Pending | null; context: Context };

export function readMemory(stored: Record<string, unknown> | null): RulesMemory {
  if (!stored) return { question: null, context: {} };
  if ('q' in stored) {
    const question = v.safeParse(QuestionSchema, stored);
    return { question: question.success ? question.output : null, context: {} };
  }
  const context = v.safeParse(ContextSchema, stored);
  return { question: null, context: context.success ? context.output : {} };
}

/** The stored form: the question when one is open, else the context (null when empty). */
export function writeMemory(memory: RulesMemory): Record<string, unknown> | null {
  if (memory.question) return { ...memory.question };
  const entries = Object.entries(memory.context).filter(([, value]) => value !== undefined);
  return entries.length ? Object.fromEntries(entries) : null;
}
