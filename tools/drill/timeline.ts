/**
 * A phase's timeline: events stamped with seconds since the phase began (the UpdateHealthCheck call),
 * printed as they happen so an operator watching the drill sees the same lines the report keeps.
 */

export interface TimelineEvent {
  seconds: number;
  text: string;
}

export function formatSeconds(seconds: number): string {
  return `${Math.round(seconds)} s`;
}

export function formatEvent(event: TimelineEvent): string {
  return `  T+${String(Math.round(event.seconds)).padStart(4)} s  ${event.text}`;
}

export class Timeline {
  readonly events: TimelineEvent[] = [];
  /** The last state seen per signal, so only changes become events. */
  private readonly lastState = new Map<string, string>();

  constructor(private readonly print: (line: string) => void) {}

  add(seconds: number, text: string): void {
    const event = { seconds, text };
    this.events.push(event);
    this.print(formatEvent(event));
  }

  /** Adds an event only when `signal`'s state differs from the last one recorded. */
  addIfChanged(signal: string, state: string, seconds: number, text: string): void {
    if (this.lastState.get(signal) === state) return;
    this.lastState.set(signal, state);
    this.add(seconds, text);
  }
}
