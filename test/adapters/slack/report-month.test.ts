import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import type { DatabaseKind } from "../../../src/adapters/persistence/database.js";
import { reportMonthSlackDigest } from "../../../src/adapters/slack/digests/index.js";
import { createSlackSenderClient, SlackMessageSender } from "../../../src/adapters/slack/slack-message-sender.js";
import { recipientOf } from "../../../src/core/domain/outbox.js";
import { productRegistry } from "../../../src/core/kinds/index.js";
import type { WorkflowContext } from "../../../src/core/ports/workflow-context.js";
import { monthlyReportTask } from "../../../src/core/reports/monthly-task.js";
import { ensureRecurringTasks } from "../../../src/core/use-cases/ensure-recurring-tasks.js";
import { runDueWork } from "../../../src/core/use-cases/run-due-work.js";
import { type FakeSlack, startFakeSlack } from "../../../src/testing/index.js";
import { openTestDatabase, postgresSkipReason, postgresTestUrl, type TestDatabase } from "../../support/databases.js";
import { ManualTime } from "../../support/workflow-fixture.js";
import { ReportData, local, zone } from "../persistence/report-data.js";
import { textOf } from "./block-text.js";
import { channelFor, MANAGER_CHANNEL, TOKEN } from "./slack-harness.js";
import { expectNoMissingKeys, testTranslator } from "./staff-text.js";

afterEach(expectNoMissingKeys);

function theMonthlyPost(kind: DatabaseKind) {
  let test: TestDatabase | null = null;
  let fake: FakeSlack | null = null;
  afterEach(async () => {
    await fake?.close();
    await test?.cleanup();
    test = fake = null;
  });

  it("on the 1st at 09:00 the manager channel gets December's figures, with the chart uploaded in the post's thread", async () => {
    test = await openTestDatabase(kind);
    const data = new ReportData(test.database.unitOfWork);
    const r1 = await data.repair("3-1201", local("2026-12-02T10:00"), { category: "plumbing", intakeChannel: "telegram" }, { status: "closed", closedAt: local("2026-12-03T10:00") });
    await data.staffStep(r1, 30);
    const r2 = await data.repair("3-1202", local("2026-12-05T10:00"), { category: "plumbing", intakeChannel: "phone" }, { status: "closed", closedAt: local("2026-12-05T16:00") });
    await data.staffStep(r2, 60);
    await data.repair("3-1203", local("2026-12-31T23:30"), { category: "plumbing", intakeChannel: "counter" });
    await data.callback(r1, local("2026-12-03T10:00"), "done");
    await data.callback(r2, local("2026-12-05T16:00"), "prompted");
    const c1 = await data.complaint("3-1202", local("2026-12-03T10:00"), { subject: "noise", channel: "letter", tier: "minor" });
    await data.event(c1, local("2026-12-04T10:00"), "escalated", { rule: "complaint.minor.resolve", to: "manager/manager" });

    const time = new ManualTime(local("2026-12-31T12:00"));
    const ctx: WorkflowContext = { uow: test.database.unitOfWork, time, timeZone: zone, kinds: productRegistry() };
    expect(await ensureRecurringTasks(ctx, [{ task: monthlyReportTask }])).toBe(1);
    time.set(local("2027-01-01T08:59"));
    expect((await runDueWork(ctx)).filter((r) => r.task === monthlyReportTask)).toEqual([]);
    time.set(local("2027-01-01T09:00"));
    expect((await runDueWork(ctx)).find((r) => r.task === monthlyReportTask)?.detail).toBe("monthly report of 2026-12");
    const [queued] = await ctx.uow.transaction((store) => store.outbox.claim("slack", time.now(), 10, new Date(time.now().getTime() + 60_000)));
    expect(queued?.payload).toEqual({ type: "staff.digest", team: "manager", digest: "report.month", period: "2026-12" });
    expect(recipientOf(queued!.payload)).toBe("slack:manager");

    fake = await startFakeSlack({ token: TOKEN });
    const sender = new SlackMessageSender({
      client: createSlackSenderClient({ token: TOKEN, apiUrl: fake.apiUrl, logger: pino({ level: "silent" }) }),
      workflow: ctx,
      translator: testTranslator(),
      staffLocale: "en",
      channelFor,
      digests: [reportMonthSlackDigest(test.database.reports)],
    });
    const posted = await sender.send(queued!, null);

    const [post, chart] = fake.channel(MANAGER_CHANNEL);
    expect(post?.ts).toBe(posted.messageId);
    expect(post?.text).toBe("Monthly report 2026-12: 4 requests, callback coverage 50%, 1 breaches");
    const shown = textOf(post?.blocks);
    expect(shown).toContain("Repair: 3 (Telegram 1 · Phone 1 · Counter 1)");
    expect(shown).toContain("Complaint: 1 (Letter 1)");
    expect(shown).toContain("Repair: 1 called back / 2 finished (50%) ⚠️");
    expect(shown).toMatch(/C-2026-\d{6} breached: /);
    expect(shown).toMatch(/Building 3, Plumbing 3 times: R-2026-\d{6}, R-2026-\d{6}, R-2026-\d{6}/);
    expect(chart?.thread_ts).toBe(posted.messageId);
    expect(chart?.files?.map((file) => [file.name, file.title])).toEqual([["report-2026-12.png", "Monthly report 2026-12 chart"]]);
    const file = fake.uploadedFile(chart!.files![0]!.id)!;
    expect(file.bytes?.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(file.bytes!.length).toBeGreaterThan(20_000);
  });
}

describe("the monthly report's post: SQLite", () => {
  theMonthlyPost("sqlite");
});

describe.skipIf(!postgresTestUrl)(`the monthly report's post: PostgreSQL${postgresTestUrl ? "" : ` SKIPPED: ${postgresSkipReason}`}`, () => {
  theMonthlyPost("postgresql");
});
