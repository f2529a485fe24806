import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { drainableIntake, InFlight, settlesWithin } from "../../src/app/drain.js";

describe("the draining HTTP intake", () => {
  let server: http.Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server?.listening ? server.close(() => resolve()) : resolve()));
  });

  it("once refusing, answers new requests 503 with Connection: close, while the request in flight finishes and is waited for", async () => {
    const inFlight = new InFlight();
    let finishSlow = (): void => undefined;
    const intake = drainableIntake((req, res) => {
      if (req.url === "/slow") {
        finishSlow = () => res.writeHead(200).end("done");
        return;
      }
      res.writeHead(200).end("ok");
    }, inFlight);
    server = http.createServer(intake.listener);
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const slow = fetch(`${url}/slow`, { method: "POST" });
    await expect.poll(() => inFlight.size).toBe(1);
    intake.refuse();
    const refused = await fetch(`${url}/telegram/webhook`, { method: "POST", body: "{}" });
    const idleEarly = await settlesWithin(inFlight.idle(), 50);
    finishSlow();
    const finished = await slow;

    expect([refused.status, refused.headers.get("connection")]).toEqual([503, "close"]);
    expect(idleEarly).toBe(false);
    expect([finished.status, await finished.text()]).toEqual([200, "done"]);
    expect(await settlesWithin(inFlight.idle(), 1_000)).toBe(true);
  });

  it("does not wait for reads, so a long-lived event stream never holds a stop", async () => {
    const inFlight = new InFlight();
    const intake = drainableIntake((_req, res) => void res.writeHead(200, { "content-type": "text/event-stream" }).write("data: hi\n\n"), inFlight);
    server = http.createServer(intake.listener);
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/events`);

    expect(response.status).toBe(200);
    expect(await settlesWithin(inFlight.idle(), 50)).toBe(true);
    await response.body?.cancel();
  });
});
