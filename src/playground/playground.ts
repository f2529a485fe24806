import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import { type ChartTranslate, renderReportPng } from "../adapters/reports/report-chart.js";
import type { ReportQueries } from "../core/ports/reports.js";
import type { MonthlyReport } from "../core/reports/monthly.js";
import { buildMonthlyReport } from "../core/use-cases/build-monthly-report.js";
import type { Locale } from "../core/domain/registry.js";
import type { WorkflowContext } from "../core/ports/workflow-context.js";
import type { FakeSlack } from "../testing/fake-slack-server.js";
import type { FakeTelegram } from "../testing/fake-telegram-server.js";
import { emptySlackSnapshot } from "../testing/fake-slack-server.js";
import { emptyTelegramSnapshot } from "../testing/fake-telegram-server.js";
import { demoChannels, demoOwners, demoProperty, demoStaff, readDemoMarker, resetDemoData } from "./demo-data.js";
import { LiveEvents } from "./live-events.js";
import { OwnerPhones } from "./owner-phones.js";
import { Screens } from "./screens.js";
import { StaffDesk } from "./staff-desk.js";
import { advanceClock, upcomingWork, type ClockMove, type ClockTarget, type VirtualClock } from "./virtual-clock.js";

/** What the page needs once, at load: who can be played, where, and the product's time. */

export interface PlaygroundSetup {
  instanceId: string;
  property: typeof demoProperty;
  timeZone: string;
  staffLocale: Locale;
  bot: { name: string; username: string };
  owners: { id: number; name: string; locale: Locale; phone: string; registered: boolean; note: string; claims: { building: string; unit: string } | null }[];
  staff: { id: string; name: string; team: string; role: string }[];
  channels: { id: string; name: string; team: string }[];
  clock: { now: string; offsetMs: number };
}

/** What the playground is built from: the running fakes, the product's clock, and the secret it signs Slack requests with. */
export interface PlaygroundDeps {
  telegram: FakeTelegram;
  slack: FakeSlack;
  clock: VirtualClock;
  signingSecret: string;
  timeZone: string;
  staffLocale: Locale;
  logger: Logger;
  /** What a clock rule is called on the page ("Callback (after leak test)"), from the staff locale files. */
  describeRule: (rule: string) => string;
  /** Staff texts in a language, for the Reports view's chart. */
  staffText: (locale: Locale) => ChartTranslate;
}

const markerPollMs = 2_000;
/** How many of the jobs a move runs get named in its report; the rest show their number only. */
const maxJobsPerMove = 200;
/** The move's target is read again inside advanceClock; a job falling due in between is still named. */
const clockSlackMs = 5_000;

/** A clock move as the page reports it: each job with its clock's name and whom its breach alerted. */
export interface PlayedClockMove extends ClockMove {
  reports: (ClockMove["reports"][number] & { clock: string | null; alerts: string | null })[];
}

/**
 * The playground's state on the server: both platforms' clients (owner phones, staff desk), the
 * live event stream, the product's clock and the demo data's lifecycle. The product itself is
 * attached once built; this object never calls a use case on behalf of a person, only what the
 * platforms would send (and the clock, which stands in for time passing).
 */
