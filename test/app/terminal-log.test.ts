import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/app/logger.js";
import { logDestination } from "../../src/app/terminal-log.js";

function fakeStdout(isTTY: boolean): NodeJS.WriteStream & { written: string[] } {
  const stream = new PassThrough() as unknown as NodeJS.WriteStream & { written: string[] };
  stream.written = [];
  stream.isTTY = isTTY;
  const write = stream.write.bind(stream);
  stream.write = ((chunk: string) => {
    stream.written.push(String(chunk));
    return write(chunk);
  }) as typeof stream.write;
  return stream;
}

describe("the log on a terminal and off it", () => {
  it("is readable lines when stdout is a terminal, and JSON lines otherwise, phones redacted either way", async () => {
    const terminal = fakeStdout(true);
    const pipe = fakeStdout(false);

    createLogger("info", logDestination(terminal)).warn({ updateId: 7, phone: "+8613800000001" }, "repeated telegram update dropped");
    createLogger("info", logDestination(pipe)).warn({ updateId: 7 }, "repeated telegram update dropped");
    await new Promise((resolve) => setImmediate(resolve));

    expect(terminal.written.join("")).toMatch(/^\[\d{2}:\d{2}:\d{2}\] WARN: repeated telegram update dropped \{"updateId":7,"phone":"\[redacted\]"\}\n$/);
    expect(JSON.parse(pipe.written.join(""))).toMatchObject({ level: 40, updateId: 7, msg: "repeated telegram update dropped" });
  });
});
