import { SlackApiError } from "./slack-workspace.js";

/** A file uploaded through the external upload flow, as the fake keeps it. */
export interface FakeSlackFile {
  id: string;
  name: string;
  title?: string;
  length: number;
  bytes: Buffer | null;
}

/**
 * Slack's external upload flow (`files.upload` is retired): `files.getUploadURLExternal` hands
 * out an upload URL and a file id, the bytes are POSTed there, and `files.completeUploadExternal`
 * shares the files into a channel (optionally a thread). Completing a file whose bytes never
 * arrived, or whose size differs from the announced length, fails as Slack does.
 */
export class SlackFiles {
  readonly files = new Map<string, FakeSlackFile>();
  private counter = 0;

  announce(p: Record<string, unknown>, origin: string): { upload_url: string; file_id: string } {
    const name = typeof p.filename === "string" && p.filename !== "" ? p.filename : null;
    const length = Number(p.length);
    if (name === null) throw new SlackApiError("invalid_arguments");
    if (!Number.isInteger(length) || length <= 0) throw new SlackApiError("invalid_arguments");
    this.counter += 1;
    const id = `F0FAKE${String(this.counter).padStart(5, "0")}`;
    this.files.set(id, { id, name, length, bytes: null });
    return { upload_url: `${origin}/upload/${id}`, file_id: id };
  }

  receive(id: string, bytes: Buffer): boolean {
    const file = this.files.get(id);
    if (!file) return false;
    file.bytes = bytes;
    return true;
  }

  complete(p: Record<string, unknown>): FakeSlackFile[] {
    const raw = typeof p.files === "string" ? (JSON.parse(p.files) as unknown) : p.files;
    if (!Array.isArray(raw) || raw.length === 0) throw new SlackApiError("invalid_arguments");
    return raw.map((entry: { id?: unknown; title?: unknown }) => {
      const file = this.files.get(String(entry.id));
      if (!file || file.bytes === null || file.bytes.length !== file.length) throw new SlackApiError("file_not_found");
      if (typeof entry.title === "string") file.title = entry.title;
      return file;
    });
  }
}
