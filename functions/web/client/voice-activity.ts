// Is the customer speaking? An energy detector over 20 ms frames, with a noise floor that
// follows the room: speech starts after a few loud frames in a row (a click or a cough
// does not interrupt a reply) and ends after a stretch of quiet. Barge-in runs on it, so it
// answers locally in tens of milliseconds rather than waiting for a transcript.

export type VoiceEvent = {
  kind: 'start' | 'end';
  /** When the first (start) or last (end) loud frame was captured. */
  at: number;
};

export type VoiceActivityOptions = {
  /** Loud frames in a row before speech counts as started. */
  onsetMs?: number;
  /** Quiet after the last loud frame before speech counts as ended. */
  hangoverMs?: number;
  /** Never treat a level below this as speech (0..1 RMS; about -46 dBFS). */
  minLevel?: number;
  /** How far above the noise floor speech must be. */
  floorRatio?: number;
};

export type VoiceActivity = {
  /** One frame's RMS level (0..1), its length and capture time; returns a change, if any. */
  push(level: number, frameMs: number, at: number): VoiceEvent | undefined;
  speaking(): boolean;
  /** Capture time of the latest loud frame (0 before any). */
  lastVoiceAt(): number;
};

export function createVoiceActivity({ onsetMs = 60, hangoverMs = 600, minLevel = 0.005, floorRatio = 3 }: VoiceActivityOptions = {}): VoiceActivity {
  let floor = minLevel / floorRatio;
  let speaking = false;
  let loudMs = 0;
  let firstLoudAt = 0;
  let lastLoudAt = 0;

  return {
    push(level, frameMs, at) {
      const loud = level >= Math.max(minLevel, floor * floorRatio);
      // The floor follows quiet quickly down and slowly up; a sound that never stops (a fan,
      // traffic) lifts it within seconds, while speech (seconds at a time) barely moves it.
      const rate = level < floor ? 0.3 : loud ? 0.002 : 0.02;
      floor += (level - floor) * rate;
      if (loud) {
        if (loudMs === 0) firstLoudAt = at;
        loudMs += frameMs;
        lastLoudAt = at;
        if (!speaking && loudMs >= onsetMs) {
          speaking = true;
          return { kind: 'start', at: firstLoudAt };
        }
        return undefined;
      }
      loudMs = 0;
      if (speaking && at - lastLoudAt >= hangoverMs) {
        speaking = false;
        return { kind: 'end', at: lastLoudAt };
      }
      return undefined;
    },
    speaking: () => speaking,
    lastVoiceAt: () => lastLoudAt,
  };
}
