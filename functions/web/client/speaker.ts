import { request, jsonInit } from './api.ts';
import { createSentenceStream } from './sentence-stream.ts';

export type Speaker = ReturnType<typeof createSpeaker>;

/**
 * Voice out: each finished sentence of the streaming reply is sent to POST /tts at once (so
 * synthesis overlaps), and the clips play strictly in order on one <audio> element.
 * `stop()` silences everything immediately (the customer speaks or types again).
 */
export function createSpeaker({
  ttsBase,
  audio,
  muted,
  onError,
}: {
  ttsBase: string;
  audio: HTMLAudioElement;
  muted: () => boolean;
  onError: (message: string) => void;
}) {
  const stream = createSentenceStream();
  let generation = 0;
  let queue: Array<Promise<Blob | null>> = [];
  let playing = false;

  const synthesize = async (text: string, turn: number): Promise<Blob | null> => {
    try {
      const response = await request(new URL('/tts', ttsBase).href, { ...jsonInit('POST', { text: text.slice(0, 1000) }), timeoutMs: 20_000 });
      const format = response.headers.get('X-Tts-Format') === 'wav' ? 'audio/wav' : 'audio/mpeg';
      const bytes = await response.arrayBuffer();
      return turn === generation ? new Blob([bytes], { type: format }) : null;
    } catch (error) {
      if (turn === generation) onError(error instanceof Error ? error.message : 'speech failed');
      return null;
    }
  };

  const playClip = (blob: Blob, turn: number) =>
    new Promise<void>((resolve) => {
      const url = URL.createObjectURL(blob);
      let timer = 0;
      const done = () => {
        window.clearTimeout(timer);
        audio.removeEventListener('ended', done);
        audio.removeEventListener('error', done);
        audio.removeEventListener('tea-stop', done);
        URL.revokeObjectURL(url);
        resolve();
      };
      audio.addEventListener('ended', done);
      audio.addEventListener('error', done);
      audio.addEventListener('tea-stop', done);
      if (turn !== generation) return done();
      audio.src = url;
      // A clip never holds the queue forever (a stalled decoder, a blocked autoplay).
      timer = window.setTimeout(done, 30_000);
      audio.play().catch(() => done());
    });

  const drain = async () => {
    if (playing) return;
    playing = true;
    try {
      while (queue.length > 0) {
        const turn = generation;
        const blob = await queue.shift()!;
        if (blob && turn === generation && !muted()) await playClip(blob, turn);
      }
    } finally {
      playing = false;
    }
  };

  const enqueue = (sentences: string[]) => {
    if (muted() || sentences.length === 0) return;
    const turn = generation;
    for (const sentence of sentences) queue.push(synthesize(sentence, turn));
    void drain();
  };

  return {
    /** A reply is being read aloud, or has sentences waiting to be. */
    active: () => playing || queue.length > 0 || !audio.paused,
    push: (text: string) => enqueue(stream.push(text)),
    end: () => enqueue(stream.flush()),
    /** Silence now and forget the queue: a new turn, a reset frame, the mute button. */
    stop() {
      generation += 1;
      queue = [];
      stream.reset();
      audio.pause();
      audio.dispatchEvent(new Event('tea-stop'));
    },
  };
}
