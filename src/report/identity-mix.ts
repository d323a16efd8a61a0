/**
 * The identity-provider request mix (issue 14) as the terminal and the report show it: which
 * kinds of request the identity provider served (sign-ins by how they went, renewals by grant)
 * and the share from existing sessions, overall and per user base. Microsoft states that over
 * 90% of Entra ID's requests are for existing sessions: this is where a run says its own.
 */
import {
  IDENTITY_REQUEST_KINDS,
  type IdentityRequestKind,
  type IdentityRequestMix,
  type RunResult,
} from "../model/index.ts";
import { formatCount, formatPercent } from "./format.ts";
import type { Block, Cell } from "./report-blocks.ts";

/** Labels of the request kinds. */
export const MIX_LABELS: Readonly<Record<IdentityRequestKind, string>> = {
  interactive: "interactive",
  sso: "SSO",
  broker: "broker sign-in",
  refresh: "refresh",
  webRefresh: "refresh via WFE",
  iframe: "iframe",
  brokerRefresh: "broker refresh",
};

/** A share as "12.3", or "<0.1" when it is too rare for one decimal but happened. */
function shareText(count: number, total: number): string {
  if (total === 0) return "–";
  const share = count / total;
  return count > 0 && share < 0.0005 ? "<0.1" : formatPercent(share);
}

/** "N: 93.1% from existing sessions (refresh 61.0%, SSO 24.3%, interactive 6.9%)". */
export function identityMixLine(m: IdentityRequestMix): string {
  if (m.total === 0) return "none";
  const parts = IDENTITY_REQUEST_KINDS.filter((k) => m.counts[k] > 0)
    .sort((a, b) => m.counts[b] - m.counts[a])
    .map((k) => `${MIX_LABELS[k]} ${shareText(m.counts[k], m.total)}%`);
  return (
    `${formatCount(m.total)}: ${formatPercent(m.existingSessionShare ?? 0)}% from existing sessions` +
    ` (${parts.join(", ")})`
  );
}

/** The mix per user base and overall, one row each, every kind as a share of the row's total. */
export function identityMixTable(r: RunResult): Extract<Block, { kind: "table" }> {
  const header = [
    "User base",
    "Requests [count]",
    "From existing sessions [%]",
    ...IDENTITY_REQUEST_KINDS.map((k) => `${MIX_LABELS[k]} [%]`),
  ];
  const row = (name: string, m: IdentityRequestMix): Cell[] => [
    name,
    formatCount(m.total),
    m.existingSessionShare === null ? "–" : formatPercent(m.existingSessionShare),
    ...IDENTITY_REQUEST_KINDS.map((k) => shareText(m.counts[k], m.total)),
  ];
  return {
    kind: "table",
    header,
    align: header.map((_, i) => (i < 1 ? "left" : "right")),
    rows: [...r.userBases.map((u) => row(u.name, u.identityRequests)), row("all", r.identityRequests)],
  };
}
