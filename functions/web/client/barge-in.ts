// Barge-in: when the customer starts speaking while a reply is read aloud (or a reply starts
// while they are speaking), the audio stops at once and the rest of that reply is never queued;
// its text stays on screen. How long the stop took is kept on the <audio> element
// (data-barge-in-ms, from the later of speech start and playback start), for tests to read.

type Stoppable = { active(): boolean; stop(): void };

export function createBargeIn() {
  let audio: HTMLAudioElement | undefined;
  let turn = 0;
  let interruptedTurn = -1;
  let speakingSince: number | undefined;
  let playingSince = 0;

  /** `talk-over`: speech began during the reply; `reply-started`: the reply began during speech. */
  const interrupt = (from: number, speaker: Stoppable, kind: 'talk-over' | 'reply-started') => {
    interruptedTurn = turn;
    speaker.stop();
    const stoppedAt = performance.now();
    const start = Math.min(stoppedAt, Math.max(from, playingSince));
    performance.measure('tea-barge-in', { start, end: stoppedAt });
    if (!audio) return;
    audio.dataset.bargeIns = String(Number(audio.dataset.bargeIns ?? '0') + 1);
    audio.dataset.bargeInMs = String(Math.round(stoppedAt - start));
    audio.dataset.bargeInKind = kind;
  };

  return {
    attach(element: HTMLAudioElement) {
      audio = element;
      element.addEventListener('playing', () => {
        playingSince = performance.now();
      });
    },
    /** A new chat turn: its reply may be spoken until interrupted. */
    beginTurn() {
      const id = ++turn;
      return { interrupted: () => interruptedTurn === id };
    },
    speechStarted(at: number, speaker: Stoppable) {
      speakingSince = at;
      if (speaker.active()) interrupt(at, speaker, 'talk-over');
    },
    speechEnded() {
      speakingSince = undefined;
    },
    /** The reply's audio began: if the customer is talking already, it stops again at once. */
    replyPlaying(speaker: Stoppable) {
      if (speakingSince !== undefined) interrupt(performance.now(), speaker, 'reply-started');
    },
  };
}
