// Push-to-talk on one button: hold and release, or tap to start and tap again to stop
// (keyboard: Enter/Space give a click).
import { useRef } from 'hono/jsx/dom';

const HOLD_MS = 600;

export function usePressToTalk({ active, start, stop }: { active: boolean; start(): void; stop(): void }) {
  const pressStarted = useRef(false);
  const pressAt = useRef(0);
  return {
    onPointerDown: () => {
      if (active) return;
      pressStarted.current = true;
      pressAt.current = performance.now();
      start();
    },
    onPointerUp: () => {
      if (pressStarted.current && performance.now() - pressAt.current > HOLD_MS) stop();
    },
    onClick: () => {
      if (pressStarted.current) return void (pressStarted.current = false);
      if (active) stop();
      else start();
    },
  };
}
