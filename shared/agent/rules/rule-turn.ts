import type { RunTypedTool } from '../tools/tool-runner.ts';
import type { TurnState } from '../turn-state.ts';
import type { Lang } from '../../lang.ts';
import { PHRASES, type LineLike } from '../replies/rule-replies.ts';
import type { DrinkSpec } from './intents.ts';
import type { Context, Offered, Pending } from './rules-memory.ts';

export type RulesTools = {
  state: TurnState;
  run: RunTypedTool;
  /** Hears about a bug the engine swallowed to answer "not understood" (tests fail on it). */
  onInternalError?: (error: unknown) => void;
};

export type LineData = LineLike & { line: number };

/** ¥18.00 is said as ¥18. */
export const speakYuan = (text: string) => text.replace(/\.00$/, '');

/** One reply being built: the tools, the sentences said so far, the open question. */
export class Turn {
  readonly out: string[] = [];
  question: Pending | null = null;
  focus: string | undefined;
  queue: DrinkSpec[];
  offered: Offered | undefined;
  recommended: string[] | undefined;
  /** How many intents this message carried (a bare "no" differs from "no pearls"). */
  intentsCount = 0;

  constructor(
    readonly state: TurnState,
    readonly run: RunTypedTool,
    readonly lang: Lang,
    context: Context,
  ) {
    this.focus = context.focus;
    this.queue = context.queue ?? [];
    this.offered = undefined;
  }

  say(text: { zh: string; en: string } | string) {
    this.out.push(typeof text === 'string' ? text : text[this.lang]);
  }

  t(zh: string, en: string) {
    return this.lang === 'zh' ? zh : en;
  }

  /** The sentences said, with "Anything else?" asked once, and not when another question follows (the read-back's). */
  reply(): string {
    const ask = PHRASES.anythingElse[this.lang];
    const last = this.out.lastIndexOf(ask);
    const askedAfter = this.out.slice(last + 1).some((sentence) => /[?？]$/.test(sentence.trim()));
    return this.out
      .filter((sentence, index) => sentence !== ask || (index === last && !askedAfter))
      .join(this.lang === 'zh' ? '' : ' ')
      .replace(/\s+/g, ' ')
      .trim();
  }
}
