// Token issuance: renewal underneath, interactive on top, stacked.
import { describe, expect, it } from "vitest";
import { tokenIssuance } from "../../../src/report/charts/token-issuance.ts";
import { withoutColumns } from "./fixture.ts";
import { fixtureInput, withResult } from "./fixture-input.ts";

describe("tokenIssuance", () => {
  const input = fixtureInput();

  it("stacks renewal and interactive tokens/s as filled areas", () => {
    const config = tokenIssuance(input)!;
    expect(config.data.datasets.map((d) => [d.label, d.fill])).toEqual([
      ["renewal (silent)", "stack"],
      ["sign-in (interactive, SSO, embedded)", "stack"],
    ]);
    expect(config.options?.scales?.["y"]).toMatchObject({ stacked: true });
    expect(config.data.datasets[1].data[42].y).toBe(input.result.series.columns["tokens.signIn.rate"][42]);
    expect(config.options?.plugins?.timeWindows?.shade).toBe("behind");
  });

  it("draws what is there and skips the chart when neither column is", () => {
    const onlyInteractive = withResult(
      input,
      withoutColumns(input.result, (c) => c === "tokens.renewal.rate"),
    );
    expect(tokenIssuance(onlyInteractive)!.data.datasets).toHaveLength(1);
    const none = withResult(
      input,
      withoutColumns(input.result, (c) => c.startsWith("tokens.")),
    );
    expect(tokenIssuance(none)).toBeNull();
  });
});
