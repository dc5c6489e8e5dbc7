// Voice in, live: the microphone streams to AssemblyAI (a grant from POST /stt/token), partial
// words come back as the customer speaks, and the end of their turn sends the final transcript
// once. Every utterance keeps its own PCM, so when the grant is refused, the socket fails or no
// final comes in time, that utterance goes to the batch POST /stt as a WAV clip instead.
// Push-to-talk: press() … release(). Hands-free: the mic stays open and the voice detector
// starts each utterance (and tells the page when the customer starts speaking, for barge-in).
import { ApiError } from './api.ts';
import type { StringKey } from './customer-strings.ts';
import type { Lang } from './i18n.ts';
import { openLiveTranscription, type LiveTranscription } from './live-transcription.ts';
import { openMicStream, type MicFrame, type MicStream } from './mic-stream.ts';
import { createGrantSource, streamingNotConfigured } from './stt-grant.ts';
import { transcribeClip } from './transcribe-clip.ts';
import { utteranceClip, type TimedPcm } from './utterance-clip.ts';
import { createVoiceActivity } from './voice-activity.ts';

/** `ready`: hands-free, the mic open and nobody speaking yet. */
export type LiveVoiceState = 'idle' | 'ready' | 'opening' | 'connecting' | 'listening' | 'finishing' | 'batch';

export type LiveVoiceEvents = {
  onState(state: LiveVoiceState, note?: StringKey): void;
  onPartial(text: string): void;
  /** The utterance's transcript, once; `lastVoiceAt` is when its last word was captured. */
  onFinal(text: string, via: 'stream' | 'batch', lastVoiceAt: number): void;
  /** The voice detector heard speech begin at `at` (performance.now()). */
  onSpeechStart(at: number): void;
  onSpeechEnd(): void;
  onError(key: StringKey, detail?: string): void;
};

export const LIVE_TIMEOUTS = {
  /** getUserMedia, the worklet module and the audio context (a permission prompt left open). */
  micMs: 10_000,
  grantMs: 4000,
  connectMs: 3000,
  /** After the customer stops (release, or the detector's end), at most this long for the final turn. */
  finalMs: 4000,
  /** AssemblyAI ends a turn after at most 1280 ms of silence (max_turn_silence); then we ask. */
  endTurnAfterSilenceMs: 2000,
  maxUtteranceMs: 30_000,
};

const PREROLL_FRAMES = 25; // 500 ms kept before the detector fires, so the first word is whole
const FRAME_MS = 20;

type Utterance = {
  frames: TimedPcm[];
  live?: LiveTranscription;
  batch: boolean;
  ended: boolean;
  delivered: boolean;
  timers: number[];
};

