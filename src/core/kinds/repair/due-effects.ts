import type { DueEffectInput, WorkOutcome } from "../../case/kind.js";
import { recordEvent } from "../../case/machinery/changes.js";
import { queueCallbackPrompt } from "./callbacks.js";
import type { RepairDetails } from "./details.js";

/** A callback clock fell due: the front desk gets the prompt for this attempt. */
export async function promptCallback({ store, clock, subject, now }: DueEffectInput<RepairDetails>): Promise<WorkOutcome> {
  const callbackId = clock.subject?.type === "callback" ? clock.subject.id : null;
  const attempt = Number(clock.data.attempt ?? 1);
  const callback = callbackId ? await store.callbacks.findById(callbackId) : null;
  if (!callback || callback.caseId !== subject.id || callback.status !== "scheduled") return { skipped: `callback ${callbackId ?? "?"} is ${callback?.status ?? "gone"}` };
  await store.callbacks.save({ ...callback, status: "prompted" });
  await queueCallbackPrompt(store, subject.id, callback.id, now);
  await recordEvent(store, subject, { type: "callback_prompted", actor: { type: "system" }, at: now, data: { attempt, dueAt: clock.dueAt.toISOString() } });
  return { outcome: "callback_prompted", detail: `callback attempt ${attempt} prompted to the front desk` };
}
