/**
 * True when `value` is a plain JSON object no deeper than `maxDepth` and with at most
 * `maxNodes` values in all. Walks with its own stack, so a 30,000-deep input is refused
 * without recursion (JSON.stringify or structuredClone on it would overflow the stack).
 */
export function isBoundedJsonObject(value: unknown, { maxDepth, maxNodes }: { maxDepth: number; maxNodes: number }): boolean {
  if (!isPlainObject(value)) return false;
  const stack: [unknown, number][] = [[value, 1]];
  let nodes = 0;
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    nodes += 1;
    if (nodes > maxNodes) return false;
    if (node === null || typeof node === 'string' || typeof node === 'boolean') continue;
    if (typeof node === 'number') {
      if (!Number.isFinite(node)) return false;
      continue;
    }
    if (depth > maxDepth) return false;
    if (Array.isArray(node)) {
      for (const item of node) stack.push([item, depth + 1]);
    } else if (isPlainObject(node)) {
      for (const item of Object.values(node)) stack.push([item, depth + 1]);
    } else {
      return false;
    }
  }
  return true;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
