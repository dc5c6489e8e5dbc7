import { ApiError, jsonInit, requestJson, wsUrl, type ChatResponse } from './api.ts';

export type TurnHandlers = { onDelta(text: string): void; onReset(): void };

/** The frames of GET /chat/ws (DESIGN.md §3); `done` carries the POST /chat body. */
type ChatFrame =
  | { type: 'delta'; text?: string }
  | { type: 'reset' }
  | ({ type: 'done' } & ChatResponse)
  | { type: 'error'; error?: { code?: string; message?: string } };

const OPEN_TIMEOUT_MS = 4000;
const TURN_TIMEOUT_MS = 45_000;

/**
 * One chat turn at a time over GET /chat/ws (deltas, reset, done); when the socket cannot
 * open, the turn goes through POST /chat instead. Every turn ends within TURN_TIMEOUT_MS.
 */
export function createChatLink(chatBase: string) {
  let socket: WebSocket | undefined;
  let opening: Promise<WebSocket | undefined> | undefined;
  let current: { handlers: TurnHandlers; resolve(body: ChatResponse): void; reject(error: Error): void } | undefined;

  const open = (): Promise<WebSocket | undefined> => {
    if (socket?.readyState === WebSocket.OPEN) return Promise.resolve(socket);
    opening ??= new Promise<WebSocket | undefined>((resolve) => {
      const ws = new WebSocket(wsUrl(chatBase, '/chat/ws'));
      const timer = window.setTimeout(() => {
        ws.close();
        resolve(undefined);
      }, OPEN_TIMEOUT_MS);
      ws.onopen = () => {
        window.clearTimeout(timer);
        socket = ws;
        resolve(ws);
      };
      ws.onerror = () => {
        window.clearTimeout(timer);
        resolve(undefined);
      };
      ws.onmessage = (event) => onFrame(String(event.data));
      ws.onclose = () => {
        if (socket === ws) socket = undefined;
        current?.reject(new ApiError(0, 'socket_closed', 'the connection dropped'));
      };
    }).finally(() => (opening = undefined));
    return opening;
  };

  const onFrame = (raw: string) => {
    let frame: ChatFrame;
    try {
      frame = JSON.parse(raw);
    } catch {
      return;
    }
    if (!current) return;
    if (frame.type === 'delta' && typeof frame.text === 'string') current.handlers.onDelta(frame.text);
    else if (frame.type === 'reset') current.handlers.onReset();
    else if (frame.type === 'done') current.resolve(frame);
    else if (frame.type === 'error') current.reject(new ApiError(0, frame.error?.code ?? 'error', frame.error?.message ?? 'error'));
  };

  return {
    /** Sends one message; resolves with the done body (streamed or not). */
    async send(
      text: string,
      sessionId: string | undefined,
      handlers: TurnHandlers,
      input: 'text' | 'voice' = 'text',
    ): Promise<ChatResponse & { via: 'ws' | 'http' }> {
      const ws = await open();
      if (!ws) {
        const body = await requestJson<ChatResponse>(new URL('/chat', chatBase).href, {
          ...jsonInit('POST', { message: text, input, ...(sessionId ? { sessionId } : {}) }),
          timeoutMs: TURN_TIMEOUT_MS,
        });
        return { ...body, via: 'http' };
      }
      return new Promise<ChatResponse & { via: 'ws' }>((resolve, reject) => {
        const timer = window.setTimeout(() => finish(() => reject(new ApiError(0, 'timeout', 'no answer in time'))), TURN_TIMEOUT_MS);
        const finish = (settle: () => void) => {
          window.clearTimeout(timer);
          current = undefined;
          settle();
        };
        current = {
          handlers,
          resolve: (body) => finish(() => resolve({ ...body, via: 'ws' })),
          reject: (error) => finish(() => reject(error)),
        };
        ws.send(JSON.stringify({ type: 'message', text, input, ...(sessionId ? { sessionId } : {}) }));
      });
    },
    /** Opens the socket ahead of the first message. */
    warm: () => void open(),
    close: () => socket?.close(),
  };
}
