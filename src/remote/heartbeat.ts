/**
 * The agent's side of the heartbeat. The console sends a heartbeat line every
 * few seconds (src/sources/remote-link.ts, 5 s); the agent ends when it has
 * heard nothing at all for HEARTBEAT_MISSES of those intervals. Without it, an
 * agent cut off by a network partition ran until TCP gave up (~15 min),
 * growing as its output backed up.
 *
 * N = 6 (30 s at 5 s): the console's own ssh gives up on the link after 15 s
 * (ServerAliveInterval=5, ServerAliveCountMax=3), so a console still waiting
 * is never cut off by its agent first; and six missed beats in a row are no
 * hiccup of a loaded host or a slow network, where one or two can be late.
 * The watch is armed by the first heartbeat: an older console that sends none
 * (a sitrep found in the host's PATH may be newer than the console) keeps the
 * old rule, the agent ends when its stdin closes.
 */

/** Missed heartbeats after which the agent ends. */
export const HEARTBEAT_MISSES = 6;

/** Watches for the console's lines; `lost` is called once when none came for HEARTBEAT_MISSES intervals. */
export class HeartbeatWatch {
  private everyMs: number | null = null;
  private lastHeard = performance.now();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly lost: (silentMs: number) => void) {}

  /** Any line from the console: it is still there. */
  heard(): void {
    this.lastHeard = performance.now();
  }

  /** A heartbeat line: arms (or re-times) the watch. */
  beat(everyMs: number): void {
    this.heard();
    if (this.everyMs === everyMs) return;
    this.everyMs = everyMs;
    if (this.timer) clearInterval(this.timer);
    this.timer = setInterval(() => this.check(), Math.min(1000, everyMs));
  }

  private check(): void {
    const silent = performance.now() - this.lastHeard;
    if (this.everyMs !== null && silent > HEARTBEAT_MISSES * this.everyMs) {
      this.stop();
      this.lost(silent);
    }
  }

  /** Stops watching. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
