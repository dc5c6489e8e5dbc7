import { isWav } from './wav.ts';

export type SniffedFormat = 'wav' | 'mp3' | 'ogg' | 'webm' | 'flac' | 'mp4';

export const MIME_BY_FORMAT: Record<SniffedFormat, string> = {
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  webm: 'audio/webm',
  flac: 'audio/flac',
  mp4: 'audio/mp4',
};

/** Recognises common audio containers by their first bytes. */
export function sniffAudioFormat(bytes: Uint8Array): SniffedFormat | undefined {
  if (isWav(bytes)) return 'wav';
  if (startsWith(bytes, [0x49, 0x44, 0x33])) return 'mp3'; // ID3 tag
  if (bytes.length >= 2 && bytes[0] === 0xff && (bytes[1]! & 0xe0) === 0xe0) return 'mp3'; // frame sync
  if (startsWith(bytes, [0x4f, 0x67, 0x67, 0x53])) return 'ogg';
  if (startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3])) return 'webm';
  if (startsWith(bytes, [0x66, 0x4c, 0x61, 0x43])) return 'flac';
  if (bytes.length >= 8 && String.fromCharCode(...bytes.subarray(4, 8)) === 'ftyp') return 'mp4';
  return undefined;
}

/** Drops a leading ID3v2 tag, so MP3 parts can be concatenated into one stream. */
export function stripId3(bytes: Uint8Array): Uint8Array {
  if (!startsWith(bytes, [0x49, 0x44, 0x33]) || bytes.length < 10) return bytes;
  const size = ((bytes[6]! & 0x7f) << 21) | ((bytes[7]! & 0x7f) << 14) | ((bytes[8]! & 0x7f) << 7) | (bytes[9]! & 0x7f);
  const footer = bytes[5]! & 0x10 ? 10 : 0;
  return bytes.subarray(Math.min(bytes.length, 10 + size + footer));
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, i) => bytes[i] === byte);
}
