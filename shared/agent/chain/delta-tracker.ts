/** Wraps a delta callback to remember whether any text went out (then a retry must reset it). */
export function trackDeltas(onDelta: ((text: string) => void) | undefined) {
  let sent = false;
  return {
    onDelta: onDelta
      ? (text: string) => {
          sent = true;
          onDelta(text);
        }
      : undefined,
    sent: () => sent,
    forget: () => {
      sent = false;
    },
  };
}
