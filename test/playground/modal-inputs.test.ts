import { describe, expect, it } from "vitest";
import { inputValues } from "../../src/playground/modal-inputs.js";

const option = (value: string) => ({ text: { type: "plain_text" as const, text: `Day ${value}` }, value });
const weekdays = { type: "input", block_id: "service_weekdays", element: { type: "multi_static_select", action_id: "service_weekdays", options: ["1", "2", "3"].map(option) } };

describe("the playground's modal inputs", () => {
  it("sends a multi-select's chosen values, one a line on the page, as Slack's selected_options", () => {
    expect(inputValues([weekdays], { service_weekdays: "1\n3" })).toEqual({
      ok: true,
      values: { service_weekdays: { service_weekdays: { type: "multi_static_select", selected_options: [option("1"), option("3")] } } },
    });
  });

  it("refuses a multi-select value that is not among its options, and a required one left empty", () => {
    expect(inputValues([weekdays], { service_weekdays: "1\n9" })).toEqual({ ok: false, errors: { service_weekdays: "Please choose among the options." } });
    expect(inputValues([weekdays], { service_weekdays: null })).toEqual({ ok: false, errors: { service_weekdays: "Please complete this required field." } });
  });
});
