let context: AudioContext | undefined;

/** A short two-tone chime made with WebAudio (no audio file to fetch). */
export function chime(kind: 'ready' | 'new' = 'ready'): void {
  try {
    context ??= new AudioContext();
    void context.resume();
    const notes = kind === 'ready' ? [880, 1175] : [660];
    notes.forEach((frequency, i) => {
      const oscillator = context!.createOscillator();
      const gain = context!.createGain();
      const start = context!.currentTime + i * 0.18;
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.3, start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.35);
      oscillator.connect(gain).connect(context!.destination);
      oscillator.start(start);
      oscillator.stop(start + 0.4);
    });
  } catch {
    // No audio output: the visual change is the signal.
  }
}
