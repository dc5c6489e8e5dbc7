// Long replies are spoken in pieces where a provider caps its input: split after sentence
// ends (Chinese and Latin punctuation), then after clause marks, and only as a last resort
// inside a run of text.

const CLOSERS = `"'”’）)」』`;
const SENTENCE_END = new RegExp(`(?<=[。！？!?；;…][${CLOSERS}]*)(?![${CLOSERS}。！？!?；;…])\\s*|(?<=\\.[${CLOSERS}]*)\\s+`, 'u');
const CLAUSE_END = /(?<=[，,、：:])\s*/u;

/** Pieces of at most `maxChars` characters (code points), in order, none empty. */
export function splitSentences(text: string, maxChars: number): string[] {
  if (maxChars < 1) throw new RangeError('maxChars must be at least 1');
  const trimmed = text.trim();
  if (!trimmed) return [];
  if (length(trimmed) <= maxChars) return [trimmed];
  const pieces = trimmed.split(SENTENCE_END).flatMap((sentence) => splitLong(sentence, maxChars));
  return pack(pieces, maxChars);
}

function splitLong(sentence: string, maxChars: number): string[] {
  if (length(sentence) <= maxChars) return [sentence];
  const clauses = sentence.split(CLAUSE_END).filter(Boolean);
  return clauses.flatMap((clause) => {
    if (length(clause) <= maxChars) return [clause];
    const points = [...clause];
    const out: string[] = [];
    let start = 0;
    while (start < points.length) {
      // Prefer to break at a space within the window, so an English word stays whole.
      let end = Math.min(points.length, start + maxChars);
      if (end < points.length) {
        const space = points.slice(start, end).lastIndexOf(' ');
        if (space > 0) end = start + space + 1;
      }
      out.push(points.slice(start, end).join(''));
      start = end;
    }
    return out;
  });
}

/** Greedily joins neighbouring pieces back together while they fit, so there are few requests. */
function pack(pieces: string[], maxChars: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const raw of pieces) {
    const piece = raw.trim();
    if (!piece) continue;
    const joined = current ? `${current}${needsSpace(current, piece) ? ' ' : ''}${piece}` : piece;
    if (length(joined) <= maxChars) current = joined;
    else {
      if (current) out.push(current);
      current = piece;
    }
  }
  if (current) out.push(current);
  return out;
}

function needsSpace(left: string, right: string): boolean {
  return /[\p{Script=Latin}\d.,!?;:]$/u.test(left) && /^[\p{Script=Latin}\d]/u.test(right);
}

function length(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}
