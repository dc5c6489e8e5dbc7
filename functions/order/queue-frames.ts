import { constants, deflateRawSync } from 'node:zlib';
import { transportOf } from '../../shared/http/ws-transport.ts';

// How a /queue/ws snapshot reaches one socket: the seam between the watchers' pacing
// (queue-watchers.ts) and the bytes. Two writers keep one contract (queue-frames.contract.test.ts):
// - plainFrames: ws's own send(), one frame per socket, uncompressed;
// - sharedDeflateFrames: the fast path: a socket that negotiated permessage-deflate gets a frame
//   compressed once per snapshot and written whole to its TCP socket, the same bytes for every
//   watcher. `npm run bench:queue` measures both in one run (README, "Queue fan-out").

/** What a writer needs from a socket; `ws`'s WebSocket has it (and tests can fake it). */
export type WatcherSocket = {
  readonly readyState: number;
  /** Bytes queued in user space and not yet handed to the kernel (ws counts its TCP socket's queue). */
  readonly bufferedAmount: number;
  send(data: Buffer, options: { binary: boolean }, done: (error?: Error) => void): void;
  close(code: number, reason: string): void;
  terminate(): void;
  /** Negotiated extensions, e.g. 'permessage-deflate' (ws's public getter). */
  readonly extensions?: string;
};

/** One snapshot, serialised once; a writer may cache per-snapshot work on it (the compressed frame). */
export type Snapshot = { readonly text: Buffer; deflated?: Buffer };

/** Sends a snapshot to one socket; `done` runs once the bytes are handed to the kernel (or failed). */
export type SendSnapshot = (snapshot: Snapshot, done: (error?: Error | null) => void) => void;

/** Picks, once per socket when it opens, how snapshots are sent to it. */
export type FrameWriter = (socket: WatcherSocket) => SendSnapshot;

/** The plain path: ws frames (and would compress) each message for each socket itself. */
export const plainFrames: FrameWriter = (socket) => (snapshot, done) => socket.send(snapshot.text, { binary: false }, done);

/**
 * The fast path for sockets that negotiated permessage-deflate and that this process upgraded
 * (their TCP socket is known): one compressed frame per snapshot for all of them. Any other
 * socket gets the plain path.
 */
export const sharedDeflateFrames: FrameWriter = (socket) => {
  const transport = socket.extensions?.includes('permessage-deflate') ? transportOf(socket) : undefined;
  if (!transport) return plainFrames(socket);
  return (snapshot, done) => {
    transport.write((snapshot.deflated ??= deflatedFrame(snapshot.text)), done);
  };
};

export const FRAME_WRITERS = { plain: plainFrames, shared: sharedDeflateFrames } as const;
export type FrameWriterName = keyof typeof FRAME_WRITERS;

/**
 * A whole, unmasked WebSocket text frame carrying `text` compressed per RFC 7692. It is
 * compressed from a fresh deflate context (as with server_no_context_takeover, which the server
 * negotiates), so the message stands alone and the same bytes are valid on every socket.
 */
export function deflatedFrame(text: Buffer): Buffer {
  const compressed = deflateRawSync(text, { finishFlush: constants.Z_SYNC_FLUSH });
  const payload = compressed.subarray(0, compressed.length - 4); // §7.2.1: drop 00 00 ff ff
  return Buffer.concat([compressedTextHeader(payload.length), payload]);
}

/** RFC 6455 §5.2: FIN, RSV1 (compressed), opcode 1 (text), unmasked, and the length in 7, 16 or 64 bits. */
export function compressedTextHeader(length: number): Buffer {
  const header = Buffer.alloc(length < 126 ? 2 : length < 65_536 ? 4 : 10);
  header[0] = 0xc1;
  if (length < 126) header[1] = length;
  else if (length < 65_536) {
    header[1] = 126;
    header.writeUInt16BE(length, 2);
  } else {
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  return header;
}
