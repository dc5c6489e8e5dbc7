import type { Intent } from '../intents.ts';
import type { UtteranceFacts } from '../utterance-facts.ts';

/**
 * One rule of the parser: the intents a message means, or null when the rule does not apply.
 * `examples` are what the rule is for; classifiers.test.ts checks each is decided by this rule.
 */
export type IntentClassifier = {
  name: string;
  classify: (facts: UtteranceFacts) => Intent[] | null;
  examples: { say: string; means: PartialIntent[] }[];
};

/** An intent with only the fields an example cares about (matched as a subset). */
type DeepPartial<T> = T extends (infer U)[] ? DeepPartial<U>[] : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;
export type PartialIntent = { [I in Intent as I['type']]: { type: I['type'] } & DeepPartial<Omit<I, 'type'>> }[Intent['type']];
