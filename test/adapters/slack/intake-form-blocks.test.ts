import { afterEach, describe, expect, it } from "vitest";
import { intakeDetailsModal, intakeUnitModal, type IntakeValues, readIntakeCaller, readIntakeUnitStep } from "../../../src/adapters/slack/blocks/intake-form.js";
import { complaintIntakeFields, readComplaintIntake } from "../../../src/adapters/slack/kinds/complaint/intake-fields.js";
import { slackIntakes } from "../../../src/adapters/slack/kinds/index.js";
import type { Translate } from "../../../src/adapters/slack/blocks/format.js";
import type { Unit } from "../../../src/core/domain/registry.js";
import { englishText, expectNoMissingKeys, testTranslator } from "./staff-text.js";

afterEach(expectNoMissingKeys);

const { t } = englishText();
const chinese: Translate = (key, params) => testTranslator().t("zh-CN", key, params);

type Input = { block_id: string; label: { text: string }; optional?: boolean; hint?: { text: string }; element: { type: string; options?: { text: { text: string }; value: string }[]; initial_option?: { value: string } } };
const inputs = (blocks: readonly unknown[]) => (blocks as { type: string }[]).filter((block) => block.type === "input") as unknown as Input[];
const inputOf = (blocks: readonly unknown[], blockId: string) => {
  const found = inputs(blocks).find((block) => block.block_id === blockId);
  if (!found) throw new Error(`no input ${blockId}`);
  return found;
};

const text = (value: string) => ({ type: "plain_text_input", value });
const option = (value: string) => ({ type: "static_select", selected_option: { text: { type: "plain_text" as const, text: value }, value } });
const values = (fields: Record<string, object>): IntakeValues => Object.fromEntries(Object.entries(fields).map(([id, value]) => [id, { [id]: value }])) as IntakeValues;

describe("the front desk's form, step 1: what it is, how it came, the unit", () => {
  const view = intakeUnitModal(slackIntakes, t);

  it("asks what the request is, Repair, Complaint or Paid service, with Repair preselected as before", () => {
    const kind = inputOf(view.blocks, "intake_kind");
    expect(kind.label.text).toBe("What is it");
    expect(kind.element.options?.map((choice) => choice.text.text)).toEqual(["Repair", "Complaint", "Paid service"]);
    expect(kind.element.initial_option?.value).toBe("repair");
  });

  it("offers a letter beside a call and the counter, and says on the field that a letter is for complaints only", () => {
    const channel = inputOf(view.blocks, "intake_channel");
    expect(channel.element.options?.map((choice) => choice.text.text)).toEqual(["By phone", "At the counter", "By letter"]);
    expect(channel.hint?.text).toBe("By letter: only for Complaint.");
  });

  it("reads as the front desk writes it in Chinese", () => {
    const zh = intakeUnitModal(slackIntakes, chinese);
    expect(zh.title.text).toBe("新建受理");
    expect(inputOf(zh.blocks, "intake_channel").hint?.text).toBe("书面：仅限投诉。");
    expect(inputOf(zh.blocks, "intake_kind").element.options?.map((choice) => choice.text.text)).toEqual(["报修", "投诉", "有偿服务"]);
  });

  it("refuses a repair by letter on the channel, naming the channels a repair is taken by", () => {
    const read = readIntakeUnitStep(values({ intake_kind: option("repair"), intake_channel: option("letter"), intake_building: text("3"), intake_unit: text("1202") }), slackIntakes, t);
    expect(read).toEqual({ ok: false, errors: { intake_channel: "“By letter” is not offered for Repair: choose By phone or At the counter." } });
    const zh = readIntakeUnitStep(values({ intake_kind: option("repair"), intake_channel: option("letter"), intake_building: text("3"), intake_unit: text("1202") }), slackIntakes, chinese);
    expect(zh).toEqual({ ok: false, errors: { intake_channel: "报修不受理“书面”方式，请选择来电或来访。" } });
  });

  it("takes a complaint by letter, with the address trimmed", () => {
    const read = readIntakeUnitStep(values({ intake_kind: option("complaint"), intake_channel: option("letter"), intake_building: text(" 3 "), intake_unit: text("1202") }), slackIntakes, t);
    expect(read).toMatchObject({ ok: true, value: { choice: { kind: "complaint" }, channel: "letter", building: "3", unit: "1202" } });
  });

  it("a form opened before the kind was asked is a repair, as it was then", () => {
    const read = readIntakeUnitStep(values({ intake_channel: option("counter"), intake_building: text("3"), intake_unit: text("1202") }), slackIntakes, t);
    expect(read).toMatchObject({ ok: true, value: { choice: { kind: "repair" }, channel: "counter" } });
  });
});

