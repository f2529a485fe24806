import { z } from "zod";

const UserSchema = z.object({ id: z.string().min(1) }).loose();
const ViewSchema = z.object({ id: z.string().min(1), callback_id: z.string() }).loose();

/**
 * The shapes of the requests Slack sends to `POST /slack/events` that this app can act on, as
 * far as Bolt itself relies on them. Bolt reads `body.user.id`, `body.actions[0]` and
 * `body.view` without checking and answers a signed but malformed payload with a 500 and
 * "An unhandled error occurred"; checking the shape first turns those into a plain 400.
 * Fields beyond these are left to the listeners, which parse what they use.
 */
export const SlackRequestBodySchema = z.union([
  z.object({ type: z.literal("block_actions"), user: UserSchema, actions: z.array(z.object({ action_id: z.string().min(1) }).loose()).min(1) }).loose(),
  z.object({ type: z.enum(["view_submission", "view_closed"]), user: UserSchema, view: ViewSchema }).loose(),
  z.object({ type: z.enum(["shortcut", "message_action"]), user: UserSchema, callback_id: z.string().min(1) }).loose(),
  z.object({ type: z.literal("block_suggestion"), user: UserSchema, action_id: z.string().min(1) }).loose(),
  z.object({ type: z.literal("event_callback"), event: z.object({ type: z.string().min(1) }).loose() }).loose(),
  // Slash commands arrive as top-level form fields, without `type`.
  z.object({ command: z.string().min(1), user_id: z.string().min(1) }).loose(),
]);
export type SlackRequestBody = z.infer<typeof SlackRequestBodySchema>;

/** The only signature version Slack uses; Bolt's receiver hashes whatever version the header names. */
const signatureVersion = "v0=";

/** Why a verified request is still refused, or null when it may reach Bolt. */
export function refusalOf(signature: string | string[] | undefined, body: unknown): { status: 400 | 401; reason: string } | null {
  const header = Array.isArray(signature) ? signature[0] : signature;
  if (!header?.startsWith(signatureVersion)) return { status: 401, reason: "signature version is not v0" };
  if (!SlackRequestBodySchema.safeParse(body).success) return { status: 400, reason: "not a request this app handles" };
  return null;
}
