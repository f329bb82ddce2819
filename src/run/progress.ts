/** How long work reports its progress; the CLI draws it, tests and the server ignore it. */

export interface Progress {
  start(total: number, label: string): void;
  /** One more item done, or (with `done`) this many done so far. */
  tick(done?: number): void;
  stop(): void;
}

/** Returns a progress sink that shows nothing. */
export function silentProgress(): Progress {
  return { start: () => undefined, tick: () => undefined, stop: () => undefined };
}