export function createLiveVoice({ sttBase, lang, keyterms, events }: { sttBase: string; lang(): Lang; keyterms(): string[]; events: LiveVoiceEvents }) {
  const grants = createGrantSource(sttBase, LIVE_TIMEOUTS.grantMs);
  let vad = createVoiceActivity();
  let mic: Promise<MicStream> | undefined;
  let handsFree = false;
  let streamingOff = false;
  let current: Utterance | undefined;
  let preroll: TimedPcm[] = [];

  const onFrame = ({ pcm, level, at }: MicFrame) => {
    const change = vad.push(level, FRAME_MS, at);
    const frame: TimedPcm = { pcm, level, at, voiced: vad.speaking() || change?.kind === 'end' };
    if (change?.kind === 'start') {
      events.onSpeechStart(change.at);
      // Frames since the first loud one were counted before the detector was sure.
      for (const earlier of preroll) if (earlier.at >= change.at) earlier.voiced = true;
      if (handsFree && !current) begin(preroll);
    }
    if (change?.kind === 'end') events.onSpeechEnd();
    if (!current) {
      preroll.push(frame);
      if (preroll.length > PREROLL_FRAMES) preroll.shift();
      return;
    }
    const utterance = current;
    utterance.frames.push(frame);
    utterance.live?.send(pcm);
    if (change?.kind === 'end') speechEnded(utterance);
    if (utterance.frames.length * FRAME_MS >= LIVE_TIMEOUTS.maxUtteranceMs) end(utterance);
  };

  const openMic = () => {
    if (!mic) {
      events.onState('opening');
      const opening = openMicStream();
      let timer = 0;
      const deadline = new Promise<never>((_, reject) => {
        timer = window.setTimeout(() => reject(new Error('mic_timeout')), LIVE_TIMEOUTS.micMs);
      });
      // A mic that opens after its deadline is closed again, never left on.
      opening.then(
        (stream) => timer === 0 && stream.close(),
        () => {},
      );
      mic = Promise.race([opening, deadline]).then(
        (stream) => {
          window.clearTimeout(timer);
          timer = -1;
          stream.onFrame(onFrame);
          return stream;
        },
        (error: unknown) => {
          window.clearTimeout(timer);
          timer = 0;
          throw error;
        },
      );
      const attempt = mic;
      mic.catch(() => {
        if (mic === attempt) mic = undefined;
      });
    }
    return mic;
  };

  const closeMic = () => {
    const open = mic;
    mic = undefined;
    vad = createVoiceActivity();
    preroll = [];
    void open?.then(
      (stream) => stream.close(),
      () => {},
    );
  };

  /** A function, so TypeScript does not keep the narrowing of `current` across an await. */
  const isCurrent = (utterance: Utterance) => current === utterance;
  const later = (utterance: Utterance, ms: number, run: () => void) => utterance.timers.push(window.setTimeout(run, ms));

  function begin(before: TimedPcm[] = []) {
    const utterance: Utterance = { frames: [...before], batch: streamingOff, ended: false, delivered: false, timers: [] };
    current = utterance;
    preroll = [];
    events.onState(utterance.batch ? 'batch' : 'connecting');
    if (!utterance.batch) void connect(utterance);
    return utterance;
  }

  async function connect(utterance: Utterance) {
    let connectUrl: string;
    try {
      connectUrl = (await grants.take(lang())).connectUrl;
    } catch (error) {
      if (streamingNotConfigured(error)) streamingOff = true;
      return toBatch(utterance, error instanceof ApiError ? error.message : 'no grant');
    }
    if (utterance.delivered || utterance.batch) return;
    utterance.live = openLiveTranscription({
      connectUrl,
      keyterms: keyterms(),
      connectTimeoutMs: LIVE_TIMEOUTS.connectMs,
      onPartial: (text) => {
        if (utterance === current && text) events.onPartial(text);
      },
      onFinal: (text) => deliver(utterance, text, 'stream'),
      onFailure: (reason) => toBatch(utterance, reason),
    });
    // What was captured while the grant and the socket came: in order, ahead of what follows.
    for (const frame of utterance.frames) utterance.live.send(frame.pcm);
    if (!utterance.ended) events.onState('listening');
    else utterance.live.endTurn();
  }

  function toBatch(utterance: Utterance, reason: string) {
    if (utterance.delivered || utterance.batch) return;
    console.warn(JSON.stringify({ msg: 'live transcription failed; batch fallback', reason }));
    utterance.batch = true;
    utterance.live?.close();
    utterance.live = undefined;
    events.onState('batch', 'liveFallback');
    if (utterance.ended) void runBatch(utterance);
  }

  /** The customer is done (released, or the time limit): the stream's final turn, else the clip. */
  function end(utterance: Utterance) {
    if (utterance.ended || utterance.delivered) return;
    utterance.ended = true;
    if (utterance.batch) return void runBatch(utterance);
    events.onState('finishing');
    utterance.live?.endTurn();
    later(utterance, LIVE_TIMEOUTS.finalMs, () => toBatch(utterance, `no final transcript within ${LIVE_TIMEOUTS.finalMs} ms`));
  }

  /**
   * The detector heard the customer stop. Streaming, AssemblyAI's end of turn should follow (we
   * ask for it if it does not); recording for the batch path, the clip goes now, so a customer
   * whose stream failed waits no longer than one who never had one.
   */
  function speechEnded(utterance: Utterance) {
    if (utterance.batch) return end(utterance);
    later(utterance, LIVE_TIMEOUTS.endTurnAfterSilenceMs, () => end(utterance));
  }

  async function runBatch(utterance: Utterance) {
    const clip = utteranceClip(utterance.frames);
    if (!clip) return deliver(utterance, '', 'batch');
    events.onState('finishing');
    try {
      deliver(utterance, await transcribeClip(sttBase, lang(), clip), 'batch');
    } catch (error) {
      if (utterance.delivered) return;
      settle(utterance);
      events.onError('micFailed', error instanceof Error ? error.message : undefined);
    }
  }

  function settle(utterance: Utterance) {
    utterance.delivered = true;
    utterance.live?.close();
    for (const timer of utterance.timers) window.clearTimeout(timer);
    if (current === utterance) current = undefined;
    if (handsFree) {
      // A fresh detector: speech that goes on past AssemblyAI's end of turn starts the next
      // utterance. The old one's speech is over as far as the page knows (else the reply that
      // is coming would count as talked over the moment it starts).
      if (vad.speaking()) events.onSpeechEnd();
      vad = createVoiceActivity();
      events.onState('ready');
      if (!streamingOff) grants.prepare(lang());
    } else {
      events.onState('idle');
      closeMic();
    }
  }

  function deliver(utterance: Utterance, text: string, via: 'stream' | 'batch') {
    if (utterance.delivered) return;
    const lastVoiceAt = vad.lastVoiceAt();
    settle(utterance);
    if (text.trim()) events.onFinal(text.trim(), via, lastVoiceAt);
    else events.onError('micFailed');
  }

  const micError = (error: unknown) => {
    events.onState('idle');
    handsFree = false;
    const reason = error instanceof Error ? error.message : '';
    events.onError(reason === 'no_worklet' ? 'micOffNoSupport' : reason === 'mic_timeout' ? 'micFailed' : 'micDenied');
  };

  return {
    /** Push-to-talk pressed (or tapped): listen from now. */
    async press() {
      if (current) return;
      const utterance = begin();
      try {
        await openMic();
        // The mic is open; say what the utterance is waiting for, if anything.
        if (isCurrent(utterance) && !utterance.live && !utterance.ended) events.onState(utterance.batch ? 'batch' : 'connecting');
      } catch (error) {
        settle(utterance);
        micError(error);
      }
    },
    /** Push-to-talk released (or, hands-free, the button tapped): the final transcript now. */
    release() {
      if (current) end(current);
    },
    /** Hands-free on: the mic stays open between turns; off: it closes. */
    async setHandsFree(on: boolean) {
      handsFree = on;
      if (!on) {
        if (current && !current.ended) end(current);
        else if (!current) {
          closeMic();
          events.onState('idle');
        }
        return;
      }
      try {
        await openMic();
        if (!current) events.onState('ready');
        if (!streamingOff) grants.prepare(lang());
      } catch (error) {
        micError(error);
      }
    },
    speaking: () => vad.speaking(),
    busy: () => current !== undefined,
    dispose() {
      if (current) settle(current);
      handsFree = false;
      closeMic();
      grants.forget();
    },
  };
}

export type LiveVoice = ReturnType<typeof createLiveVoice>;
