import { webApi } from "@slack/bolt";
import type { Logger } from "pino";
import type { MessageRef, OutboxMessage, OutboxPayload } from "../../core/domain/outbox.js";
import type { RateRule } from "../../core/domain/rate-gate.js";
import type { Locale, Team } from "../../core/domain/registry.js";
import { type MessageSender, PermanentDeliveryError } from "../../core/ports/message-sender.js";
import type { PhotoSource } from "../../core/ports/photo-source.js";
import type { Translator } from "../../core/ports/translator.js";
import type { WorkflowContext } from "../../core/ports/workflow-context.js";
import { getCaseView } from "../../core/use-cases/get-case-view.js";
import { alertBlocks } from "./blocks/alert.js";
import { fitMessage, type FitReport, foldMarks } from "./blocks/block-limits.js";
import type { SlackMessage } from "./blocks/format.js";
import { verificationCardBlocks } from "./blocks/verification-card.js";
import { toBoltLogger } from "./bolt-logger.js";
import { type DigestFile, findSlackDigest, type SlackDigest, slackDigests } from "./digests/index.js";
import { findSlackKind, type SlackKind, slackKinds } from "./kinds/index.js";
import { slackErrorCode, toDeliveryError } from "./slack-errors.js";
import { uploadToThread } from "./slack-file-upload.js";
import { postCasePhotos } from "./slack-photo-upload.js";

/** What the sender needs; the channel mapping is the same one the app uses. */
export interface SlackMessageSenderOptions {
  /** Must reject rate-limited calls (see {@link createSlackSenderClient}) so a 429 reaches the outbox. */
  client: webApi.WebClient;
  workflow: WorkflowContext;
  translator: Translator;
  staffLocale: Locale;
  channelFor(team: Team): string;
  /** The kinds whose cards and prompts it draws; by default the Slack kinds list. */
  kinds?: readonly SlackKind[];
  /** The periodic summaries it draws (`staff.digest`); by default the Slack digests list. */
  digests?: readonly SlackDigest[];
  /** Where owners' photos are fetched from; without it a case's photos are a dead letter. */
  photos?: PhotoSource;
  /** Hears of a message that had to be folded to fit Block Kit's limits (its type, never its text). */
  logger?: Logger;
}

/**
 * The Web API client for outbox delivery: a 429 throws at once instead of sleeping inside the
 * client, and nothing is retried here, because the outbox paces, retries and dead-letters.
 */
export function createSlackSenderClient(options: { token: string; apiUrl: string; logger: Logger }): webApi.WebClient {
  return new webApi.WebClient(options.token, {
    slackApiUrl: options.apiUrl,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    logger: toBoltLogger(options.logger.child({ component: "slack-sender" })),
  });
}

/**
 * Delivers staff outbox messages to Slack. Every payload is rendered from the state read at
 * delivery time, not from the state when it was queued, so a card edited in place always shows
 * the latest state of its case even if several refreshes were queued. Cards and prompts are drawn
 * by the module of the case's kind, periodic summaries by their digest's renderer; a kind, prompt
 * or digest this release cannot draw is a dead letter.
 * A message with an earlier ref (`existing`) is edited with `chat.update`; if Slack lost it, it
 * is posted anew. Whatever a builder drew is fitted to Block Kit's limits before it goes (see
 * `fitMessage`): a long history or list is folded with a visible "… N more", never refused.
 */
export class SlackMessageSender implements MessageSender {
  constructor(private readonly options: SlackMessageSenderOptions) {}

  rateRules(message: OutboxMessage): RateRule[] {
    return [
      { key: `slack:channel:${this.channelOf(message.payload)}`, intervalMs: 1000 },
      { key: "slack:global", intervalMs: 100 },
    ];
  }

  async send(message: OutboxMessage, existing: MessageRef | null): Promise<MessageRef> {
    const channel = this.channelOf(message.payload);
    if (message.payload.type === "staff.case-photos") {
      if (!this.options.photos) throw new PermanentDeliveryError("no photo source: owners' photos cannot be fetched");
      return postCasePhotos({ client: this.options.client, workflow: this.options.workflow, photos: this.options.photos, caseId: message.payload.caseId });
    }
    const report: FitReport = { cut: 0, dropped: 0 };
    const rendered = fitMessage(await this.render(message.payload), foldMarks(this.staffText()), report);
    if (report.cut + report.dropped > 0) this.options.logger?.info({ type: message.payload.type, ...report }, "slack message folded to fit Block Kit's limits");
    const ref = await this.show(channel, rendered, existing);
    // A summary's files (the month's chart) go into the thread of the post they belong to.
    if (rendered.files && rendered.files.length > 0) {
      try {
        await uploadToThread(this.options.client, ref, rendered.files);
      } catch (error) {
        throw toDeliveryError(error);
      }
    }
    const { payload } = message;
    if (payload.type === "staff.case-card" && !payload.copy) await this.afterCard(payload.caseId, ref);
    return ref;
  }

