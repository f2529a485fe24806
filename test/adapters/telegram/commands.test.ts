import { describe, expect, it } from "vitest";
import { createI18nextTranslator } from "../../../src/adapters/i18n/i18next-translator.js";
import { ownerCommandList } from "../../../src/adapters/telegram/commands.js";
import { localesDir } from "./telegram-harness.js";

describe("the owners' command menu", () => {
  it("lists each kind's command first, then /mine, /language, /cancel and /start, described in the client's language", () => {
    const missing: string[] = [];
    const translator = createI18nextTranslator({ localesDir, timeZone: "Asia/Shanghai", fallbackLocale: "zh-CN", onMissingKey: (locale, key) => missing.push(`${locale} ${key}`) });

    expect(ownerCommandList(translator, "en")).toEqual([
      { command: "repair", description: "Report a repair" },
      { command: "complain", description: "Make a complaint" },
      { command: "services", description: "Book cleaning or greening" },
      { command: "fees", description: "What I owe and have paid" },
      { command: "mine", description: "My requests" },
      { command: "language", description: "Change language" },
      { command: "cancel", description: "Stop what you are doing" },
      { command: "start", description: "Start / show the menu" },
    ]);
    expect(missing).toEqual([]);
  });
});
