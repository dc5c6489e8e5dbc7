/** @jsxImportSource hono/jsx/dom */
import { useEffect, useRef, useState } from 'hono/jsx/dom';
import { t, type StringKey } from './customer-strings.ts';
import type { Lang } from './i18n.ts';
import { createLiveVoice, type LiveVoice, type LiveVoiceState } from './live-voice.ts';
import { usePressToTalk } from './press-to-talk.ts';

type Props = {
  lang: Lang;
  sttBase: string;
  keyterms: () => string[];
  handsFree: boolean;
  onStart(): void;
  onPartial(text: string): void;
  onText(text: string, lastVoiceAt: number): void;
  onSpeechStart(at: number): void;
  onSpeechEnd(): void;
  /** Filled with the controller, so the page's Send can end a live utterance instead of sending its partial. */
  control: { current: LiveVoice | undefined };
};

const LABELS: Record<LiveVoiceState, StringKey> = {
  idle: 'micStart',
  ready: 'liveReady',
  opening: 'liveConnecting',
  connecting: 'liveConnecting',
  listening: 'micStop',
  finishing: 'micBusy',
  batch: 'micStop',
};

/** The mic when AssemblyAI streaming is configured: push-to-talk, or always listening (hands-free). */
export function LiveVoiceButton({ lang, sttBase, keyterms, handsFree, onStart, onPartial, onText, onSpeechStart, onSpeechEnd, control }: Props) {
  const [state, setState] = useState<LiveVoiceState>('idle');
  const [hint, setHint] = useState('');
  const voice = useRef<LiveVoice | undefined>(undefined);
  const langRef = useRef(lang);
  langRef.current = lang;
  // The latest callbacks, so the controller made once never calls a stale render's closure.
  const props = useRef({ keyterms, onPartial, onText, onSpeechStart, onSpeechEnd });
  props.current = { keyterms, onPartial, onText, onSpeechStart, onSpeechEnd };

  useEffect(() => {
    const live = createLiveVoice({
      sttBase,
      lang: () => langRef.current,
      keyterms: () => props.current.keyterms(),
      events: {
        onState: (next, note) => {
          setState(next);
          if (note) setHint(t(langRef.current, note));
          else if (next === 'connecting' || next === 'opening') setHint('');
        },
        onPartial: (text) => props.current.onPartial(text),
        onFinal: (text, _via, lastVoiceAt) => {
          setHint('');
          props.current.onText(text, lastVoiceAt);
        },
        onSpeechStart: (at) => props.current.onSpeechStart(at),
        onSpeechEnd: () => props.current.onSpeechEnd(),
        onError: (key, detail) => setHint(`${t(langRef.current, key)}${detail ? ` (${detail})` : ''}`),
      },
    });
    voice.current = live;
    control.current = live;
    return () => {
      control.current = undefined;
      live.dispose();
    };
  }, []);

  useEffect(() => {
    void voice.current?.setHandsFree(handsFree);
  }, [handsFree]);

  const press = usePressToTalk({
    // Hands-free and waiting: a press starts an utterance at once, as push-to-talk does.
    active: state !== 'idle' && state !== 'ready',
    start: () => {
      onStart();
      setHint('');
      void voice.current?.press();
    },
    stop: () => voice.current?.release(),
  });

  const listening = state === 'listening' || state === 'batch';
  const label = handsFree && listening ? t(lang, 'liveTapToSend') : t(lang, LABELS[state]);
  const status = hint || (state === 'ready' ? t(lang, 'liveHandsFree') : state === 'listening' ? t(lang, 'liveListening') : '');
  return (
    <>
      <button
        type="button"
        id="mic"
        class={`btn mic mic-${listening ? 'recording' : state === 'idle' || state === 'ready' ? 'idle' : 'busy'}`}
        data-state={state}
        data-mode="live"
        data-hands-free={handsFree ? 'on' : 'off'}
        aria-label={`${t(lang, 'micLabel')}: ${label}`}
        aria-describedby="mic-hint"
        disabled={state === 'finishing'}
        {...press}
      >
        <span aria-hidden="true" class="mic-icon">
          ●
        </span>
        <span class="mic-label">{label}</span>
      </button>
      <p id="mic-hint" class="hint" role="status">
        {status}
      </p>
    </>
  );
}
