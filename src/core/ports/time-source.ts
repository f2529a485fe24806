/** The current instant. Tests and the CLI's `tick --at` substitute their own. */
export interface TimeSource {
  now(): Date;
}

export const systemTime: TimeSource = { now: () => new Date() };
