// PCM WAV: writing what the offline voice produces, and reading the header of uploads so
// the 60 s limit can be checked before any audio leaves the server.

export type WavInfo = {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  /** 1 = PCM, 3 = float, 0xfffe = extensible. */
  formatTag: number;
  /** Offset and length of the sample bytes actually present (a header may claim more). */
  dataOffset: number;
  dataBytes: number;
  durationMs: number;
};

const HEADER_BYTES = 44;

/** A 16-bit mono (or interleaved) PCM WAV file. */
export function encodeWav(samples: Int16Array, sampleRate: number, channels = 1): Uint8Array<ArrayBuffer> {
  const dataBytes = samples.length * 2;
  const out = new Uint8Array(HEADER_BYTES + dataBytes);
  const view = new DataView(out.buffer);
  writeAscii(out, 0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  writeAscii(out, 8, 'WAVE');
  writeAscii(out, 12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, channels, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * channels * 2, true);
  view.setUint16(32, channels * 2, true);
  view.setUint16(34, 16, true);
  writeAscii(out, 36, 'data');
  view.setUint32(40, dataBytes, true);
  const pcm = new DataView(out.buffer, HEADER_BYTES);
  for (let i = 0; i < samples.length; i += 1) pcm.setInt16(i * 2, samples[i]!, true);
  return out;
}

export function isWav(bytes: Uint8Array): boolean {
  return bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WAVE';
}

/** Walks the RIFF chunks; undefined when this is not a WAV file or its header is broken. */
export function readWavInfo(bytes: Uint8Array): WavInfo | undefined {
  if (!isWav(bytes)) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let fmt: Pick<WavInfo, 'sampleRate' | 'channels' | 'bitsPerSample' | 'formatTag'> | undefined;
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = ascii(bytes, offset, 4);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + 16 > bytes.length) return undefined;
      fmt = {
        formatTag: view.getUint16(body, true),
        channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        bitsPerSample: view.getUint16(body + 14, true),
      };
    } else if (id === 'data') {
      if (!fmt || fmt.channels === 0 || fmt.sampleRate === 0 || fmt.bitsPerSample === 0) return undefined;
      const dataBytes = Math.min(size, bytes.length - body); // streamed WAVs claim 0 or 0xffffffff
      const bytesPerSecond = fmt.sampleRate * fmt.channels * Math.ceil(fmt.bitsPerSample / 8);
      return { ...fmt, dataOffset: body, dataBytes, durationMs: Math.round((dataBytes / bytesPerSecond) * 1000) };
    }
    offset = body + size + (size % 2); // chunks are word aligned
  }
  return undefined;
}

/** The 16-bit samples of a PCM WAV (for checks and for joining parts). */
export function wavSamples(bytes: Uint8Array): { info: WavInfo; samples: Int16Array } | undefined {
  const info = readWavInfo(bytes);
  if (info?.formatTag !== 1 || info.bitsPerSample !== 16) return undefined;
  const copy = bytes.slice(info.dataOffset, info.dataOffset + info.dataBytes - (info.dataBytes % 2));
  return { info, samples: new Int16Array(copy.buffer, 0, copy.length / 2) };
}

/** Joins 16-bit PCM WAV parts of the same format into one file; undefined if they differ. */
export function joinWavs(parts: Uint8Array[]): Uint8Array | undefined {
  if (parts.length === 1) return parts[0];
  const decoded = parts.map(wavSamples);
  const first = decoded[0];
  if (!first || decoded.some((part) => !part || part.info.sampleRate !== first.info.sampleRate || part.info.channels !== first.info.channels)) {
    return undefined;
  }
  const total = decoded.reduce((sum, part) => sum + part!.samples.length, 0);
  const joined = new Int16Array(total);
  let at = 0;
  for (const part of decoded) {
    joined.set(part!.samples, at);
    at += part!.samples.length;
  }
  return encodeWav(joined, first.info.sampleRate, first.info.channels);
}

function ascii(bytes: Uint8Array, offset: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}

function writeAscii(bytes: Uint8Array, offset: number, text: string): void {
  for (let i = 0; i < text.length; i += 1) bytes[offset + i] = text.charCodeAt(i);
}
