import { describe, expect, it } from 'vitest';
import { createVoiceActivity, type VoiceEvent } from './voice-activity.ts';

/** Feeds 20 ms frames at the given levels; returns the events with the frame index they came at. */
function run(levels: number[], detector = createVoiceActivity()) {
  const events: Array<VoiceEvent & { frame: number }> = [];
  levels.forEach((level, frame) => {
    const event = detector.push(level, 20, frame * 20);
    if (event) events.push({ ...event, frame });
  });
  return events;
}
const quiet = (n: number) => Array<number>(n).fill(0.0005);
const loud = (n: number) => Array<number>(n).fill(0.1);

describe('voice activity', () => {
  it('starts after 60 ms of speech, dated at the first loud frame, and ends after 600 ms of quiet, dated at the last', () => {
    const events = run([...quiet(20), ...loud(50), ...quiet(40)]);
    expect(events).toEqual([
      { kind: 'start', at: 400, frame: 22 },
      { kind: 'end', at: 1380, frame: 99 },
    ]);
  });

  it('ignores a click or a short cough', () => {
    expect(run([...quiet(10), ...loud(2), ...quiet(10), 0.1, ...quiet(10)])).toEqual([]);
  });

  it('a short pause inside a sentence is not the end', () => {
    expect(run([...loud(20), ...quiet(15), ...loud(20), ...quiet(40)]).map((e) => e.kind)).toEqual(['start', 'end']);
  });

  it('follows a steady noisy room: its hum is not speech, a voice above it is', () => {
    const hum = (n: number) => Array<number>(n).fill(0.02);
    const events = run([...hum(300), ...Array<number>(20).fill(0.1), ...hum(40)]);
    // The first seconds of a hum may count as a voice; once the floor has it, only the voice does.
    expect(events.filter((e) => e.at >= 5000).map((e) => [e.kind, e.at])).toEqual([
      ['start', 6000],
      ['end', 6380],
    ]);
  });
});
