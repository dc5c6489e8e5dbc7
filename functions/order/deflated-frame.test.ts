import { randomBytes } from 'node:crypto';
import { constants, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compressedTextHeader, deflatedFrame } from './queue-frames.ts';

// The hand-built frame read back the way a client reads it (RFC 6455 §5.2, RFC 7692 §7.2.1),
// at each boundary of the length encoding: 7-bit, 16-bit, 64-bit.

function readHeader(frame: Buffer): { fin: boolean; rsv1: boolean; masked: boolean; opcode: number; length: number; headerBytes: number } {
  const short = frame[1]! & 0x7f;
  const [length, headerBytes] = short < 126 ? [short, 2] : short === 126 ? [frame.readUInt16BE(2), 4] : [Number(frame.readBigUInt64BE(2)), 10];
  return { fin: (frame[0]! & 0x80) !== 0, rsv1: (frame[0]! & 0x40) !== 0, masked: (frame[1]! & 0x80) !== 0, opcode: frame[0]! & 0x0f, length, headerBytes };
}

describe('the shared frames are valid WebSocket frames', () => {
  it.each([
    [0, 2],
    [125, 2],
    [126, 4],
    [65_535, 4],
    [65_536, 10],
    [5_000_000, 10],
  ])('a %i-byte payload gets a %i-byte header that reads back as that length', (length, headerBytes) => {
    const header = compressedTextHeader(length);
    expect(header.length).toBe(headerBytes);
    expect(readHeader(header)).toEqual({ fin: true, rsv1: true, masked: false, opcode: 1, length, headerBytes });
  });

  it('a frame is its header and the compressed text without the trailing 00 00 ff ff, which inflates back to the text', () => {
    for (const text of [Buffer.from('{"type":"queue","active":[]}'), randomBytes(70_000), Buffer.alloc(200_000, '排队')]) {
      const frame = deflatedFrame(text);
      const header = readHeader(frame);
      expect(frame.length).toBe(header.headerBytes + header.length);
      const payload = frame.subarray(header.headerBytes);
      expect(payload.subarray(-4).equals(Buffer.from([0, 0, 0xff, 0xff]))).toBe(false);
      const inflated = inflateRawSync(Buffer.concat([payload, Buffer.from([0, 0, 0xff, 0xff])]), { finishFlush: constants.Z_SYNC_FLUSH });
      expect(inflated.equals(text)).toBe(true);
    }
  });
});
