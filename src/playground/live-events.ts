import type { ServerResponse } from "node:http";

/** A change the page should redraw; it then fetches what it shows of it. */
export type LiveEvent =
  | { type: "chat"; ownerId: number }
  | { type: "typing"; ownerId: number }
  | { type: "toast"; ownerId: number; text: string }
  | { type: "channel"; channel: string }
  | { type: "modal"; user: string }
  | { type: "clock"; now: string; offsetMs: number }
  | { type: "reset" };

const keepAliveMs = 20_000;

/**
 * Server-sent events to every open page. Each event names what changed, not its content: the
 * page fetches the screen it shows, so a missed event costs one redraw, never a wrong screen.
 */
export class LiveEvents {
  private readonly clients = new Set<ServerResponse>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly instanceId: string) {
    this.timer = setInterval(() => {
      for (const client of this.clients) client.write(": keep-alive\n\n");
    }, keepAliveMs);
    this.timer.unref();
  }

  /** Holds the response open as an event stream; `hello` carries the server's instance id (a restart changes it). */
  subscribe(res: ServerResponse): void {
    res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", connection: "keep-alive", "x-accel-buffering": "no" });
    res.write(`retry: 1500\nevent: hello\ndata: ${JSON.stringify({ instanceId: this.instanceId })}\n\n`);
    this.clients.add(res);
    res.on("close", () => this.clients.delete(res));
  }

  publish(event: LiveEvent): void {
    const frame = `data: ${JSON.stringify(event)}\n\n`;
    for (const client of this.clients) client.write(frame);
  }

  close(): void {
    clearInterval(this.timer);
    for (const client of this.clients) client.end();
    this.clients.clear();
  }
}
