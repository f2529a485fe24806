import { ExpressReceiver, type ExpressReceiverOptions } from "@slack/bolt";

type ExpressRequest = Parameters<ExpressReceiver["requestHandler"]>[0];
type ExpressResponse = Parameters<ExpressReceiver["requestHandler"]>[1];

/** ExpressReceiver options plus the accepted clock skew. */
export interface FreshRequestReceiverOptions extends ExpressReceiverOptions {
  /** Largest accepted distance between the request's signing time and now, in seconds. */
  maxSkewSeconds: number;
  /** Wall-clock milliseconds; signing times are real time even when the workflow's time is simulated. */
  nowMs?: () => number;
  onRejected?: (skewSeconds: number) => void;
}

/**
 * An ExpressReceiver that refuses requests signed too far from now in either direction. Bolt
 * checks the signature and rejects stale timestamps, but accepts any future one: a request signed
 * with a timestamp an hour ahead could be replayed for an hour. Runs after Bolt's signature check
 * (this is the handler Bolt calls once the body is verified), before any listener.
 */
export class FreshRequestReceiver extends ExpressReceiver {
  private readonly maxSkewSeconds: number;
  private readonly nowMs: () => number;
  private readonly onRejected: (skewSeconds: number) => void;

  constructor(options: FreshRequestReceiverOptions) {
    const { maxSkewSeconds, nowMs, onRejected, ...receiverOptions } = options;
    super(receiverOptions);
    this.maxSkewSeconds = maxSkewSeconds;
    this.nowMs = nowMs ?? Date.now;
    this.onRejected = onRejected ?? (() => undefined);
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
    await super.requestHandler(req, res);
  }
}
