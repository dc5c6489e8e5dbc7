import WebSocket from 'ws';

export type ChatFrame = { type: string; [key: string]: any };
export type SocketTurn = { frames: ChatFrame[]; deltas: string[]; resets: number; done: ChatFrame | undefined; error: ChatFrame | undefined; ms: number };

/**
 * A /chat/ws client for tests: `turn(text)` sends one message and resolves with every frame
 * up to its `done` or `error` frame, awaited on the socket's events (no polling).
 */
export async function connectChatSocket(url: string) {
  const socket = new WebSocket(url);
  const inbox: ChatFrame[] = [];
  let wake: (() => void) | undefined;
  socket.on('message', (data) => {
    inbox.push(JSON.parse(String(data)) as ChatFrame);
    wake?.();
  });
  socket.on('close', () => wake?.());
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));

  const nextFrame = async (): Promise<ChatFrame> => {
    while (inbox.length === 0) {
      if (socket.readyState !== WebSocket.OPEN) throw new Error('socket closed');
      await new Promise<void>((resolve) => (wake = resolve));
    }
    return inbox.shift()!;
  };

  return {
    socket,
    async turn(text: string, extra: Record<string, unknown> = {}): Promise<SocketTurn> {
      const started = Date.now();
      socket.send(JSON.stringify({ type: 'message', text, ...extra }));
      const frames: ChatFrame[] = [];
      for (;;) {
        const frame = await nextFrame();
        frames.push(frame);
        if (frame.type === 'done' || frame.type === 'error') break;
      }
      // Deltas after the last reset are what the customer sees.
      const lastReset = frames.map((frame) => frame.type).lastIndexOf('reset');
      return {
        frames,
        deltas: frames
          .slice(lastReset + 1)
          .filter((frame) => frame.type === 'delta')
          .map((frame) => frame.text as string),
        resets: frames.filter((frame) => frame.type === 'reset').length,
        done: frames.find((frame) => frame.type === 'done'),
        error: frames.find((frame) => frame.type === 'error'),
        ms: Date.now() - started,
      };
    },
    close: () => socket.close(),
  };
}
