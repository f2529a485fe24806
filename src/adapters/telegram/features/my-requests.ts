import { Composer } from "grammy";
import { listOwnerCases } from "../../../core/use-cases/list-owner-cases.js";
import type { BotContext, OwnerBotDeps } from "../context.js";
import { ownerActionsKeyboard } from "../keyboards.js";
import type { MineItem } from "../kinds/telegram-kind.js";
import { isVerifiedOwner, ownerProfile, replyNotVerified, senderId } from "./owner-helpers.js";

const shownCases = 10;

/** One message of the list: its lines, and the buttons of the one item it shows, if that item has any. */
interface MineMessage {
  lines: string[];
  item?: MineItem;
}

/**
 * `/mine` and the menu entry: the owner's latest requests of every kind the bot offers, each
 * with its number, what it is about and its status as the kind's module words them. Items with
 * buttons (Reschedule, Cancel) are messages of their own, so each keyboard sits under its case;
 * the others are listed together, in order.
 */
export function myRequestsFeature(deps: OwnerBotDeps): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  const modules = new Map(deps.kinds.map((module) => [module.kind, module]));

  const listMine = async (ctx: BotContext) => {
    if (!isVerifiedOwner(await ownerProfile(deps, ctx))) {
      await replyNotVerified(ctx);
      return;
    }
    const cases = await listOwnerCases(deps.workflow, senderId(ctx), shownCases);
    const messages: MineMessage[] = [];
    let count = 0;
    for (const subject of cases) {
      // A case of a kind this bot does not offer (filed at the counter) has no wording here.
      const module = modules.get(subject.kind);
      if (!module) continue;
      const item = await module.listItem(subject, ctx.t, deps.workflow);
      const text = [ctx.t("owner:mine.item", { number: subject.number, category: item.label, status: item.status, reported: { instant: subject.createdAt.toISOString() } }), ...(item.lines ?? [])].join("\n");
      count += 1;
      const last = messages.at(-1);
      if (item.buttons && item.buttons.length > 0) messages.push({ lines: [text], item });
      else if (last && !last.item) last.lines.push(text);
      else messages.push({ lines: [text] });
    }
    if (count === 0) {
      await ctx.reply(ctx.t("owner:mine.empty"));
      return;
    }
    const title = ctx.t("owner:mine.title", { count });
    for (const [index, message] of messages.entries()) {
      const text = (index === 0 ? [title, ...message.lines] : message.lines).join("\n\n");
      const keyboard = message.item?.buttons ? ownerActionsKeyboard(message.item.buttons, ctx.locale, deps.translator, deps.workflow.kinds, deps.workflow.timeZone) : undefined;
      await ctx.reply(text, keyboard ? { reply_markup: keyboard } : undefined);
    }
  };

  feature.command("mine", listMine);
  feature.hears(deps.menu.labels("owner:menu.mine"), listMine);
  return feature;
}
