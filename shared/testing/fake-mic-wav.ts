import { writeFileSync } from 'node:fs';
import { createOfflineVoice } from '../speech/offline-voice.ts';
import type { SpeechLang } from '../speech/speech-lang.ts';
import { encodeWav, wavSamples } from '../speech/wav.ts';

// What Chromium's fake microphone plays (--use-file-for-fake-audio-capture): sentences spoken
// by the offline voice with silences between them, and where each sentence lies in the file.
// Chromium starts the file again for every capture and, with `%noloop`, is silent after its end.

export type FakeMicPart = { say: string } | { silenceMs: number };
export type FakeMicFile = {
  path: string /** Chromium's flag value: plays once, then silence. */;
  flag: string;
  speech: Array<{ text: string; startMs: number; endMs: number }>;
};

export async function writeFakeMicWav(path: string, lang: SpeechLang, parts: FakeMicPart[]): Promise<FakeMicFile> {
  const voice = createOfflineVoice();
  try {
    const spoken = new Map<string, Int16Array>();
    let rate = 0;
    for (const part of parts) {
      if (!('say' in part) || spoken.has(part.say)) continue;
      const decoded = wavSamples((await voice.synthesize(part.say, lang)).wav);
      if (!decoded || (rate && decoded.info.sampleRate !== rate)) throw new Error('offline voice: unexpected WAV');
      rate = decoded.info.sampleRate;
      spoken.set(part.say, decoded.samples);
    }
    rate ||= 16_000;
    const chunks = parts.map((part) => ('say' in part ? spoken.get(part.say)! : new Int16Array(Math.round((rate * part.silenceMs) / 1000))));
    const all = new Int16Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
    const speech: FakeMicFile['speech'] = [];
    let at = 0;
    parts.forEach((part, i) => {
      const chunk = chunks[i]!;
      if ('say' in part) speech.push({ text: part.say, startMs: (at / rate) * 1000, endMs: ((at + chunk.length) / rate) * 1000 });
      all.set(chunk, at);
      at += chunk.length;
    });
    writeFileSync(path, encodeWav(all, rate));
    return { path, flag: `${path}%noloop`, speech };
  } finally {
    await voice.close();
  }
}
