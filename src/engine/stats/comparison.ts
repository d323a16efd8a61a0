/**
 * `value op threshold` for the four comparisons an objective is written with. The study's judge
 * says pass or miss with it; the report uses the same rule to choose how many digits keep a
 * printed figure on its verdict's side of the threshold.
 */
export type ComparisonOp = "<" | "<=" | ">" | ">=";

export function meets(value: number, op: ComparisonOp, threshold: number): boolean {
  switch (op) {
    case "<":
      return value < threshold;
    case "<=":
      return value <= threshold;
    case ">":
      return value > threshold;
    case ">=":
      return value >= threshold;
  }
}
