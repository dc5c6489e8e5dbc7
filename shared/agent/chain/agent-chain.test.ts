import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors.ts';
import { createLogger } from '../../http/logger.ts';
import { turnInput } from '../../testing/turn-input.ts';
import { createAgentChain } from './agent-chain.ts';
import { LinkSkipped, type AgentLink, type MakeTools, type ProviderName, type TurnTools } from './agent-link.ts';
import { trackDeltas } from './delta-tracker.ts';

/** A link that speaks `deltas`, then answers `reply` or throws `error`; it counts its calls. */
function fakeLink(name: ProviderName, behaviour: { reply?: string; error?: unknown; deltas?: string[]; onCall?: () => void }) {
  let calls = 0;
  const link: AgentLink = {
    name,
    async respond(input, makeTools) {
      calls += 1;
      behaviour.onCall?.();
      for (const text of behaviour.deltas ?? []) input.onDelta?.(text);
      if (behaviour.error !== undefined) throw behaviour.error;
      return { reply: behaviour.reply ?? '', history: [{ role: 'assistant', content: behaviour.reply ?? '' }], tools: makeTools() };
    },
  };
  return { link, calls: () => calls };
}

function logCapture() {
  const lines: Record<string, unknown>[] = [];
  return { log: createLogger({ level: 'debug', write: (line) => lines.push(JSON.parse(line)) }), lines };
}

const makeTools: MakeTools = () => ({}) as TurnTools;

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('agent chain', () => {
  it('falls through a failing and a skipped provider to the next; only a real failure is logged', async () => {
    const { log, lines } = logCapture();
    const openrouter = fakeLink('openrouter', { error: new Error('502 upstream') });
    const vllm = fakeLink('vllm', { error: new LinkSkipped('vllm is still starting') });
    const rules = fakeLink('rules', { reply: 'one oolong, got it' });
    const chain = createAgentChain([openrouter.link, vllm.link, rules.link], log);
    const result = await chain.respond(turnInput(), makeTools);
    expect(result).toMatchObject({ reply: 'one oolong, got it', provider: 'rules' });
    expect([openrouter.calls(), vllm.calls(), rules.calls()]).toEqual([1, 1, 1]);
    expect(lines.map(({ level, msg, provider }) => ({ level, msg, provider }))).toEqual([
      { level: 'warn', msg: 'falling through to the next provider', provider: 'openrouter' },
    ]);
    expect(new LinkSkipped('x').name).toBe('LinkSkipped');
  });

  it('the first provider that answers wins; later ones are not asked', async () => {
    const first = fakeLink('openrouter', { reply: 'hello' });
    const second = fakeLink('rules', { reply: 'unused' });
    const chain = createAgentChain([first.link, second.link], createLogger({ level: 'silent' }));
    expect(await chain.respond(turnInput(), makeTools)).toMatchObject({ reply: 'hello', provider: 'openrouter' });
    expect(second.calls()).toBe(0);
    expect(chain.providers).toEqual(['openrouter', 'rules']);
    expect(chain.status()).toEqual([
      { name: 'openrouter', state: 'closed', lastGoodAt: null },
      { name: 'rules', state: 'closed', lastGoodAt: null },
    ]);
  });

  it('every provider failing is a 503 agent_unavailable', async () => {
    const chain = createAgentChain(
      [fakeLink('openrouter', { error: new Error('down') }).link, fakeLink('vllm', { error: new LinkSkipped('open') }).link],
      createLogger({ level: 'silent' }),
    );
    const error = await rejection(chain.respond(turnInput(), makeTools));
    expect({ status: error.status, code: error.code, message: error.message }).toEqual({
      status: 503,
      code: 'agent_unavailable',
      message: 'the ordering assistant is unavailable right now',
    });
  });

  it('a client that went away stops the chain: no other provider runs for nobody', async () => {
    const { log, lines } = logCapture();
    const controller = new AbortController();
    const first = fakeLink('openrouter', { error: new Error('aborted'), onCall: () => controller.abort() });
    const second = fakeLink('rules', { reply: 'unused' });
    const chain = createAgentChain([first.link, second.link], log);
    const error = await rejection(chain.respond(turnInput({ signal: controller.signal }), makeTools));
    expect({ status: error.status, code: error.code, message: error.message }).toEqual({
      status: 503,
      code: 'client_gone',
      message: 'the client went away before the reply',
    });
    expect(second.calls()).toBe(0);
    expect(lines).toEqual([]);
  });

  it('text streamed by a provider that then failed is reset once; a silent failure resets nothing', async () => {
    const streamed: string[] = [];
    let resets = 0;
    const chain = createAgentChain(
      [
        fakeLink('openrouter', { error: new Error('silent failure') }).link,
        fakeLink('vllm', { deltas: ['One oo'], error: new Error('cut mid-stream') }).link,
        fakeLink('rules', { deltas: ['One oolong.'], reply: 'One oolong.' }).link,
      ],
      createLogger({ level: 'silent' }),
    );
    const onDelta = (text: string) => streamed.push(text);
    await chain.respond(turnInput({ onDelta, onReset: () => (resets += 1) }), makeTools);
    expect(streamed).toEqual(['One oo', 'One oolong.']);
    expect(resets).toBe(1);
  });

  it('a caller that streams but takes no reset still gets the next provider’s answer', async () => {
    const chain = createAgentChain(
      [fakeLink('openrouter', { deltas: ['Hel'], error: new Error('cut') }).link, fakeLink('rules', { reply: 'Hello' }).link],
      createLogger({ level: 'silent' }),
    );
    expect(await chain.respond(turnInput({ onDelta: () => {} }), makeTools)).toMatchObject({ provider: 'rules', reply: 'Hello' });
  });
});

describe('delta tracker', () => {
  it('remembers that text went out until told to forget it', () => {
    const seen: string[] = [];
    const deltas = trackDeltas((text) => seen.push(text));
    expect(deltas.sent()).toBe(false);
    deltas.onDelta!('a');
    expect(deltas.sent()).toBe(true);
    deltas.forget();
    expect(deltas.sent()).toBe(false);
    expect(seen).toEqual(['a']);
    expect(trackDeltas(undefined).onDelta).toBeUndefined();
  });
});
