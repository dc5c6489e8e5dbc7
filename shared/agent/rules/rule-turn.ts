import type { RunTypedTool } from '../tools/tool-runner.ts';
import type { TurnState } from '../turn-state.ts';
import type { Lang, LineLike } from '../replies/rule-replies.ts';
import type { DrinkSpec } from './intents.ts';

export type RulesTools = {
  state: TurnState;
  run: RunTypedTool;
  /** Hears about a bug the engine swallowed to answer "not understood" (tests fail on it). */
  onInternalError?: (error: unknown) => void;
};

export type Pending =
  | { q: 'clear' }
  | { q: 'did_you_mean'; text: string; names?: string[] }
  | { q: 'which_line'; action: 'modify' | 'remove'; changes?: DrinkSpec }
  | { q: 'quantity'; drink: DrinkSpec }
  | { q: 'which_item'; drink: DrinkSpec };
/** Between turns: the line in focus, drinks still to ask about, the drink just offered ("要来一杯吗？"). */
export type Context = { q?: undefined; focus?: string; queue?: DrinkSpec[]; offered?: Offered };
export type Offered = { itemId: string; size?: string };

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

  reply(): string {
    return this.out
      .join(this.lang === 'zh' ? '' : ' ')
      .replace(/\s+/g, ' ')
      .trim();
  }
}
