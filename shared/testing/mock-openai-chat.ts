import type { IncomingMessage, ServerResponse } from 'node:http';
import { json, startLoopbackServer } from './loopback-server.ts';

// A scripted OpenAI-compatible chat completions server on loopback, for the real `openai`
// SDK to talk to. Each request takes the next step from its conversation's script (keyed by
// the conversation's first user message, `pushFor`) or else from the shared script (`push`); an
// empty script is a loud 500 so a test never passes by accident. Completions report `usage`
// (a stream in its last chunk, when asked with stream_options.include_usage), as OpenAI does.

export type ScriptedCall = { name: string; arguments: Record<string, unknown> | string; id?: string };
export type Step =
  | { toolCalls: ScriptedCall[] }
  | { content: string }
  | { status: number; body?: unknown; headers?: Record<string, string> }
  /** Accept the request and never answer. */
  | { hang: true }
  /** Stream this much content, then stall forever (streaming requests only). */
  | { hangAfter: string }
  /** Drop the connection without a response. */
  | { destroy: true }
  /** Stream this much content, then end the response with no finish_reason and no [DONE]. */
  | { cutAfter: string }
  /** HTTP 200, this much content, then an OpenRouter-style `{"error": …}` chunk (finish_reason "error"). */
  | { errorChunk: { code: number | string; message: string }; after?: string }
  /** A tool call whose arguments stop halfway, with finish_reason "length". */
  | { lengthInToolCall: ScriptedCall }
  /** Send the stream's headers and first chunk, then stall forever. */
  | { stallAfterHeaders: true };

export type RecordedRequest = { path: string; headers: IncomingMessage['headers']; body: any };

export type Usage = { prompt_tokens: number; completion_tokens: number; total_tokens: number };

export async function startMockOpenAI({ usage: reportUsage = true }: { usage?: boolean } = {}) {
  const script: Step[] = [];
  const scripts = new Map<string, Step[]>();
  /** What the completions answered so far reported as usage, summed. */
  const usageReported = { prompt: 0, completion: 0 };
  const requests: RecordedRequest[] = [];
  let healthStatus = 200;
  /** Health probes answered 200, so a test can wait for a warm-up gate to open. */
  let healthyProbes = 0;
  /** Requests whose caller went away before the answer was complete. */
  let abandoned = 0;

  const server = await startLoopbackServer(async (req, res, rawBody) => {
    const raw = rawBody.toString('utf8');
    const path = req.url ?? '';
    if (req.method === 'GET' && path.endsWith('/health')) {
      if (healthStatus === 200) healthyProbes += 1;
      res.writeHead(healthStatus).end();
      return;
    }
    const body = raw ? JSON.parse(raw) : undefined;
    requests.push({ path, headers: req.headers, body });
    if (!path.endsWith('/chat/completions')) {
      json(res, 404, { error: { message: 'not found' } });
      return;
    }
    const invalid = findOrphanToolMessage(body?.messages);
    if (invalid) {
      json(res, 400, { error: { message: invalid, type: 'invalid_request_error', param: 'messages', code: null } });
      return;
    }
    const first = firstUserMessage(body?.messages);
    const own = first === undefined ? undefined : scripts.get(first);
    const step = own?.length ? own.shift() : script.shift();
    if (!step) {
      json(res, 500, { error: { message: 'mock: no scripted step left' } });
      return;
    }
    res.on('close', () => {
      if (!res.writableEnded) abandoned += 1;
    });
    const usage = reportUsage ? usageFor(body?.messages, step) : undefined;
    const streamUsage = Boolean(body?.stream_options?.include_usage);
    const counted = usage && completes(step) && (!body?.stream || streamUsage) ? usage : undefined;
    if (counted) {
      usageReported.prompt += counted.prompt_tokens;
      usageReported.completion += counted.completion_tokens;
    }
    answer(step, Boolean(body?.stream), body?.model ?? 'mock', req, res, counted);
  });

  return {
    baseUrl: `${server.origin}/v1`,
    origin: server.origin,
    requests,
    push: (...steps: Step[]) => void script.push(...steps),
    /** Steps for the conversation whose first user message is `firstMessage`, before the shared script. */
    pushFor: (firstMessage: string, ...steps: Step[]) => void scripts.set(firstMessage, [...(scripts.get(firstMessage) ?? []), ...steps]),
    usageReported: () => ({ ...usageReported }),
    remaining: () => script.length,
    abandoned: () => abandoned,
    setHealth: (status: number) => void (healthStatus = status),
    healthyProbes: () => healthyProbes,
    close: server.close,
  };
}

function firstUserMessage(messages: unknown): string | undefined {
  if (!Array.isArray(messages)) return undefined;
  const first = messages.find((message) => message?.role === 'user');
  return typeof first?.content === 'string' ? first.content : undefined;
}

/** Steps that end in a whole completion (the only ones a provider reports usage for). */
function completes(step: Step): boolean {
  return 'toolCalls' in step || 'content' in step;
}

