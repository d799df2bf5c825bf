import { describe, expect, it } from "vitest";
import { rowLine } from "../../../../src/cli/inspect/model.ts";
import { sampleRows } from "../../../helpers/dataset-fixtures.ts";

describe("a sample row's line in hintc inspect", () => {
  it("names the row, its level, rollouts (one in the singular) and hint length with thousands separators", () => {
    const row = { ...sampleRows(4).find((r) => r.level === 2)!, rollouts: 1, hint_tokens: 1234 };
    const line = rowLine(row, "tokens");
    expect(line).toContain(`${row.problem_id} · split ${row.split} · ${row.kind} level 2/${row.num_steps}`);
    expect(line).toContain("· 1 rollout · hint 1,234 tokens ·");
    expect(rowLine({ ...row, rollouts: 2 }, "characters")).toContain("· 2 rollouts · hint 1,234 characters ·");
  });
});
