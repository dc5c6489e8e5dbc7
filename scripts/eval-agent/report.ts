import { judgeCase, type CaseFailure, type ScoredCase } from '../../shared/testing/case-judge.ts';
import type { LogEvent } from './capture-log.ts';
import type { ConversationRun } from './run-conversation.ts';
import { heardWrongTotal, placementsWithoutClearYes, refusedConfirms, replacedAmounts } from './turn-checks.ts';
import type { MenuDefinition } from '../../shared/menu/menu-types.ts';
import { menuPrices } from '../../shared/agent/heard-amount.ts';

/** The model under test; null when only the offline agent answers (the baseline). */
export type ModelUnderTest = { link: 'openrouter' | 'vllm'; baseUrl: string; model: string } | null;

/** One conversation, scored. */
export type CaseResult = {
  group: string;
  name: string;
  passed: boolean;
  /** Passed on cart, draft, state and orders (maybe not on the reply's wording). */
  outcomePassed: boolean;
  failures: CaseFailure[];
  /** 0-based turns that placed an order without a clear yes. */
  placementsWithoutClearYes: number[];
  /** 0-based turns whose reply told a total the server did not compute. */
  wrongTotalTurns: number[];
  confirmsRefused: number;
  amountsReplaced: number;
  turns: { message: string; reply: string; provider: string; status: number; ms: number }[];
};

export type Figures = {
  cases: number;
  passed: number;
  passRate: number;
  outcomePassed: number;
  placementsWithoutClearYes: number;
  wrongTotalsHeard: number;
  confirmsRefused: number;
  amountsReplaced: number;
  turns: number;
  /** Turns the model under test did not answer (another provider, or an error); with no model, 0. */
  fallbackTurns: number;
  errorTurns: number;
  latencyMs: { p50: number; p95: number };
};

export type EvalReport = {
  model: ModelUnderTest;
  concurrency: number;
  durationMs: number;
  groups: ({ group: string } & Figures)[];
  all: Figures;
  /** Summed from the provider's `usage`; null when it reported none. */
  tokens: { prompt: number; completion: number; perModelTurn: { prompt: number; completion: number } } | null;
  cases: CaseResult[];
};

/** Scores one conversation with the case's own expectations (case-judge.ts) and the turn checks. */
export function scoreConversation(group: string, c: ScoredCase, run: ConversationRun, menu: MenuDefinition): CaseResult {
  const failures = judgeCase(c, run.outcome);
  const prices = menuPrices(menu);
  return {
    group,
    name: c.name,
    passed: failures.length === 0,
    outcomePassed: failures.every((failure) => failure.kind !== 'outcome'),
    failures,
    placementsWithoutClearYes: placementsWithoutClearYes(c, run.turns),
    wrongTotalTurns: run.turns.flatMap((turn, index) => (heardWrongTotal(turn, run.turns[index - 1], prices) ? [index] : [])),
    confirmsRefused: run.turns.reduce((sum, turn) => sum + refusedConfirms(turn), 0),
    amountsReplaced: run.turns.reduce((sum, turn) => sum + replacedAmounts(turn), 0),
    turns: run.turns.map(({ message, reply, provider, status, ms }) => ({ message, reply, provider, status, ms: Math.round(ms * 10) / 10 })),
  };
}

/** Nearest-rank percentile of the samples (0 for none). */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return 0;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function figuresOf(results: readonly CaseResult[], model: ModelUnderTest): Figures {
  const turns = results.flatMap((result) => result.turns);
  const sum = (pick: (result: CaseResult) => number) => results.reduce((total, result) => total + pick(result), 0);
  const passed = results.filter((result) => result.passed).length;
  const ms = turns.map((turn) => turn.ms);
  return {
    cases: results.length,
    passed,
    passRate: results.length ? passed / results.length : 0,
    outcomePassed: results.filter((result) => result.outcomePassed).length,
    placementsWithoutClearYes: sum((result) => result.placementsWithoutClearYes.length),
    wrongTotalsHeard: sum((result) => result.wrongTotalTurns.length),
    confirmsRefused: sum((result) => result.confirmsRefused),
    amountsReplaced: sum((result) => result.amountsReplaced),
    turns: turns.length,
    fallbackTurns: model ? turns.filter((turn) => turn.provider !== model.link).length : 0,
    errorTurns: turns.filter((turn) => turn.provider === 'error').length,
    latencyMs: { p50: round(percentile(ms, 50)), p95: round(percentile(ms, 95)) },
  };
}

/** The report: figures per group and for all, the tokens from the chain's 'model usage' lines. */
export function buildReport({
  results,
  model,
  concurrency,
  durationMs,
  chainEvents,
}: {
  results: CaseResult[];
  model: ModelUnderTest;
  concurrency: number;
  durationMs: number;
  chainEvents: readonly LogEvent[];
}): EvalReport {
  const groups = [...new Set(results.map((result) => result.group))];
  const all = figuresOf(results, model);
  const usage = chainEvents.filter((event) => event.msg === 'model usage');
  const prompt = usage.reduce((total, event) => total + Number(event.promptTokens ?? 0), 0);
  const completion = usage.reduce((total, event) => total + Number(event.completionTokens ?? 0), 0);
  return {
    model,
    concurrency,
    durationMs: Math.round(durationMs),
    groups: groups.map((group) => ({
      group,
      ...figuresOf(
        results.filter((result) => result.group === group),
        model,
      ),
    })),
    all,
    tokens: usage.length
      ? { prompt, completion, perModelTurn: { prompt: Math.round(prompt / usage.length), completion: Math.round(completion / usage.length) } }
      : null,
    cases: results,
  };
}

const round = (ms: number) => Math.round(ms * 10) / 10;
