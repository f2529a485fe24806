import { playgroundSlackToken } from "./fake-tokens.js";
import type { ViewOutput, ViewStateValue } from "@slack/bolt";
import type { TimeSource } from "../core/ports/time-source.js";
import { blockActionPayload, fakeTriggerId, globalShortcutPayload, postToBolt, viewSubmissionPayload, type FakeSlack, type SlackCall } from "../testing/fake-slack-server.js";
import type { DemoStaffMember } from "./demo-data.js";
import type { LiveEvents } from "./live-events.js";
import { inputValues, type ModalErrors } from "./modal-inputs.js";
import type { Screens } from "./screens.js";

/** One message in a channel as a staff member sees it: the channel's posts and their own ephemerals. */
export interface SlackPost {
  ts: string;
  /** Product time it was posted (ISO), when known. */
  at: string | null;
  text: string;
  blocks: unknown[];
  edited: boolean;
  ephemeral: boolean;
  /** Files posted in the message's thread (a case's photos), shown under it as Slack shows a thread. */
  threadFiles?: { id: string; title: string }[];
}

/** The modal open for a staff member, as Slack would draw it. */
export interface ModalScreen {
  viewId: string;
  title: string;
  submit: string | null;
  close: string | null;
  blocks: unknown[];
}

/** A staff action the page's rules refuse (unknown member, card or modal). */
export class StaffDeskError extends Error {
  override readonly name = "StaffDeskError";
}

const channelChangingMethods = new Set(["chat.postMessage", "chat.update", "chat.delete", "chat.postEphemeral", "response_url"]);
/** Trigger ids remembered to match a modal to its clicker; Slack's expire after 3 s, so the last few suffice. */
const rememberedTriggers = 200;

/**
 * The staff's Slack clients. A click on the page becomes what Slack would send: a signed
 * `block_actions` or `view_submission` POST to the product's own `/slack/events`, so the real
 * Bolt receiver (signature and freshness checks included) and listeners handle it. Modals are
 * whatever the app opened with the click's trigger id in the fake Web API.
 */
export class StaffDesk {
  private eventsUrl = "";
  private readonly triggers = new Map<string, string>();

  constructor(
    private readonly slack: FakeSlack,
    private readonly staff: readonly DemoStaffMember[],
    private readonly signingSecret: string,
    private readonly screens: Screens,
    private readonly time: TimeSource,
    private readonly events: LiveEvents,
  ) {
    slack.on("call", (call) => this.observe(call));
  }

  /** Where the product's Bolt receiver listens, once the server is up. */
  attach(baseUrl: string): void {
    this.eventsUrl = `${baseUrl}/slack/events`;
  }

  member(staffUserId: string): DemoStaffMember {
    const member = this.staff.find((candidate) => candidate.staffUserId === staffUserId);
    if (!member) throw new StaffDeskError(`no demo staff member ${staffUserId}`);
    return member;
  }

  channel(channel: string, as: string): SlackPost[] {
    const shownAt = (ts: string) => this.screens.shownAt.get(`s:${channel}:${ts}`) ?? null;
    const messages = this.slack.channel(channel);
    const isReply = (message: (typeof messages)[number]) => message.thread_ts !== undefined && message.thread_ts !== message.ts;
    const threadFiles = (ts: string) => messages.filter((reply) => isReply(reply) && reply.thread_ts === ts).flatMap((reply) => (reply.files ?? []).map(({ id, title }) => ({ id, title })));
    const posts: SlackPost[] = messages.filter((message) => !isReply(message)).map((message) => {
      const files = threadFiles(message.ts);
      return {
        ts: message.ts,
        at: shownAt(message.ts),
        text: message.text,
        blocks: message.blocks ?? [],
        edited: message.edited !== undefined,
        ephemeral: false,
        ...(files.length > 0 ? { threadFiles: files } : {}),
      };
    });
    for (const ephemeral of this.slack.ephemerals(channel).filter((candidate) => candidate.user === as)) {
      posts.push({ ts: ephemeral.message_ts, at: shownAt(ephemeral.message_ts), text: ephemeral.text ?? "", blocks: ephemeral.blocks ?? [], edited: false, ephemeral: true });
    }
    return posts.sort((a, b) => Number(a.ts) - Number(b.ts));
  }

  /** The bytes of a file uploaded to the channel (null once the playground restarted: Slack's side is not stored). */
  file(id: string): Buffer | null {
    return this.slack.uploadedFile(id)?.bytes ?? null;
  }

  modal(as: string): ModalScreen | null {
    const view = this.openView(as);
    if (!view) return null;
    return { viewId: view.id, title: view.title.text, submit: view.submit?.text ?? null, close: view.close?.text ?? null, blocks: view.blocks };
  }