export class Playground {
  readonly instanceId = randomUUID();
  readonly events = new LiveEvents(this.instanceId);
  readonly screens: Screens;
  readonly phones: OwnerPhones;
  readonly desk: StaffDesk;
  private ctx: WorkflowContext | null = null;
  private wipe: (() => Promise<void>) | null = null;
  private reports: ReportQueries | null = null;
  private generation: string | null = null;
  private watcher: NodeJS.Timeout | null = null;
  private clockWork: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: PlaygroundDeps) {
    const onSaveError = (error: unknown) => deps.logger.error({ err: error }, "could not save the playground's screens");
    this.screens = new Screens(() => this.workflow().uow, deps.telegram, deps.slack, onSaveError);
    this.phones = new OwnerPhones(deps.telegram, demoOwners, this.screens, deps.clock, this.events);
    this.desk = new StaffDesk(deps.slack, demoStaff, deps.signingSecret, this.screens, deps.clock, this.events);
  }

  /** Adopts the built product: its store, the database's wipe, the stored screens and clock. */
  async attachProduct(ctx: WorkflowContext, wipe: () => Promise<void>, reports: ReportQueries): Promise<void> {
    this.ctx = ctx;
    this.wipe = wipe;
    this.reports = reports;
    this.generation = (await readDemoMarker(ctx))?.generation ?? null;
    await this.deps.clock.load(ctx.uow);
    await this.screens.load();
  }

  /** Starts clicking through the product's own HTTP port, and notices a `demo reset` run by the CLI. */
  attachServer(baseUrl: string): void {
    this.desk.attach(baseUrl);
    this.watcher = setInterval(() => {
      this.adoptExternalReset().catch((error: unknown) => this.deps.logger.warn({ err: error }, "could not check the demo marker"));
    }, markerPollMs);
    this.watcher.unref();
  }

  setup(): PlaygroundSetup {
    const { telegram, clock } = this.deps;
    return {
      instanceId: this.instanceId,
      property: demoProperty,
      timeZone: this.deps.timeZone,
      staffLocale: this.deps.staffLocale,
      bot: { name: telegram.botInfo.first_name, username: telegram.botInfo.username },
      owners: demoOwners.map((owner) => ({
        id: owner.ownerUserId,
        name: [owner.firstName, owner.lastName].filter(Boolean).join(" "),
        locale: owner.locale,
        phone: owner.phone,
        registered: owner.registered,
        note: owner.note,
        claims: owner.claims ?? null,
      })),
      staff: demoStaff.map((member) => ({ id: member.staffUserId, name: member.name, team: member.team, role: member.role })),
      channels: Object.entries(demoChannels).map(([team, channel]) => ({ id: channel.id, name: channel.name, team })),
      clock: { now: clock.now().toISOString(), offsetMs: clock.offsetMs },
    };
  }

  /** The Reports view: the monthly report of `month` (`YYYY-MM`), the same figures the manager channel gets. */
  async monthlyReport(month: string): Promise<MonthlyReport> {
    if (!this.reports) throw new Error("the playground is not attached to a database yet");
    const ctx = this.workflow();
    return buildMonthlyReport({ reports: this.reports, timeZone: ctx.timeZone, kinds: ctx.kinds }, month);
  }

  /** The month's chart as a PNG, labelled in `locale`. */
  async monthlyChart(month: string, locale: Locale): Promise<Buffer> {
    return renderReportPng(await this.monthlyReport(month), this.deps.staffText(locale));
  }

  async clockState() {
    const { clock } = this.deps;
    const upcoming = (await upcomingWork(this.workflow())).map((work) => ({ ...work, label: work.rule ? this.deps.describeRule(work.rule) : null }));
    return { now: clock.now().toISOString(), offsetMs: clock.offsetMs, upcoming };
  }

  /**
   * Moves the product's time (one move at a time) and runs what fell due; the page is told. Each
   * report names the clock its job belonged to and whom a breach alerted, read before the move
   * (a job that ran is no longer pending), so the toast can say "Manager acknowledges (same day)
   * overdue" rather than only "escalated".
   */
  async advance(target: ClockTarget): Promise<PlayedClockMove> {
    const move = this.clockWork.then(async () => {
      const { clock } = this.deps;
      const until = "byMs" in target ? new Date(clock.now().getTime() + target.byMs + clockSlackMs) : new Date(target.to.getTime() + clockSlackMs);
      const jobs = new Map((await upcomingWork(this.workflow(), maxJobsPerMove, until)).map((work) => [work.jobId, work]));
      const done = await advanceClock(this.workflow(), clock, target);
      return {
        ...done,
        reports: done.reports.map((report) => {
          const work = jobs.get(report.jobId);
          return { ...report, clock: work?.rule ? this.deps.describeRule(work.rule) : null, alerts: work?.alerts ?? null };
        }),
      };
    });
    this.clockWork = move.catch(() => undefined);
    const done = await move;
    this.events.publish({ type: "clock", now: done.now.toISOString(), offsetMs: this.deps.clock.offsetMs });
    return done;
  }

  /** `demo reset` from the page: wipe, reload the demo, blank screens. */
  async reset(): Promise<void> {
    if (!this.wipe) throw new Error("the playground is not attached to a database yet");
    const marker = await resetDemoData(this.workflow(), this.wipe);
    await this.blankScreens(marker.generation);
  }

  async stop(): Promise<void> {
    if (this.watcher) clearInterval(this.watcher);
    this.events.close();
    if (this.ctx) await this.screens.flush();
  }

  private workflow(): WorkflowContext {
    if (!this.ctx) throw new Error("the playground is not attached to the product yet");
    return this.ctx;
  }

  private async adoptExternalReset(): Promise<void> {
    const marker = await readDemoMarker(this.workflow());
    if (!marker || marker.generation === this.generation) return;
    this.deps.logger.info("demo data was reset from the command line; clearing the screens");
    await this.blankScreens(marker.generation);
  }

  private async blankScreens(generation: string): Promise<void> {
    this.generation = generation;
    this.deps.telegram.restore(emptyTelegramSnapshot);
    this.deps.slack.restore(emptySlackSnapshot);
    this.screens.sent.clear();
    this.screens.shownAt.clear();
    this.screens.modals.clear();
    this.screens.hiddenKeyboards.clear();
    await this.deps.clock.load(this.workflow().uow);
    await this.screens.flush();
    this.events.publish({ type: "reset" });
  }
}
