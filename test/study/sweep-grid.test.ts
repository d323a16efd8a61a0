import { describe, expect, it } from "vitest";
import { sweepGrid } from "../../src/study/index.ts";

describe("sweepGrid", () => {
  it("crosses every --vary axis, the first varying slowest", () => {
    const { grid, problems } = sweepGrid(["a=1,2", "b=x,y,z"]);
    expect(problems).toEqual([]);
    expect(grid.map((g) => g.map(([p, v]) => `${p}=${v}`).join(" "))).toEqual([
      "a=1 b=x",
      "a=1 b=y",
      "a=1 b=z",
      "a=2 b=x",
      "a=2 b=y",
      "a=2 b=z",
    ]);
  });

  it("keeps commas inside braces and brackets within one value", () => {
    const { grid } = sweepGrid([
      "identityProvider.tokenLifetime={ uniform: { min: 60m, max: 90m } },{ constant: 1h }",
    ]);
    expect(grid.map((g) => g[0][1])).toEqual(["{ uniform: { min: 60m, max: 90m } }", "{ constant: 1h }"]);
  });

  it("reports a --vary without '=' or values", () => {
    expect(sweepGrid(["nonsense"]).problems[0]).toMatch(/expected path=value1,value2/);
    expect(sweepGrid(["a="]).problems[0]).toMatch(/no values/);
  });
});
