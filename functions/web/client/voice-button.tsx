/** @jsxImportSource hono/jsx/dom */
import { useRef, useState } from 'hono/jsx/dom';
import { ApiError, requestJson } from './api.ts';
import { t, type StringKey } from './customer-strings.ts';
import type { Lang } from './i18n.ts';
import { liveCaptureAvailable } from './mic-stream.ts';
import { usePressToTalk } from './press-to-talk.ts';
import { browserRecognizerAvailable, recognizeOnce, startRecording, type Recording } from './recorder.ts';
import { transcribeClip } from './transcribe-clip.ts';

export type MicMode = { kind: 'checking' } | { kind: 'live' } | { kind: 'stt' } | { kind: 'browser' } | { kind: 'off'; reason: StringKey };
type MicState = 'idle' | 'recording' | 'busy';

/**
 * Streaming (live) when the stt function issues AssemblyAI grants and the browser has AudioWorklet;
 * else POST /stt when a provider is configured; else the browser's recognizer; else off, saying why.
 */
export async function detectMicMode(sttBase: string): Promise<MicMode> {
  const canRecord = typeof MediaRecorder !== 'undefined' && !!navigator.mediaDevices?.getUserMedia;
  let serverReady = false;
  let streaming = false;
  try {
    const check = await requestJson<{ providers?: Record<string, string>; streaming?: string }>(new URL('/healthz/stt', sttBase).href, { timeoutMs: 5000 });
    serverReady = Object.values(check.providers ?? {}).includes('configured');
    streaming = check.streaming === 'configured';
  } catch (error) {
    // 503 means degraded: no provider. A network failure: try the server anyway.
    serverReady = !(error instanceof ApiError && error.status === 503);
  }
  if (serverReady && streaming && liveCaptureAvailable()) return { kind: 'live' };
  if (serverReady && canRecord) return { kind: 'stt' };
  return fallbackMode(serverReady);
}

function fallbackMode(serverReady: boolean): MicMode {
  if (browserRecognizerAvailable()) return { kind: 'browser' };
  return { kind: 'off', reason: serverReady ? 'micOffNoSupport' : 'micOffNoService' };
}

type Props = { mode: MicMode; lang: Lang; sttBase: string; disabled: boolean; onStart(): void; onText(text: string): void; onModeChange(mode: MicMode): void };

/** Push-to-talk with a MediaRecorder clip for POST /stt, or the browser's recognizer. */
export function VoiceButton({ mode, lang, sttBase, disabled, onStart, onText, onModeChange }: Props) {
  const [state, setState] = useState<MicState>('idle');
  const [hint, setHint] = useState('');
  const recording = useRef<Recording | undefined>(undefined);
  const recognizer = useRef<{ abort(): void } | undefined>(undefined);
  const elapsed = useRef<HTMLSpanElement>(null);

  const fail = (key: StringKey, detail?: string) => {
    setState('idle');
    setHint(`${t(lang, key)}${detail ? ` (${detail})` : ''}`);
  };

  const start = async () => {
    if (state !== 'idle' || disabled) return;
    onStart();
    setHint('');
    if (mode.kind === 'browser') {
      setState('busy');
      const run = recognizeOnce(lang);
      recognizer.current = run;
      try {
        const heard = await run.result;
        setState('idle');
        onText(heard);
      } catch (error) {
        fail('micFailed', error instanceof Error ? error.message : undefined);
      }
      return;
    }
    try {
      setState('recording');
      recording.current = await startRecording(() => void stop());
      tickElapsed();
    } catch (error) {
      recording.current = undefined;
      fail(error instanceof Error && error.message === 'no_recorder' ? 'micOffNoSupport' : 'micDenied');
    }
  };

  const tickElapsed = () => {
    const span = elapsed.current;
    if (!recording.current || !span) return;
    span.dataset.ms = String(Math.round(recording.current.elapsedMs()));
    span.textContent = `${(recording.current.elapsedMs() / 1000).toFixed(1)} s`;
    window.setTimeout(tickElapsed, 200);
  };

  const stop = async () => {
    const current = recording.current;
    if (!current) return;
    recording.current = undefined;
    setState('busy');
    // The recording's last frame (bench:voice measures from here to the reply's first audio).
    performance.mark('tea-voice-end');
    const clip = await current.stop();
    try {
      const text = await transcribeClip(sttBase, lang, clip);
      setState('idle');
      if (!text) return fail('micFailed');
      onText(text);
    } catch (error) {
      if (error instanceof ApiError && error.status === 503) {
        const next = fallbackMode(false);
        onModeChange(next);
        return fail(next.kind === 'off' ? next.reason : 'micBrowser');
      }
      fail('micFailed', error instanceof Error ? error.message : undefined);
    }
  };

  const press = usePressToTalk({
    active: state !== 'idle',
    start: () => void start(),
    stop: () => {
      if (state === 'recording') void stop();
    },
  });

  const off = mode.kind === 'off' || mode.kind === 'checking';
  const label = state === 'recording' ? t(lang, 'micStop') : state === 'busy' ? t(lang, 'micBusy') : t(lang, 'micStart');
  const reason = mode.kind === 'off' ? t(lang, mode.reason) : mode.kind === 'browser' ? t(lang, 'micBrowser') : '';
  return (
    <>
      <button
        type="button"
        id="mic"
        class={`btn mic mic-${state}`}
        data-state={state}
        data-mode={mode.kind}
        aria-label={`${t(lang, 'micLabel')}: ${label}`}
        aria-describedby="mic-hint"
        disabled={off || disabled || state === 'busy'}
        {...press}
      >
        <span aria-hidden="true" class="mic-icon">
          ●
        </span>
        <span class="mic-label">{label}</span>
        {state === 'recording' && <span class="mic-time" ref={elapsed} id="mic-elapsed" data-ms="0" />}
      </button>
      <p id="mic-hint" class="hint" role="status">
        {hint || reason}
      </p>
    </>
  );
}
