/**
 * Session lengths and the renewal cadence from each session's sign-ins. The logs never show a
 * session end: a session with k renewals spanning `a` seconds ended after its last renewal and
 * before the next one would have come, i.e. its length L is in [a, a + G) with G the gap between
 * renewals. So lengths are interval-censored: the fit is the lognormal (mu, sigma) of largest
 * likelihood prod P(a <= L < a + G), with G's distribution taken from the observed gaps (the
 * spans of sessions with exactly one renewal; all spans / renewals when those are few). A
 * session with no renewal says only L < G, which is most sessions when the median is below an
 * hour; the fit still recovers the median because P(L < G) and the spread of longer sessions
 * pin both parameters.
 *
 * Sessions that start in the log's last 6 hours are left out (their span is cut by the log's
 * end) when the log covers more than a day.
 */

export interface RenewalFit {
  /** Gaps between a session's sign-ins [s]: mean and standard deviation. */
  readonly mean: number;
  readonly sd: number;
  /** A uniform distribution with that mean and sd [s]. */
  readonly min: number;
  readonly max: number;
  readonly samples: number;
}

export interface SessionFit {
  readonly median: number;
  readonly p99: number;
  readonly mu: number;
  readonly sigma: number;
  readonly sessions: number;
  readonly withRenewals: number;
}

const Z99 = 2.3263478740408408;

export function fitRenewals(spans: readonly number[], renewals: readonly number[]): RenewalFit | null {
  const one: number[] = [];
  const all: number[] = [];
  for (let i = 0; i < spans.length; i++) {
    if (renewals[i] >= 1) all.push(spans[i] / renewals[i]);
    if (renewals[i] === 1) one.push(spans[i]);
  }
  const gaps = one.length >= 50 ? one : all;
  if (gaps.length < 10) return null;
  const mean = gaps.reduce((s, x) => s + x, 0) / gaps.length;
  const sd = Math.sqrt(gaps.reduce((s, x) => s + (x - mean) ** 2, 0) / Math.max(1, gaps.length - 1));
  return {
    mean,
    sd,
    min: Math.max(0, mean - Math.sqrt(3) * sd),
    max: mean + Math.sqrt(3) * sd,
    samples: gaps.length,
  };
}

/** The normal CDF (Abramowitz-Stegun 7.1.26 on erf, |error| < 1.5e-7). */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + y) : 0.5 * (1 - y);
}

/** Interval-censored lognormal fit; `gaps` are quantile points of the renewal gap [s]. */
export function fitSessionLength(
  spans: readonly number[],
  renewals: readonly number[],
  gaps: readonly number[],
): SessionFit | null {
  if (spans.length < 20 || gaps.length === 0) return null;
  // Spans binned to 2 minutes (renewals come tens of minutes apart: little information is lost).
  const BIN = 120;
  const bins = new Map<number, number>();
  let withRenewals = 0;
  for (let i = 0; i < spans.length; i++) {
    const b = renewals[i] === 0 ? 0 : Math.round(spans[i] / BIN);
    if (renewals[i] > 0) withRenewals++;
    bins.set(b, (bins.get(b) ?? 0) + 1);
  }
  const entries = [...bins.entries()].sort((x, y) => x[0] - y[0]);
  const logLikelihood = (mu: number, sigma: number) => {
    let ll = 0;
    const F = (x: number) => (x <= 0 ? 0 : normalCdf((Math.log(x) - mu) / sigma));
    for (const [b, n] of entries) {
      const a = b * BIN;
      const fa = F(a);
      let p = 0;
      for (const g of gaps) p += F(a + g) - fa;
      ll += n * Math.log(Math.max(1e-300, p / gaps.length));
    }
    return ll;
  };
  // Coarse grid over median 1 min .. 2 days and sigma 0.1 .. 3, then four finer passes round the best.
  let best = { mu: Math.log(1800), sigma: 1, ll: Number.NEGATIVE_INFINITY };
  const search = (muLo: number, muHi: number, sLo: number, sHi: number, steps: number) => {
    for (let i = 0; i <= steps; i++) {
      const mu = muLo + ((muHi - muLo) * i) / steps;
      for (let j = 0; j <= steps; j++) {
        const sigma = sLo + ((sHi - sLo) * j) / steps;
        if (sigma <= 0.02) continue;
        const ll = logLikelihood(mu, sigma);
        if (ll > best.ll) best = { mu, sigma, ll };
      }
    }
  };
  search(Math.log(60), Math.log(172800), 0.1, 3, 24);
  for (const width of [0.5, 0.12, 0.03, 0.008]) {
    search(best.mu - width, best.mu + width, best.sigma - width, best.sigma + width, 8);
  }
  return {
    mu: best.mu,
    sigma: best.sigma,
    median: Math.exp(best.mu),
    p99: Math.exp(best.mu + Z99 * best.sigma),
    sessions: spans.length,
    withRenewals,
  };
}

/** `count` quantile points of the gaps (the midpoints of equal-probability slices). */
export function gapQuantiles(spans: readonly number[], renewals: readonly number[], count = 16): number[] {
  const one: number[] = [];
  const all: number[] = [];
  for (let i = 0; i < spans.length; i++) {
    if (renewals[i] >= 1) all.push(spans[i] / renewals[i]);
    if (renewals[i] === 1) one.push(spans[i]);
  }
  const gaps = (one.length >= 50 ? one : all).sort((a, b) => a - b);
  if (gaps.length === 0) return [];
  return Array.from(
    { length: count },
    (_, i) => gaps[Math.min(gaps.length - 1, Math.floor(((i + 0.5) / count) * gaps.length))],
  );
}
