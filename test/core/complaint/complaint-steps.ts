import type { ComplaintCase } from "../../../src/core/kinds/complaint/details.js";
import { fileComplaint, type FileComplaintInput } from "../../../src/core/kinds/complaint/use-cases/file-complaint.js";
import type { WorkflowContext } from "../../../src/core/ports/workflow-context.js";
import { verifiedOwner } from "../../support/workflow-fixture.js";

/** A complaint the verified owner 7001 files in the bot now (the reception instant). */
export async function filedComplaint(ctx: WorkflowContext, overrides: Partial<FileComplaintInput> = {}): Promise<ComplaintCase> {
  const ownerUserId = overrides.ownerUserId ?? (await verifiedOwner(ctx));
  return fileComplaint(ctx, {
    ownerUserId,
    subject: "noise",
    description: "Renovation drilling next door after 22:00 every night",
    whenWhere: "Every night this week, flat 1201",
    about: null,
    ownerRequest: "Stop the drilling after 20:00",
    deadline: null,
    photos: [],
    ...overrides,
  });
}
