import { WorkflowError } from "../domain/errors.js";
import { callbackPromptEffect } from "./callback-rules.js";
import type { Case } from "./case.js";
import type { ClockRule, ClockRuleId } from "./clock.js";
import type { CaseKind, OwnerActionDefinition, TaskDefinition } from "./kind.js";

/** The system's own tasks: housekeeping (`system.`) and the reports across every kind (`report.`). */
export const systemTaskPrefixes = ["system.", "report."] as const;

/**
 * The kinds of request a deployment handles, and the system's own tasks. Use cases reach a
 * kind's rules only through it, so shared code never names a kind. Ids must not collide: each
 * kind has its own number prefix, and its clock rules and tasks start with its id.
 */
export class CaseKindRegistry {
  private readonly byId = new Map<string, CaseKind>();
  private readonly rules = new Map<ClockRuleId, { kind: CaseKind; rule: ClockRule }>();
  private readonly tasks = new Map<string, TaskDefinition>();

  constructor(kinds: readonly CaseKind[], systemTasks: Record<string, TaskDefinition> = {}) {
    const prefixes = new Set<string>();
    for (const kind of kinds) {
      if (this.byId.has(kind.id) || prefixes.has(kind.prefix)) throw new Error(`kind ${kind.id} (${kind.prefix}) is registered twice`);
      this.byId.set(kind.id, kind);
      prefixes.add(kind.prefix);
      for (const [id, rule] of Object.entries(kind.clockRules)) {
        if (!id.startsWith(`${kind.id}.`)) throw new Error(`clock rule ${id} of kind ${kind.id} must start with "${kind.id}."`);
        this.rules.set(id, { kind, rule });
      }
      for (const [id, task] of Object.entries(kind.tasks)) {
        if (!id.startsWith(`${kind.id}.`)) throw new Error(`task ${id} of kind ${kind.id} must start with "${kind.id}."`);
        this.tasks.set(id, task);
      }
      if (kind.callback) checkCallback(kind);
      const codes = new Set(Object.values(kind.ownerActions).map((action) => action.code));
      if (codes.size !== Object.keys(kind.ownerActions).length) throw new Error(`kind ${kind.id} has two owner actions with one code`);
    }
    for (const [id, task] of Object.entries(systemTasks)) {
      if (!systemTaskPrefixes.some((prefix) => id.startsWith(prefix))) throw new Error(`system task ${id} must start with ${systemTaskPrefixes.map((prefix) => `"${prefix}"`).join(" or ")}`);
      this.tasks.set(id, task);
    }
    for (const [id, { rule }] of this.rules) {
      if (rule.then && !this.rules.has(rule.then)) throw new Error(`clock rule ${id} starts unknown rule ${rule.then}`);
    }
  }

  list(): CaseKind[] {
    return [...this.byId.values()];
  }

  kind(id: string): CaseKind {
    const kind = this.byId.get(id);
    if (!kind) throw new WorkflowError("not_found", `no kind ${id} in this deployment`);
    return kind;
  }

  kindOf(subject: Pick<Case, "kind">): CaseKind {
    return this.kind(subject.kind);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  clockRule(id: ClockRuleId): ClockRule | null {
    return this.rules.get(id)?.rule ?? null;
  }

  task(id: string): TaskDefinition | null {
    return this.tasks.get(id) ?? null;
  }

  /** The owner action `action` of `kind`, or null for a button this deployment no longer knows. */
  ownerAction(kind: string, action: string): OwnerActionDefinition | null {
    return this.byId.get(kind)?.ownerActions[action] ?? null;
  }
}

/**
 * A kind with a callback policy needs the shared callback rules and the prompt's due effect:
 * without them its callbacks would open and never reach the front desk, silently.
 */
function checkCallback(kind: CaseKind): void {
  for (const name of ["prompt", "retry", "unreachable"]) {
    const id = `${kind.id}.callback.${name}`;
    if (!kind.clockRules[id]) throw new Error(`kind ${kind.id} declares a callback but no clock rule ${id} (use callbackClockRules)`);
  }
  if (!kind.dueEffects[callbackPromptEffect]) throw new Error(`kind ${kind.id} declares a callback but no due effect ${callbackPromptEffect} (use promptCallback)`);
}
