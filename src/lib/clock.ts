/** The time source, injectable so that tests and runs can pin "now". */

export interface Clock {
  /** Returns the current time as an ISO-8601 string. */
  now(): string;
}

/** Returns a clock that reads the system time. */
export function systemClock(): Clock {
  return { now: () => new Date().toISOString() };
}

/** Returns a clock that always answers the given instant. */
export function fixedClock(iso: string): Clock {
  return { now: () => iso };
}