describe("the front desk's form, step 2 of a complaint", () => {
  const unit: Unit = { id: "unit-1", building: "3", unit: "1202", areaM2: 89.5, handoverDate: "2025-06-01", warrantyMonths: 24 };
  const metadata = { kind: "complaint", channel: "letter" as const, building: "3", unit: "1202" };

  it("shows the unit, the kind and the channel on top, the caller part, then the complaint as the procedure records it", () => {
    const view = intakeDetailsModal({ unit, residents: [], metadata, kindLabel: t("staff:intake.kinds.complaint"), fields: complaintIntakeFields(t) }, t);
    expect(view.blocks[0]).toMatchObject({ type: "section", text: { text: "*3-1202* · Complaint · By letter" } });
    expect(inputs(view.blocks).map((block) => [block.label.text, block.optional ?? false])).toEqual([
      ["New caller: name", true],
      ["New caller: phone", true],
      ["Subject", false],
      ["What happened", false],
      ["When and where", false],
      ["About whom or which department", true],
      ["What the owner asks for", false],
      ["The owner's deadline", true],
    ]);
    expect(inputOf(view.blocks, "intake_complaint_subject").element.options?.map((choice) => choice.value)).toEqual([
      "noise", "hygiene", "security", "staff_attitude", "facilities", "fees", "neighbours", "other",
    ]);
    expect(inputOf(view.blocks, "intake_complaint_deadline").element.type).toBe("datepicker");
  });

  it("an empty complaint reports every required field at once, and the caller's too", () => {
    expect(readComplaintIntake(values({}), t)).toEqual({
      ok: false,
      errors: {
        intake_complaint_subject: "Choose what the complaint is about.",
        intake_complaint_description: "Describe what happened in at least two characters.",
        intake_complaint_when_where: "Please fill this in.",
        intake_complaint_request: "Please fill this in.",
      },
    });
    expect(readIntakeCaller(values({ intake_new_name: text("陈先生"), intake_new_phone: text("12") }), t)).toEqual({ ok: false, errors: { intake_new_phone: "With the country code, such as +8613800000001." } });
  });

  it("reads a complaint with no one named and no deadline as null ones, and a picked date as the owner's deadline", () => {
    const filled = { intake_complaint_subject: option("noise"), intake_complaint_description: text(" Drilling every night "), intake_complaint_when_where: text("After 23:00, flat above"), intake_complaint_request: text("Make it stop") };
    expect(readComplaintIntake(values({ ...filled, intake_complaint_about: text("  ") }), t)).toEqual({
      ok: true,
      value: { subject: "noise", description: "Drilling every night", whenWhere: "After 23:00, flat above", about: null, ownerRequest: "Make it stop", deadline: null },
    });
    expect(readComplaintIntake(values({ ...filled, intake_complaint_about: text("4-1302"), intake_complaint_deadline: { type: "datepicker", selected_date: "2026-12-05" } }), t)).toMatchObject({
      ok: true,
      value: { about: "4-1302", deadline: { date: "2026-12-05" } },
    });
  });
});
