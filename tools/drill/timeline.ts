/**
 * A phase's timeline: events stamped with seconds since the phase began (the UpdateHealthCheck call),
 * printed as they happen so an operator watching the drill sees the same lines the report keeps.
 */

/** What the drill watches in each poll: the lanes of the timeline picture (timeline-svg.ts). */
export const SIGNALS = ["health", "dns", "traffic"] as const;
export type Signal = (typeof SIGNALS)[number];

/** The health signal's states (the primary's HealthCheckStatus metric); the timeline picture colours them. */
export const HEALTH_STATES = { healthy: "healthy", unhealthy: "unhealthy", noData: "no data" } as const;

export interface TimelineEvent {
  seconds: number;
  text: string;
  /** Set on a change of a watched signal: which signal, and its new state (a region, or a health word). */
  signal?: Signal;
  state?: string;
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

  add(seconds: number, text: string, change?: { signal: Signal; state: string }): void {
    const event: TimelineEvent = { seconds, text, ...change };
    this.events.push(event);
    this.print(formatEvent(event));
  }

  /** Adds an event only when `signal`'s state differs from the last one recorded. */
  addIfChanged(signal: Signal, state: string, seconds: number, text: string): void {
    if (this.lastState.get(signal) === state) return;
    this.lastState.set(signal, state);
    this.add(seconds, text, { signal, state });
  }
}