  /** A button on a card, clicked by `as`: posted to Bolt exactly as Slack posts it. */
  async click(input: { as: string; channel: string; ts: string; actionId: string; value?: string }): Promise<void> {
    const member = this.member(input.as);
    const message = this.slack.channel(input.channel).find((candidate) => candidate.ts === input.ts);
    if (!message) throw new StaffDeskError("that message is no longer in the channel");
    const triggerId = this.remember(member.staffUserId);
    const payload = blockActionPayload({
      user: { id: member.staffUserId, name: member.name },
      channel: input.channel,
      messageTs: input.ts,
      actionId: input.actionId,
      ...(input.value !== undefined ? { value: input.value } : {}),
      triggerId,
      message,
      responseUrl: this.slack.responseUrl(input.channel, input.ts, member.staffUserId),
    });
    const response = await postToBolt(this.eventsUrl, this.signingSecret, payload);
    if (response.status !== 200) throw new Error(`the Slack app answered the click with HTTP ${response.status}`);
  }

  /** A global shortcut (the front desk's form, `new_request`) picked by `as`, posted as Slack posts it. */
  async shortcut(input: { as: string; callbackId: string }): Promise<void> {
    const member = this.member(input.as);
    const triggerId = this.remember(member.staffUserId);
    const response = await postToBolt(this.eventsUrl, this.signingSecret, globalShortcutPayload({ user: { id: member.staffUserId, name: member.name }, callbackId: input.callbackId, triggerId }));
    if (response.status !== 200) throw new Error(`the Slack app answered the shortcut with HTTP ${response.status}`);
  }

  /**
   * Submits the open modal with the page's values (by input block). Slack's own checks (required
   * fields, minimum length) answer first, as Slack does before sending anything; then the app's
   * `response_action: errors`, if any, come back for the page to show under the inputs.
   */
  async submit(input: { as: string; viewId: string; values: Record<string, string | null> }): Promise<{ ok: true; next?: true } | { ok: false; errors: ModalErrors }> {
    const member = this.member(input.as);
    const view = this.openView(member.staffUserId);
    if (!view || view.id !== input.viewId) throw new StaffDeskError("that modal is no longer open");
    const state = inputValues(view.blocks, input.values);
    if (!state.ok) return state;
    const payload = viewSubmissionPayload({ user: { id: member.staffUserId, name: member.name }, values: state.values as Record<string, Record<string, ViewStateValue>>, view });
    const response = await postToBolt(this.eventsUrl, this.signingSecret, payload);
    if (response.status !== 200) throw new Error(`the Slack app answered the submission with HTTP ${response.status}`);
    const answer = response.body ? (JSON.parse(response.body) as { response_action?: string; errors?: ModalErrors; view?: unknown }) : {};
    if (answer.response_action === "errors" && answer.errors) return { ok: false, errors: answer.errors };
    // The next step of a form replaces the modal in place, as Slack does with `response_action: update`.
    if (answer.response_action === "update" && answer.view) {
      await this.updateView(view.id, answer.view);
      return { ok: true, next: true };
    }
    this.close(member.staffUserId);
    return { ok: true };
  }

  /** Closing a modal sends Slack nothing unless the view asks for it (ours never do). */
  close(as: string): void {
    if (this.screens.modals.delete(as)) {
      this.screens.changed();
      this.events.publish({ type: "modal", user: as });
    }
  }

  private remember(staffUserId: string): string {
    const triggerId = fakeTriggerId();
    this.triggers.set(triggerId, staffUserId);
    if (this.triggers.size > rememberedTriggers) this.triggers.delete(this.triggers.keys().next().value as string);
    return triggerId;
  }

  private async updateView(viewId: string, view: unknown): Promise<void> {
    const response = await fetch(`${this.slack.apiUrl}views.update`, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8", authorization: `Bearer ${playgroundSlackToken}` },
      body: JSON.stringify({ view_id: viewId, view }),
    });
    const body = (await response.json()) as { ok?: boolean; error?: string };
    if (!body.ok) throw new Error(`the next step of the form could not be shown: ${body.error ?? response.status}`);
  }

  private openView(as: string): ViewOutput | undefined {
    const viewId = this.screens.modals.get(as);
    return viewId === undefined ? undefined : this.slack.views().find((view) => view.id === viewId);
  }

  private observe(call: SlackCall): void {
    const body = call.response?.body as { ok?: boolean; channel?: string; ts?: string; message_ts?: string; view?: { id?: string } } | undefined;
    if (call.response?.status !== 200 || !body?.ok) return;
    if (call.method === "views.open" || call.method === "views.push") {
      const user = this.triggers.get(String(call.payload.trigger_id));
      if (user && body.view?.id) {
        this.screens.modals.set(user, body.view.id);
        this.screens.changed();
        this.events.publish({ type: "modal", user });
      }
      return;
    }
    if (call.method === "views.update") {
      for (const [user, viewId] of this.screens.modals) if (viewId === body.view?.id) this.events.publish({ type: "modal", user });
      return;
    }
    if (!channelChangingMethods.has(call.method)) return;
    const channel = body.channel ?? (typeof call.payload.channel === "string" ? call.payload.channel : "*");
    const ts = call.method === "chat.postEphemeral" ? body.message_ts : call.method === "chat.postMessage" ? body.ts : undefined;
    if (ts) this.screens.shownAt.set(`s:${channel}:${ts}`, this.time.now().toISOString());
    this.screens.changed();
    this.events.publish({ type: "channel", channel });
  }
}
