/** Every piece of text in a Block Kit structure, joined, so tests can assert what a person reads. */
export function textOf(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(textOf).join("\n");
  if (typeof value === "object" && value !== null) {
    const record = value as Record<string, unknown>;
    if (typeof record.text === "string") return record.text;
    return Object.entries(record)
      .filter(([key]) => key !== "value" && key !== "action_id" && key !== "block_id")
      .map(([, child]) => textOf(child))
      .join("\n");
  }
  return "";
}

interface ButtonLike {
  type: "button";
  action_id: string;
  value?: string;
  text: { text: string };
}

/** The buttons of a message's blocks, in order. */
export function buttonsOf(blocks: unknown): ButtonLike[] {
  if (!Array.isArray(blocks)) return [];
  return blocks.flatMap((block: { type?: string; elements?: unknown[] }) =>
    block.type === "actions" ? ((block.elements ?? []) as ButtonLike[]).filter((element) => element.type === "button") : [],
  );
}

export function buttonLabels(blocks: unknown): string[] {
  return buttonsOf(blocks).map((button) => button.text.text);
}

/** The button with `actionId`, or a failure naming what was there instead. */
export function buttonOf(blocks: unknown, actionId: string): ButtonLike {
  const found = buttonsOf(blocks).find((button) => button.action_id === actionId);
  if (!found) throw new Error(`no button ${actionId}; buttons: ${buttonsOf(blocks).map((b) => b.action_id).join(", ") || "none"}`);
  return found;
}
