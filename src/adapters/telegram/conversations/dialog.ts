import type { Conversation } from "@grammyjs/conversations";
import type { Api } from "grammy";
import type { Message } from "grammy/types";
import type { MessageParams } from "../../../core/domain/outbox.js";
import type { Locale } from "../../../core/domain/registry.js";
import { decodeCallbackData, type CallbackData } from "../callback-data.js";
import type { BotContext, ConversationContext, OwnerBotDeps } from "../context.js";

export type OwnerConversation = Conversation<BotContext, ConversationContext>;

/** What the owner sent while a conversation waited, reduced to what the steps can use. */
export type Answer =
  | { kind: "text"; text: string }
  | { kind: "photo"; fileId: string }
  | { kind: "button"; data: CallbackData; ctx: ConversationContext }
  | { kind: "other" };

type SendOptions = Parameters<Api["sendMessage"]>[2];

/** Buttons that conversations answer; owner actions and language buttons belong to features. */
const conversationButtons: ReadonlySet<CallbackData["type"]> = new Set(["category", "photos", "location", "time", "summary", "edit", "building", "verify", "subject", "skip", "deadline", "complaint_edit", "service_team", "service_type", "price_item", "quantity", "service_edit"]);

/**
 * The owner's side of a conversation: rendering in their language, prompts, and reading answers.
 * Built anew on every replay from replay-safe inputs only (the conversation handle, the first
 * context, the locale passed at enter, the bot's translator and menu), so it holds no state of its own.
 */
export class Dialog {
  constructor(
    readonly conversation: OwnerConversation,
    private readonly first: ConversationContext,
    readonly locale: Locale,
    private readonly deps: Pick<OwnerBotDeps, "translator" | "menu">,
  ) {}

  get chatId(): number {
    const chatId = this.first.chatId;
    if (chatId === undefined) throw new Error("a conversation always runs in a chat");
    return chatId;
  }

  get userId(): string {
    const from = this.first.from;
    if (!from) throw new Error("a conversation is always entered by a user");
    return String(from.id);
  }

  t(key: string, params?: MessageParams): string {
    return this.deps.translator.t(this.locale, key, params);
  }

  say(text: string, options?: SendOptions): Promise<Message.TextMessage> {
    return this.first.api.sendMessage(this.chatId, text, options);
  }

  /**
   * The next answer meant for this conversation. Commands, main-menu buttons and buttons that
   * are not the conversation's are skipped on to the features (so "My requests" still works
   * mid-repair); the conversation keeps waiting at the same step.
   */
  async answer(): Promise<Answer> {
    const ctx = await this.conversation.wait();
    if (ctx.callbackQuery) {
      const data = decodeCallbackData(ctx.callbackQuery.data);
      if (data && conversationButtons.has(data.type)) return { kind: "button", data, ctx };
      return this.conversation.skip({ next: true });
    }
    const message = ctx.message;
    if (!message) return this.conversation.skip({ next: true });
    if (message.text !== undefined) {
      if (message.text.startsWith("/") || this.deps.menu.isLabel(message.text)) return this.conversation.skip({ next: true });
      return { kind: "text", text: message.text };
    }
    const largest = message.photo?.at(-1);
    if (largest) return { kind: "photo", fileId: largest.file_id };
    return { kind: "other" };
  }

  /**
   * Waits until `accept` takes an answer. Every button press is answered (else the owner's
   * client shows a spinner); a press on a button of an earlier step is told it expired; any
   * other unusable answer gets the hint.
   */
  async choose<T>(accept: (answer: Answer) => T | undefined, hintKey: string, hintParams?: MessageParams): Promise<T> {
    for (;;) {
      const answer = await this.answer();
      const value = accept(answer);
      if (answer.kind === "button") {
        await answer.ctx.answerCallbackQuery(value === undefined ? { text: this.t("owner:buttons.expired") } : undefined);
      }
      if (value !== undefined) return value;
      if (answer.kind !== "button") await this.say(this.t(hintKey, hintParams));
    }
  }

  /**
   * Marks a prompt as answered: appends the choice and drops its keyboard, so an old button
   * cannot be pressed again. Cosmetic, so a failed edit (message deleted by the owner) is ignored.
   */
  async settle(prompt: Message.TextMessage, choice: string): Promise<void> {
    try {
      await this.first.api.editMessageText(this.chatId, prompt.message_id, `${prompt.text}\n\n✓ ${choice}`);
    } catch {
      // the owner still sees the next prompt; nothing depends on this edit
    }
  }
}
