import type { MenuResponse } from '../../menu/menu-response.ts';
import type { OrderLookup } from '../../orders/order-types.ts';
import type { QuoteHeard } from '../heard-total.ts';
import type { HistoryMessage } from '../../sessions/session-types.ts';
import type { RunTool } from '../llm/run-llm-turn.ts';
import type { RunTypedTool } from '../tools/tool-runner.ts';
import type { TurnState } from '../turn-state.ts';
import type { Lang } from '../../lang.ts';

export type ProviderName = 'openrouter' | 'vllm' | 'rules';

export type TurnInput = {
  text: string;
  lang: Lang;
  history: readonly HistoryMessage[];
  menu: MenuResponse;
  /** Aborts when the client goes away. */
  signal: AbortSignal;
  onDelta?: (text: string) => void;
  /** Text already streamed is void (a link failed after speaking, or the turn is retried). */
  onReset?: () => void;
};

/** A fresh copy of the session state and a tool runner bound to it: one per attempt. */
export type TurnTools = {
  state: TurnState;
  /** For the model: any name, arguments as sent. */
  runTool: RunTool;
  /** For the rule engine: typed names, arguments and results. */
  run: RunTypedTool;
  /** The last order status this attempt looked up. */
  lookup?: () => OrderLookup | null;
  /** Drinks this attempt tried to add or switch to that are sold out. */
  soldOutRefused?: () => string[];
  /** Whether a confirm_order of the model's was refused in this attempt. */
  confirmRefused?: () => boolean;
  /** What quote_price answered in this attempt (the prices the customer must hear). */
  quotes?: () => QuoteHeard[];
};
export type MakeTools = () => TurnTools;

export type LinkResult = { reply: string; history: HistoryMessage[]; tools: TurnTools };

/** One provider as /health shows it. */
export type ProviderStatus = { name: ProviderName; state: 'closed' | 'open'; lastGoodAt: string | null } & Record<string, unknown>;

export type AgentLink = {
  name: ProviderName;
  respond(input: TurnInput, makeTools: MakeTools): Promise<LinkResult>;
  status?(): ProviderStatus;
  /** Stops background work (recovery probes). */
  close?(): void;
};

/** The link chose not to run (breaker open, not ready): not a failure of the provider. */
export class LinkSkipped extends Error {
  override name = 'LinkSkipped';
}
