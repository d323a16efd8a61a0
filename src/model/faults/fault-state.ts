/**
 * The state the active faults make, computed from scratch: which faults are active decides it
 * alone, never the order in which they began or ended. Recomputing from the base (instead of
 * multiplying by a factor and later by its inverse, or remembering the TTL a fault replaced)
 * is what makes overlapping faults of one kind compose and undo exactly: with TTL changes
 * A [1, 10) min and B [5, 20) min, the TTL is A's, then B's, then B's, then the base again.
 *
 * Composition rules: datacenter outages OR per datacenter and component (a WFE fails fast only
 * while every active outage of it fails fast: one black hole drops the packets), slowdowns multiply,
 * error rates add (capped at 1 where they are read), latency spikes add per region pair, and
 * among active TTL changes the one that began last wins (ties: the later in the scenario), and
 * removed signing keys OR (each fault its own key).
 */
import type { ResolvedFault } from "../../scenario/index.ts";

export interface FaultState {
  readonly isWfeDown: Uint8Array;
  /** Per datacenter, while its WFE is down: 1 = fast failure (503 at once), 0 = black hole. */
  readonly wfeFailsFast: Uint8Array;
  readonly isBackEndDown: Uint8Array;
  /** Per identity region: service-time multiplier. */
  readonly identitySlowdown: Float64Array;
  readonly loginErrorRate: Float64Array;
  readonly tokenErrorRate: Float64Array;
  globalServiceSlowdown: number;
  /** Added RTT [s] per region pair, row-major regions x regions, symmetric. */
  readonly spike: Float64Array;
  /** Traffic Manager TTL [s]. */
  ttl: number;
  /**
   * Bit j set: the j-th signingKeyRemoved fault's key (in scenario order) is missing from the
   * identity provider's published metadata (services/signing-keys.ts).
   */
  signingKeysMissing: number;
}

export interface FaultWorldSize {
  readonly datacenters: number;
  readonly identityRegions: number;
  /** identityProvider.scaleUnits.length: identity fault state is per (region, scale unit). */
  readonly scaleUnits: number;
  readonly regions: number;
  /** TTL when no TTL change is active [s]. */
  readonly baseTtl: number;
}

export function emptyFaultState(size: FaultWorldSize): FaultState {
  return {
    isWfeDown: new Uint8Array(size.datacenters),
    wfeFailsFast: new Uint8Array(size.datacenters),
    isBackEndDown: new Uint8Array(size.datacenters),
    identitySlowdown: new Float64Array(size.identityRegions * size.scaleUnits).fill(1),
    loginErrorRate: new Float64Array(size.identityRegions * size.scaleUnits),
    tokenErrorRate: new Float64Array(size.identityRegions * size.scaleUnits),
    globalServiceSlowdown: 1,
    spike: new Float64Array(size.regions * size.regions),
    ttl: size.baseTtl,
    signingKeysMissing: 0,
  };
}

/**
 * The state made by the faults whose `isActive[i]` is set. `startedAt[i]` is when fault i last
 * began (it orders TTL changes). Faults are folded in scenario order, so the floating-point
 * result is the same whatever order the events came in.
 */
export function composeFaults(
  faults: readonly ResolvedFault[],
  isActive: Uint8Array,
  startedAt: Float64Array,
  size: FaultWorldSize,
): FaultState {
  const s = emptyFaultState(size);
  let ttlStart = Number.NEGATIVE_INFINITY;
  const blackHoles = new Uint8Array(size.datacenters);
  let keyBit = 0;
  faults.forEach((f, i) => {
    const bit = f.type === "signingKeyRemoved" ? 1 << keyBit++ : 0;
    if (!isActive[i]) return;
    switch (f.type) {
      case "datacenterOutage":
        if (f.component !== "backEnd") {
          s.isWfeDown[f.datacenterIndex] = 1;
          if (f.failure === "blackHole") blackHoles[f.datacenterIndex] = 1;
        }
        if (f.component !== "wfe") s.isBackEndDown[f.datacenterIndex] = 1;
        return;
      case "identitySlowdown":
        for (const r of f.identityRegions)
          for (const k of cells(r, f.scaleUnitIndex, size)) s.identitySlowdown[k] *= f.factor;
        return;
      case "identityErrors":
        for (const r of f.identityRegions) {
          for (const k of cells(r, f.scaleUnitIndex, size)) {
            if (f.endpoint !== "tokenEndpoint") s.loginErrorRate[k] += f.errorRate;
            if (f.endpoint !== "loginPage") s.tokenErrorRate[k] += f.errorRate;
          }
        }
        return;
      case "globalServiceSlowdown":
        s.globalServiceSlowdown *= f.factor;
        return;
      case "latencySpike": {
        const [a, b] = f.between;
        s.spike[a * size.regions + b] += f.extra;
        if (a !== b) s.spike[b * size.regions + a] += f.extra;
        return;
      }
      case "dnsTtlChange":
        if (startedAt[i] >= ttlStart) {
          ttlStart = startedAt[i];
          s.ttl = f.ttl;
        }
        return;
      case "signingKeyRemoved":
        s.signingKeysMissing |= bit;
        return;
    }
  });
  for (let dc = 0; dc < size.datacenters; dc++) {
    s.wfeFailsFast[dc] = s.isWfeDown[dc] === 1 && blackHoles[dc] === 0 ? 1 : 0;
  }
  return s;
}

/** The (region, scale unit) cells a fault on `region` touches: one unit, or all (`unit` −1). */
function cells(region: number, unit: number, size: FaultWorldSize): number[] {
  const base = region * size.scaleUnits;
  if (unit >= 0) return [base + unit];
  return Array.from({ length: size.scaleUnits }, (_, u) => base + u);
}
