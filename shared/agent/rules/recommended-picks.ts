import { newSpec } from './drink-spec.ts';
import type { Intent } from './intents.ts';
import { takeOffered } from './awaiting-answers.ts';

// Right after "I'd recommend A, B, C": "the first one, large" / "那就第二个吧" order that pick, and
// with a single pick "yes" or "a large one" order it. Any other message is read as usual.

export function takeRecommended(intents: Intent[], picks: string[]): Intent[] {
  const said = intents.filter((intent) => intent.type !== 'yes');
  const [only] = said;
  const n = said.length === 1 && only ? pickNumber(only) : null;
  if (n === null || n > picks.length) return picks.length === 1 ? takeOffered(intents, { itemId: picks[0]! }) : intents;
  const changes = only?.type === 'modify' ? only.changes : newSpec();
  return [{ type: 'order', drinks: [{ ...changes, itemId: picks[n - 1]!, quantity: changes.quantity ?? 1 }] }];
}

/** "the second one": the number of the pick meant, or null. */
function pickNumber(intent: Intent): number | null {
  if (intent.type === 'line_ref' && intent.target.kind === 'index') return intent.target.n;
  if (intent.type === 'modify' && intent.target.kind === 'index' && !intent.changes.itemId) return intent.target.n;
  if (intent.type === 'number') return intent.value;
  return null;
}
