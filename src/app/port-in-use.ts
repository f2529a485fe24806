/**
 * The HTTP port is taken (another front desk, another program): start-up stops with one
 * sentence an operator can act on, instead of Node's `EADDRINUSE` stack trace.
 */
export class PortInUseError extends Error {
  override readonly name = "PortInUseError";

  constructor(readonly port: number) {
    super(`port ${port} is already in use by another program: stop it, or set PORT to a free port`);
  }
}

/** {@link PortInUseError} for a listen error that is `EADDRINUSE`; any other error as it was. */
export function explainListenError(error: unknown, port: number): unknown {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "EADDRINUSE" ? new PortInUseError(port) : error;
}