  private async show(channel: string, rendered: SlackMessage, existing: MessageRef | null): Promise<MessageRef> {
    const { client } = this.options;
    if (existing) {
      try {
        await client.chat.update({ channel: existing.channel, ts: existing.messageId, text: rendered.text, blocks: rendered.blocks });
        return existing;
      } catch (error) {
        if (slackErrorCode(error) !== "message_not_found") throw toDeliveryError(error);
      }
    }
    try {
      const posted = await client.chat.postMessage({ channel, text: rendered.text, blocks: rendered.blocks, unfurl_links: false, unfurl_media: false });
      if (!posted.ts) throw new Error("chat.postMessage answered without a ts");
      return { channel: posted.channel ?? channel, messageId: posted.ts };
    } catch (error) {
      throw toDeliveryError(error);
    }
  }

  /** What the case's kind posts in the card's thread once the card shows it (a fee case's letter). */
  private async afterCard(caseId: string, card: MessageRef): Promise<void> {
    const { workflow, translator, staffLocale, client } = this.options;
    const subject = await workflow.uow.transaction((store) => store.cases.findById(caseId));
    const hook = subject ? this.kindModule(subject.kind).afterCard : undefined;
    if (!subject || !hook) return;
    const t = (key: string, params?: Parameters<Translator["t"]>[2]) => translator.t(staffLocale, key, params);
    try {
      await hook({ client, workflow, subject, card, t });
    } catch (error) {
      throw toDeliveryError(error);
    }
  }

  private staffText(): (key: string, params?: Parameters<Translator["t"]>[2]) => string {
    const { translator, staffLocale } = this.options;
    return (key, params) => translator.t(staffLocale, key, params);
  }

  /** Every staff message names its team; its channel follows from that alone. */
  private channelOf(payload: OutboxPayload): string {
    if (payload.type === "owner.notice") throw new PermanentDeliveryError("owner notices go to Telegram, not Slack");
    return this.options.channelFor(payload.team);
  }

  private kindModule(kind: string): SlackKind {
    const module = findSlackKind(this.options.kinds ?? slackKinds, kind);
    if (!module) throw new PermanentDeliveryError(`no Slack module draws kind ${kind}`);
    return module;
  }

  private async render(payload: OutboxPayload): Promise<SlackMessage & { files?: DigestFile[] }> {
    const { workflow, translator, staffLocale } = this.options;
    const t = (key: string, params?: Parameters<Translator["t"]>[2]) => translator.t(staffLocale, key, params);
    const formatInstant = (at: Date) => translator.formatInstant(staffLocale, at);
    const gone = (caseId: string) => new PermanentDeliveryError(`case ${caseId} no longer exists`);
    switch (payload.type) {
      case "staff.case-card": {
        // As for prompts, the kind says what else its card shows, so the case's kind is read first.
        const found = await workflow.uow.transaction(async (store) => {
          const subject = await store.cases.findById(payload.caseId);
          if (!subject) return null;
          const module = this.kindModule(subject.kind);
          const view = await getCaseView(store, workflow.kinds, subject.id, module.cardViewOptions?.(subject) ?? {});
          return view && { module, view };
        });
        if (!found) throw gone(payload.caseId);
        return found.module.card(found.view, t, formatInstant);
      }
      case "staff.case-prompt": {
        // The kind says what the prompt's subject is, so the case's kind is read before its view.
        const found = await workflow.uow.transaction(async (store) => {
          const subject = await store.cases.findById(payload.caseId);
          if (!subject) return null;
          const prompt = this.kindModule(subject.kind).prompts[payload.prompt];
          if (!prompt) throw new PermanentDeliveryError(`kind ${subject.kind} has no Slack prompt ${payload.prompt}`);
          const view = await getCaseView(store, workflow.kinds, subject.id, prompt.viewOptions(payload.subjectId));
          return view && { prompt, view };
        });
        if (!found) throw gone(payload.caseId);
        return found.prompt.render(found.view, payload.attempt, t, formatInstant);
      }
      case "staff.verification-card": {
        const found = await workflow.uow.transaction(async (store) => {
          const request = await store.verifications.findById(payload.verificationId);
          const decidedBy = request?.decidedBy ? await store.staff.findById(request.decidedBy) : null;
          return request ? { request, decidedByName: decidedBy?.name ?? null } : null;
        });
        if (!found) throw new PermanentDeliveryError(`verification ${payload.verificationId} no longer exists`);
        return verificationCardBlocks(found.request, found.decidedByName, t, formatInstant);
      }
      case "staff.digest": {
        const digest = findSlackDigest(this.options.digests ?? slackDigests, payload.digest);
        if (!digest) throw new PermanentDeliveryError(`no Slack renderer draws digest ${payload.digest}`);
        return digest.render(workflow, payload.period, t, formatInstant);
      }
      case "staff.alert":
        return alertBlocks(payload, t);
      case "owner.notice":
        throw new PermanentDeliveryError("owner notices go to Telegram, not Slack");
      case "staff.case-photos":
        throw new PermanentDeliveryError("photos are uploaded, not drawn");
    }
  }
}