/** Token counts a test can recompute: a quarter of the characters in, a quarter of those out (at least 1). */
function usageFor(messages: unknown, step: Step): Usage {
  const prompt = Math.max(1, Math.ceil(JSON.stringify(messages ?? []).length / 4));
  const out = 'content' in step ? step.content : 'toolCalls' in step ? JSON.stringify(step.toolCalls) : '';
  const completion = Math.max(1, Math.ceil(out.length / 4));
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

function answer(step: Step, stream: boolean, model: string, req: IncomingMessage, res: ServerResponse, usage?: Usage) {
  if ('hang' in step) return;
  if ('destroy' in step) {
    req.socket.destroy();
    return;
  }
  if ('status' in step) {
    res.writeHead(step.status, { 'content-type': 'application/json', ...step.headers });
    res.end(JSON.stringify(step.body ?? { error: { message: `mock status ${step.status}`, code: step.status } }));
    return;
  }
  const id = `chatcmpl-${Math.random().toString(36).slice(2)}`;
  const created = Math.floor(Date.now() / 1000);
  const scriptedCalls = 'toolCalls' in step ? step.toolCalls : 'lengthInToolCall' in step ? [step.lengthInToolCall] : undefined;
  const toolCalls = scriptedCalls
    ? scriptedCalls.map((call, index) => ({
        index,
        id: call.id ?? `call_${index}_${Math.random().toString(36).slice(2, 8)}`,
        type: 'function' as const,
        function: { name: call.name, arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments) },
      }))
    : undefined;
  if ('lengthInToolCall' in step) {
    const call = toolCalls![0]!;
    call.function.arguments = call.function.arguments.slice(0, Math.ceil(call.function.arguments.length / 2));
  }
  const content =
    'content' in step
      ? step.content
      : 'hangAfter' in step
        ? step.hangAfter
        : 'cutAfter' in step
          ? step.cutAfter
          : 'errorChunk' in step
            ? (step.after ?? '')
            : null;
  const finish = toolCalls ? ('lengthInToolCall' in step ? 'length' : 'tool_calls') : 'stop';

  if (!stream) {
    if ('hangAfter' in step) return; // a plain request that never completes
    if ('stallAfterHeaders' in step) {
      res.writeHead(200, { 'content-type': 'application/json' }).flushHeaders();
      return;
    }
    if ('cutAfter' in step) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`{"id":"${id}","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"${content}`);
      return;
    }
    if ('errorChunk' in step) {
      json(res, 200, {
        id,
        object: 'chat.completion',
        created,
        model,
        error: step.errorChunk,
        choices: [{ index: 0, message: { role: 'assistant', content: '' }, finish_reason: 'error' }],
      });
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        id,
        object: 'chat.completion',
        created,
        model,
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content, ...(toolCalls ? { tool_calls: toolCalls.map(({ index: _i, ...call }) => call) } : {}) },
            finish_reason: finish,
          },
        ],
        ...(usage ? { usage } : {}),
      }),
    );
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  const send = (delta: unknown, finish: string | null = null) =>
    res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`);
  send({ role: 'assistant', content: '' });
  if ('stallAfterHeaders' in step) return;
  if (toolCalls) {
    for (const call of toolCalls) {
      const args = call.function.arguments;
      const half = Math.floor(args.length / 2);
      send({ tool_calls: [{ index: call.index, id: call.id, type: 'function', function: { name: call.function.name, arguments: args.slice(0, half) } }] });
      send({ tool_calls: [{ index: call.index, function: { arguments: args.slice(half) } }] });
    }
    send({}, finish);
  } else if (content !== null) {
    // A few deltas, as a real model would stream them.
    for (const piece of content.match(/[\s\S]{1,6}/g) ?? []) send({ content: piece });
    if ('hangAfter' in step) return;
    if ('cutAfter' in step) {
      res.end(); // the connection closes cleanly, mid-reply
      return;
    }
    if ('errorChunk' in step) {
      // OpenRouter: the status is already 200, so a failure mid-generation arrives as a data event.
      res.write(
        `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, error: step.errorChunk, choices: [{ index: 0, delta: { content: '' }, finish_reason: 'error' }] })}\n\n`,
      );
      res.end();
      return;
    }
    send({}, 'stop');
  }
  // OpenAI's last chunk when asked for usage: no choices, just the counts.
  if (usage) res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [], usage })}\n\n`);
  res.write('data: [DONE]\n\n');
  res.end();
}

/**
 * OpenAI answers 400 when a `tool` message does not answer a `tool_calls` id of an earlier
 * assistant message; a strict mock keeps the history replay honest.
 */
function findOrphanToolMessage(messages: unknown): string | null {
  if (!Array.isArray(messages)) return null;
  const callIds = new Set<string>();
  for (const [index, message] of messages.entries()) {
    if (message?.role === 'assistant') for (const call of message.tool_calls ?? []) callIds.add(call.id);
    if (message?.role === 'tool' && !callIds.has(message.tool_call_id)) {
      return `Invalid parameter: messages[${index}] with role 'tool' must be a response to a preceding message with 'tool_calls' (id ${JSON.stringify(message.tool_call_id)}).`;
    }
  }
  return null;
}
