import type { App } from "@slack/bolt";
import { PriceTeamSchema } from "../../../../core/domain/prices.js";
import type { ServiceDetails } from "../../../../core/kinds/service/details.js";
import { serviceKind } from "../../../../core/kinds/service/kind.js";
import { endPackage } from "../../../../core/kinds/service/package/staff-visit-steps.js";
import { completeService } from "../../../../core/kinds/service/use-cases/complete-service.js";
import { listWorkOrders } from "../../../../core/kinds/service/use-cases/list-work-orders.js";
import { proposeServiceTime } from "../../../../core/kinds/service/use-cases/propose-service-time.js";
import { quoteService } from "../../../../core/kinds/service/use-cases/quote-service.js";
import { scheduleSiteVisit } from "../../../../core/kinds/service/use-cases/schedule-site-visit.js";
import { startService } from "../../../../core/kinds/service/use-cases/start-service.js";
import { listPriceStandard } from "../../../../core/use-cases/list-price-standard.js";
import { onCaseButton } from "../../listeners/actions/case-buttons.js";
import { opensModal } from "../../listeners/actions/modal-buttons.js";
import { onButton } from "../../listeners/actions/on-button.js";
import { staffText } from "../../listeners/interaction.js";
import { onSubmission } from "../../listeners/views/on-submission.js";
import { type LocalDateTime, toLocalDateTime } from "../../local-time.js";
import type { SlackDeps } from "../../slack-deps.js";
import { serviceActionIds, serviceViewIds, VisitButtonValueSchema } from "./interaction.js";
import { proposeTimeModal, quoteModal, siteVisitModal } from "./modals.js";
import { readDateTime, readProposal, readQuote } from "./submissions.js";

const kind = serviceKind.id;
const day = 24 * 3_600_000;

/** The time a picker starts at: the one already set, else tomorrow 10:00 on the property's clocks. */
function initialTime(deps: SlackDeps, current: Date | null): LocalDateTime {
  const { timeZone, time } = deps.workflow;
  return current ? toLocalDateTime(current, timeZone) : { date: toLocalDateTime(new Date(time.now().getTime() + day), timeZone).date, time: "10:00" };
}

function clockOf(deps: SlackDeps) {
  return { timeZone: deps.workflow.timeZone, locale: deps.staffLocale };
}

/** Schedule site visit: the leader books when they come to price the job; the owner is told. */
function registerSiteVisit(app: App, deps: SlackDeps): void {
  const { t } = staffText(deps);
  opensModal<ServiceDetails>(app, deps, {
    actionId: serviceActionIds.scheduleSiteVisit,
    action: "schedule_site_visit",
    kind,
    build: async (service, metadata) => ({ view: siteVisitModal({ service, initial: initialTime(deps, service.details.siteVisitAt), clock: clockOf(deps), metadata }, t) }),
  });
  onSubmission(
    app,
    deps,
    serviceViewIds.siteVisit,
    (values) => readDateTime(values, { timeZone: deps.workflow.timeZone, now: deps.workflow.time.now() }, t),
    (at, metadata, staffUserId) => scheduleSiteVisit(deps.workflow, { caseId: metadata.ticketId, staffUserId, at }),
  );
}

/**
 * Quote: from the team's own standard. Where the standard prices on site the click is refused
 * until the site visit is booked, before anything is typed; the core refuses it again on submit.
 */
function registerQuote(app: App, deps: SlackDeps): void {
  const { t } = staffText(deps);
  opensModal<ServiceDetails>(app, deps, {
    actionId: serviceActionIds.quote,
    action: "quote",
    kind,
    build: async (service, metadata) => {
      if (service.details.onsitePricing && service.details.siteVisitAt === null) return { refusal: t("common:errors.site_visit_required", { number: service.number }) };
      const team = PriceTeamSchema.parse(service.team);
      const items = await listPriceStandard(deps.workflow, team);
      if (items.length === 0) return { refusal: t("staff:service.refusals.no_items", { team: t(`staff:teams.${team}`) }) };
      return { view: quoteModal({ service, items, clock: clockOf(deps), metadata }, t) };
    },
  });
  onSubmission(app, deps, serviceViewIds.quote, (values) => readQuote(values, t), (quote, metadata, staffUserId) =>
    quoteService(deps.workflow, { caseId: metadata.ticketId, staffUserId, lines: quote.lines, schedule: quote.schedule ?? null }),
  );
}

/**
 * Propose time: a one-off's time for the owner to confirm. A package's visit is moved only when
 * the owner asked (its work order is `rescheduling`), so the modal offers those visits alone.
 */
function registerProposeTime(app: App, deps: SlackDeps): void {
  const { t } = staffText(deps);
  const formatInstant = (at: Date) => deps.translator.formatInstant(deps.staffLocale, at);
  for (const action of ["propose_time", "propose_visit_time"] as const) {
    opensModal<ServiceDetails>(app, deps, {
      actionId: action === "propose_time" ? serviceActionIds.proposeTime : serviceActionIds.proposeVisitTime,
      action,
      kind,
      build: async (service, metadata) => {
        const visits = service.details.isPackage ? (await listWorkOrders(deps.workflow, service.id)).filter((order) => order.status === "rescheduling") : [];
        if (service.details.isPackage && visits.length === 0) return { refusal: t("staff:service.modals.propose_time.no_visit") };
        const current = service.details.isPackage ? null : service.details.appointmentAt;
        return { view: proposeTimeModal({ service, visits, initial: initialTime(deps, current), clock: clockOf(deps), metadata, formatInstant }, t) };
      },
    });
  }
  onSubmission(
    app,
    deps,
    serviceViewIds.proposeTime,
    (values) => readProposal(values, { timeZone: deps.workflow.timeZone, now: deps.workflow.time.now() }, t),
    (proposal, metadata, staffUserId) => proposeServiceTime(deps.workflow, { caseId: metadata.ticketId, staffUserId, ...proposal }),
  );
}

/**
 * Start and Done act at once; the core refuses Start unless the time is confirmed and its work
 * order open. A package's Start visit and Done visit act on the visit their button names, by its
 * scheduled instant; End package (confirmed in Slack's dialog first) cancels the visits not begun.
 */
function registerWorkButtons(app: App, deps: SlackDeps): void {
  onCaseButton(app, deps, serviceActionIds.start, startService);
  onCaseButton(app, deps, serviceActionIds.done, completeService);
  onCaseButton(app, deps, serviceActionIds.endPackage, endPackage);
  for (const [actionId, useCase] of [
    [serviceActionIds.startVisit, startService],
    [serviceActionIds.doneVisit, completeService],
  ] as const) {
    onButton(app, deps, {
      actionId,
      surface: "case-buttons",
      value: VisitButtonValueSchema,
      key: ({ value, clicker }) => `${actionId}:${clicker.userId}:${value.ticketId}:${value.version}:${value.visitAt}`,
      context: (value) => ({ caseId: value.ticketId, visitAt: value.visitAt }),
      act: ({ value, clicker }) => useCase(deps.workflow, { caseId: value.ticketId, staffUserId: clicker.userId, visitAt: value.visitAt }),
    });
  }
}

/** Every listener only service orders have. Claim, Assign, Cancel and the callback's outcomes are the shared listeners'. */
export function registerServiceListeners(app: App, deps: SlackDeps): void {
  registerSiteVisit(app, deps);
  registerQuote(app, deps);
  registerProposeTime(app, deps);
  registerWorkButtons(app, deps);
}
