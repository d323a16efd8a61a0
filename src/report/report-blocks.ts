/**
 * The report as a few kinds of block (headings, paragraphs, tables, charts, notes), built once by
 * report-content.ts and rendered by report-markdown.ts and report-html.ts, so report.md and
 * report.html always say the same thing.
 */

/** A table cell; a verdict cell carries its tone so the renderers can make it stand out. */
export type Cell = string | { readonly text: string; readonly tone: "pass" | "fail" };

export type Align = "left" | "right";

export type Block =
  | { readonly kind: "heading"; readonly level: 1 | 2; readonly text: string }
  | { readonly kind: "paragraph"; readonly text: string }
  | {
      readonly kind: "table";
      /** Every numeric header carries its unit: `p95 [ms]`. */
      readonly header: readonly string[];
      readonly align: readonly Align[];
      readonly rows: readonly (readonly Cell[])[];
    }
  /** A chart image, referenced by its file name in the output folder. */
  | { readonly kind: "chart"; readonly file: string; readonly alt: string }
  /** A short aside under a table (how it was measured, what is missing). */
  | { readonly kind: "note"; readonly text: string };

export const cellText = (c: Cell): string => (typeof c === "string" ? c : c.text);

/** The chart files the report places, in the order they appear. */
export const CHART_FILES = {
  loginLatencyOverTime: "login-latency-over-time.png",
  loginSystemLatencyOverTime: "login-system-latency-over-time.png",
  loginLatencyCdf: "login-latency-cdf.png",
  loginSystemLatencyCdf: "login-system-latency-cdf.png",
  wfeLoad: "wfe-load.png",
  wfeUtilisation: "wfe-utilisation.png",
  instancesOverTime: "instances-over-time.png",
  backEndUtilisation: "backend-utilisation.png",
  tokenIssuance: "token-issuance.png",
  idpUtilisation: "idp-utilisation.png",
  failuresOverTime: "failures-over-time.png",
  failover: "failover.png",
  activeSessions: "active-sessions.png",
  worldMap: "world-map.png",
  worldMapOutage: "world-map-outage.png",
  routingMatrix: "routing-matrix.png",
} as const;
