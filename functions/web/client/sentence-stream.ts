// Cuts streamed reply text into sentences as they complete, so each can be spoken while the
// rest is still arriving. A '.' ends a sentence only before whitespace ("¥18.50" stays whole).
const END = /[。！？!?；;\n]+|\.(?=\s)/gu;

export function createSentenceStream() {
  let pending = '';
  return {
    /** Adds streamed text; returns the sentences it completed. */
    push(text: string): string[] {
      pending += text;
      const out: string[] = [];
      let cut = 0;
      for (const match of pending.matchAll(END)) {
        const end = match.index + match[0].length;
        const sentence = pending.slice(cut, end).trim();
        if (sentence) out.push(sentence);
        cut = end;
      }
      pending = pending.slice(cut);
      return out;
    },
    /** The unfinished tail, at the end of the reply. */
    flush(): string[] {
      const rest = pending.trim();
      pending = '';
      return rest ? [rest] : [];
    },
    reset(): void {
      pending = '';
    },
  };
}
