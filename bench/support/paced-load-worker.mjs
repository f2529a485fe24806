// The thread of runPacedLoad (paced-load.ts), in plain JavaScript: a worker thread does not get
// the TypeScript loader the bench runs under. Each request leaves at its planned instant.
import { createHmac } from "node:crypto";
import { parentPort, workerData } from "node:worker_threads";

function slackSignature(secret, body) {
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex");
  return { "x-slack-signature": `v0=${signature}`, "x-slack-request-timestamp": String(timestamp) };
}

async function send(request, started) {
  const leftAt = performance.now();
  const headers = request.slackSigningSecret ? { ...request.headers, ...slackSignature(request.slackSigningSecret, request.body) } : request.headers;
  let status = 0;
  try {
    // Slack gives up on an answer after 3 s and retries; 10 s bounds a hung request here.
    const response = await fetch(request.url, { method: "POST", headers, body: request.body, signal: AbortSignal.timeout(10_000) });
    await response.arrayBuffer();
    status = response.status;
  } catch {
    status = 0;
  }
  return { platform: request.platform, label: request.label, lateMs: leftAt - started - request.at, latencyMs: performance.now() - leftAt, status };
}

const started = performance.now();
const pending = [];
for (const request of workerData) {
  const wait = started + request.at - performance.now();
  if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
  pending.push(send(request, started));
}
parentPort.postMessage(await Promise.all(pending));
