import * as v from 'valibot';
import type { ScoredCase } from '../../shared/testing/case-judge.ts';
import { SESSION_STATES, DraftSchema } from '../../shared/sessions/session-types.ts';

// The shape of a conversation file, the same as the case tables in shared/testing: a rule-case
// row (say, start, lines, draft, state, reply…) or a held-out conversation (say, cart, placed).
// In JSON a pattern is a string: "Total ¥36" or "/total ¥36/i".

/** "itemId/size/sugar/ice/[topping,topping]/quantity", as formatCaseLine writes it. */
const CaseLineSchema = v.pipe(
  v.string(),
  v.regex(/^[^/\s]+\/[^/\s]+\/\d+\/[^/\s]+\/\[[^\]]*\]\/\d+$/, 'a line is "itemId/size/sugar/ice/[toppings]/quantity"'),
);
const LinesSchema = v.array(CaseLineSchema);
const LangSchema = v.picklist(['zh', 'en']);
const SaySchema = v.pipe(v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(500))), v.minLength(1, 'say needs at least one message'));

const PatternSchema = v.union([
  v.instance(RegExp),
  v.pipe(
    v.string(),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      const slashed = /^\/(.*)\/([a-z]*)$/s.exec(dataset.value);
      try {
        return slashed ? new RegExp(slashed[1]!, slashed[2]) : new RegExp(dataset.value);
      } catch (error) {
        addIssue({ message: `not a regular expression: ${(error as Error).message}` });
        return NEVER;
      }
    }),
  ),
]);

const StartSchema = v.strictObject({
  cart: v.optional(LinesSchema),
  state: v.optional(v.picklist(SESSION_STATES)),
  soldOut: v.optional(v.array(v.string())),
  lastOrderId: v.optional(v.string()),
  draft: v.optional(v.nullable(DraftSchema)),
});

const RuleCaseSchema = v.strictObject({
  name: v.string(),
  say: SaySchema,
  start: v.optional(StartSchema),
  lang: v.optional(LangSchema),
  lines: LinesSchema,
  draft: v.optional(v.nullable(v.strictObject({ itemId: v.optional(v.string()), missing: v.array(v.string()) }))),
  state: v.picklist(SESSION_STATES),
  reply: v.optional(PatternSchema),
  replyNot: v.optional(PatternSchema),
  replyLang: v.optional(LangSchema),
  orders: v.optional(v.array(v.pipe(v.number(), v.integer(), v.minValue(0)))),
});

const HeldOutSchema = v.strictObject({
  name: v.string(),
  say: SaySchema,
  cart: v.optional(LinesSchema),
  placed: v.optional(LinesSchema),
});

export const CasesSchema = v.pipe(
  // A case with lines or a state is a rule-case row; any other, a held-out conversation.
  v.array(v.lazy((input) => (input && typeof input === 'object' && ('lines' in input || 'state' in input) ? RuleCaseSchema : HeldOutSchema))),
  v.check((cases) => new Set(cases.map((c) => c.name)).size === cases.length, 'case names must be unique'),
);

/** A JSON conversation file: the cases with their group name and menu (or a bare array of cases). */
export const CaseFileSchema = v.strictObject({
  /** Defaults to the file's name. */
  group: v.optional(v.pipe(v.string(), v.minLength(1))),
  /** A menu file (DESIGN.md §4), relative to this file; default the embedded menu. */
  menuFile: v.optional(v.pipe(v.string(), v.minLength(1))),
  cases: CasesSchema,
});

export type CaseFile = { group?: string; menuFile?: string; cases: ScoredCase[] };

/** Parses a file's cases; throws an error naming where each problem is. */
export function parseCaseFile(input: unknown, where: string): CaseFile {
  const result = v.safeParse(CaseFileSchema, Array.isArray(input) ? { cases: input } : input);
  if (!result.success) {
    const problems = result.issues.slice(0, 5).map((issue) => `${v.getDotPath(issue) ?? '(file)'}: ${issue.message}`);
    throw new Error(`${where}: not a conversation file\n  ${problems.join('\n  ')}`);
  }
  return result.output as CaseFile;
}
