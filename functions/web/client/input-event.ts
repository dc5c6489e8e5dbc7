// hono/jsx/dom hands handlers a plain Event: these read the <input> it came from without a cast.

/** The <input> an event came from; undefined for any other target. */
export function inputOf(event: Event): HTMLInputElement | undefined {
  return event.target instanceof HTMLInputElement ? event.target : undefined;
}

/** The text of the <input> an event came from ('' for any other target). */
export function inputValue(event: Event): string {
  return inputOf(event)?.value ?? '';
}
