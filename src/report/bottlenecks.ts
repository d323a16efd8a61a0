/**
 * Every station of a run ranked by how close it is to its limit: the table the report opens with
 * and the lines the terminal prints, so a saturated back end or identity provider is named even
 * when every SLO is on login latency.
 *
 * Per station: peak utilisation (the busiest time bin), the share of its arrivals it turned away
 * (rejected with the queue full or down, timed out, dropped by an outage), the mean wait in its
 * queue (Little's law on the measured period: Wq = Lq / λ) and the share of its users' latency
 * spent waiting there: for the sign-in stations, wait × visits per completed login ÷ the mean
 * login latency without typing; for a back end, wait ÷ its mean API call latency. Ranking: a
 * station turning away at least 0.1% of its work first (by that share), then by peak utilisation.
 */
import type { RunResult, StationReport } from "../model/index.ts";
import type { ResolvedScenario } from "../scenario/index.ts";
import { regionDisplayName } from "./scenario-paragraph.ts";

export interface Bottleneck {
  /** e.g. "back end weu (West Europe)", "identity provider login page". */
  readonly station: string;
  readonly utilisationPeak: number;
  readonly turnedAway: number;
  /** turnedAway ÷ arrivals (0 with no arrivals). */
  readonly turnedAwayShare: number;
  /** Mean wait in the queue [s] (Little). */
  readonly meanWait: number;
  /** Share of its users' latency spent waiting here, or null when nothing to compare with. */
  readonly waitShare: number | null;
  /** What `waitShare` is a share of. */
  readonly of: "login latency without typing" | "API call latency";
}

/** Work below this share turned away does not make a station a bottleneck by itself. */
const TURNED_AWAY_NOTABLE = 0.001;

export function rankBottlenecks(scenario: ResolvedScenario, r: RunResult): Bottleneck[] {
  const logins = r.logins.completed;
  const loginMean = r.latency.loginSystem.mean;
  /** `otherArrivals`: the station's requests that are no sign-in's (a WFE's pages). */
  const signIn = (station: string, s: StationReport, otherArrivals = 0): Bottleneck => {
    const wait = meanWait(s);
    const visits = logins > 0 ? Math.max(0, s.arrivals - otherArrivals) / logins : 0;
    return row(
      station,
      s,
      wait,
      loginMean && loginMean > 0 && logins > 0 ? (wait * visits) / loginMean : null,
      "login latency without typing",
    );
  };
  const rows: Bottleneck[] = [];
  for (const d of r.datacenters) {
    const where = `${d.name} (${regionDisplayName(scenario, d.region)})`;
    rows.push(signIn(`WFE ${where}`, d.wfe, d.wfePage.count + d.wfePageFailures));
    const callMean = d.backEndCall.mean;
    const wait = meanWait(d.backEnd);
    rows.push(
      row(
        `back end ${where}`,
        d.backEnd,
        wait,
        callMean && callMean > 0 ? wait / callMean : null,
        "API call latency",
      ),
    );
  }
  rows.push(signIn("identity provider login page", r.identityProvider.loginPage));
  rows.push(signIn("identity provider token endpoint", r.identityProvider.tokenEndpoint));
  rows.push(signIn("global service", r.globalService.station));
  return rows.sort(
    (a, b) =>
      Number(b.turnedAwayShare >= TURNED_AWAY_NOTABLE) - Number(a.turnedAwayShare >= TURNED_AWAY_NOTABLE) ||
      (a.turnedAwayShare >= TURNED_AWAY_NOTABLE ? b.turnedAwayShare - a.turnedAwayShare : 0) ||
      b.utilisationPeak - a.utilisationPeak,
  );
}

function row(
  station: string,
  s: StationReport,
  meanWaitSeconds: number,
  waitShare: number | null,
  of: Bottleneck["of"],
): Bottleneck {
  const turnedAway = s.rejected + s.timeouts + s.outageDrops;
  return {
    station,
    utilisationPeak: s.utilisationPeak,
    turnedAway,
    turnedAwayShare: s.arrivals > 0 ? turnedAway / s.arrivals : 0,
    meanWait: meanWaitSeconds,
    waitShare: waitShare === null ? null : Math.min(1, waitShare),
    of,
  };
}

function meanWait(s: StationReport): number {
  return s.meanRate > 0 ? s.queueMean / s.meanRate : 0;
}
