import { readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ServerResponse } from "node:http";

/** The page: plain HTML, CSS and ES modules, served as they are (no build step). */
export const publicDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "public");

const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

/**
 * Serves the files of {@link publicDir} by bare name. The names are listed once at start and
 * anything else is a 404, so no request path ever reaches the file system (no `../` games).
 * Files are read on each request, so editing the page needs only a browser reload.
 */
export class StaticFiles {
  private readonly names: Set<string>;

  constructor(private readonly dir: string = publicDir) {
    this.names = new Set(readdirSync(dir).filter((name) => path.extname(name) in contentTypes));
  }

  has(name: string): boolean {
    return this.names.has(name);
  }

  async serve(name: string, res: ServerResponse): Promise<void> {
    if (!this.names.has(name)) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found");
      return;
    }
    const body = await readFile(path.join(this.dir, name));
    res.writeHead(200, { "content-type": contentTypes[path.extname(name)] ?? "application/octet-stream", "cache-control": "no-cache" });
    res.end(body);
  }
}
