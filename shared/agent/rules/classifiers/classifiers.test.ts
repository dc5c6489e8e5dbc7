import { describe, expect, it } from 'vitest';
import { withMenu } from '../../menu-scope.ts';
import { defaultCatalog } from '../../../testing/test-catalog.ts';
import { INTENT_CLASSIFIERS } from '../intent-classifiers.ts';
import { parseUtterance } from '../parse-utterance.ts';

// Each rule's own examples: the message is read by that rule (not an earlier one) and means what
// the example says (the fields it names; others may be present).

describe.each(INTENT_CLASSIFIERS.map((classifier) => [classifier.name, classifier] as const))('%s', (_name, classifier) => {
  it.each(classifier.examples.map((example) => [example.say, example] as const))('%s', (_say, example) => {
    const parsed = withMenu(defaultCatalog(), () => parseUtterance(example.say));
    expect(parsed.decidedBy).toBe(classifier.name);
    expect(parsed.intents).toMatchObject(example.means);
  });
});

it('the rules have distinct names, each with examples', () => {
  const names = INTENT_CLASSIFIERS.map((classifier) => classifier.name);
  expect(new Set(names).size).toBe(names.length);
  for (const classifier of INTENT_CLASSIFIERS) expect(classifier.examples.length, classifier.name).toBeGreaterThan(0);
});
