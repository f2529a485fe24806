import net from "node:net";

// A forgotten real URL (api.telegram.org, slack.com) must fail at once, not hang a test run.
const loopback = new Set(["127.0.0.1", "::1", "localhost", "::ffff:127.0.0.1"]);
const originalConnect = net.Socket.prototype.connect;

net.Socket.prototype.connect = function connect(this: net.Socket, ...args: unknown[]) {
  const first = args[0];
  const options = (typeof first === "object" && first !== null ? first : { port: first, host: args[1] }) as {
    host?: string;
    path?: string;
  };
  const host = options.host ?? "localhost";
  if (!options.path && !loopback.has(host)) {
    throw new Error(`tests may only connect to loopback; refused ${host}`);
  }
  return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;
