/** At most `max` holders at once; `tryEnter` answers at once instead of queueing. */
export function createConcurrencyGate(max: number) {
  let inside = 0;
  return {
    /** A release function, or undefined when the gate is full. */
    tryEnter(): (() => void) | undefined {
      if (inside >= max) return undefined;
      inside += 1;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        inside -= 1;
      };
    },
  };
}
