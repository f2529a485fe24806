import { ExpressReceiver, type ExpressReceiverOptions } from "@slack/bolt";
import { refusalOf } from "./slack-request-shape.js";

type ExpressRequest = Parameters<ExpressReceiver["requestHandler"]>[0];
type ExpressResponse = Parameters<ExpressReceiver["requestHandler"]>[1];

/** ExpressReceiver options plus the accepted clock skew. */
export interface FreshRequestReceiverOptions extends ExpressReceiverOptions {
  /** Largest accepted distance between the request's signing time and now, in seconds. */
  maxSkewSeconds: number;
  /** Wall-clock milliseconds; signing times are real time even when the workflow's time is simulated. */
  nowMs?: () => number;
  onRejected?: (skewSeconds: number) => void;
  /** A verified request refused for its signature version or its shape (see {@link refusalOf}). */
  onRefused?: (status: number, reason: string) => void;
}

/**
 * An ExpressReceiver that refuses requests signed too far from now in either direction. Bolt
 * checks the signature and rejects stale timestamps, but accepts any future one: a request signed
 * with a timestamp an hour ahead could be replayed for an hour. Runs after Bolt's signature check
 * (this is the handler Bolt calls once the body is verified), before any listener.
 *
 * It also refuses what Bolt's own check lets through: a signature of another version than `v0`
 * (Bolt hashes `<version>:ts:body` for any version the header names) gets 401, and a body that
 * is not a request this app handles gets 400 instead of Bolt's 500.
 */
export class FreshRequestReceiver extends ExpressReceiver {
  private readonly maxSkewSeconds: number;
  private readonly nowMs: () => number;
  private readonly onRejected: (skewSeconds: number) => void;
  private readonly onRefused: (status: number, reason: string) => void;

  constructor(options: FreshRequestReceiverOptions) {
    const { maxSkewSeconds, nowMs, onRejected, onRefused, ...receiverOptions } = options;
    super(receiverOptions);
    this.maxSkewSeconds = maxSkewSeconds;
    this.nowMs = nowMs ?? Date.now;
    this.onRejected = onRejected ?? (() => undefined);
    this.onRefused = onRefused ?? (() => undefined);
  }

  override async requestHandler(req: ExpressRequest, res: ExpressResponse): Promise<void> {
    const header = req.headers["x-slack-request-timestamp"];
    const signedAt = Number(Array.isArray(header) ? header[0] : header);
    const skew = Math.abs(this.nowMs() / 1000 - signedAt);
    if (!Number.isFinite(skew) || skew > this.maxSkewSeconds) {
      this.onRejected(Number.isFinite(skew) ? Math.round(skew) : -1);
      res.status(401).send();
      return;
    }
    const refusal = refusalOf(req.headers["x-slack-signature"], req.body);
    if (refusal) {
      this.onRefused(refusal.status, refusal.reason);
      res.status(refusal.status).send();
      return;
    }
    await super.requestHandler(req, res);
  }
}
