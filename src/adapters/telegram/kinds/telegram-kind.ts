import type { ConversationBuilder } from "@grammyjs/conversations";
import type { Composer } from "grammy";
import type { Case } from "../../../core/case/case.js";
import type { OwnerActionDefinition } from "../../../core/case/kind.js";
import type { OwnerButton } from "../../../core/domain/outbox.js";
import type { WorkflowContext } from "../../../core/ports/workflow-context.js";
import type { BotContext, ConversationContext, OwnerBotDeps, Render } from "../context.js";

/** A conversation a kind registers; its id is stored with every running instance, so it must never change. */
export interface KindConversation {
  id: string;
  builder: ConversationBuilder<BotContext, ConversationContext>;
}

/** A press of an owner button whose action has no `perform`: the kind asks the owner something first. */
export interface OwnerButtonPress {
  button: OwnerButton;
  action: OwnerActionDefinition;
}

/**
 * Handles such a press. It must answer the callback query (else the owner's client shows a
 * spinner) and mark the pressed notice (see `markPressed`), also when the button is stale.
 */
export type OwnerButtonHandler = (deps: OwnerBotDeps, ctx: BotContext, press: OwnerButtonPress) => Promise<void>;

/** One case under "My requests". */
export interface MineItem {
  /** What it is about. */
  label: string;
  status: string;
  /** Further lines under the status (a confirmed time, a price), already rendered. */
  lines?: string[];
  /** Buttons the owner may press on the case now; an item with buttons is shown as a message of its own. */
  buttons?: OwnerButton[];
}

/**
 * Everything the owners' bot knows about one kind of request. The bot registers each module's
 * feature and conversations, lists its command and menu entry, shows its cases under /mine and
 * hands it the presses its owner actions leave to the adapter; shared code names no kind.
 * One module per folder under `kinds/`, listed once in `kinds/index.ts`.
 */
export interface TelegramKindModule {
  /** The core kind (`CaseKind.id`); the registry must know it. */
  kind: string;
  /** Command (without the slash) that starts a request of this kind, shown in the command menu. */
  command: string;
  /** Locale key of the command's description in the command menu. */
  commandKey: string;
  /** Locale key of the kind's main-menu entry; the feature should answer its labels too. */
  menuKey: string;
  /** Composer with the command, the menu entry and whatever else owners do with this kind. */
  feature(deps: OwnerBotDeps): Composer<BotContext>;
  conversations(deps: OwnerBotDeps): KindConversation[];
  /** Handlers by action name, for the kind's owner actions that have no `perform`. */
  ownerButtons: Record<string, OwnerButtonHandler>;
  /** How one case reads in "My requests": what it is about, and its status, in the owner's language. */
  listItem(subject: Case, t: Render, workflow: WorkflowContext): MineItem | Promise<MineItem>;
}
