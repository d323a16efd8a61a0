/**
 * Callers whose tokens a removed signing key signs, counted per caller group (caller-groups.ts)
 * and per key class of their tenant (services/signing-keys.ts), so that a valid call drawn from a
 * group is rejected with the probability that its caller's token is one the instance it reaches
 * cannot check: every member of a group calls at the same rate, so that is, summed over classes,
 * the class's share of the group's members times the share of the back end's instances whose
 * copy lacks the class's key. Rejected calls change nothing in their session (the token stays cached:
 * MSAL hands the same token back, and a fresh one would be signed with the same key), so the
 * callers stay where they are and only the calls are thinned.
 *
 * Exists only when the scenario removes a key (services/signing-keys.ts); tenants whose tokens no
 * removed key signs are not counted.
 */
import { FailureIndex, type Metrics } from "../measure/metrics.ts";
import { Occurrence } from "../measure/signals.ts";
import type { SigningKeys } from "../services/signing-keys.ts";
import type { CallerGroups } from "./caller-groups.ts";

export class KeyedCallers {
  /** Members per (group, key class), row-major. */
  private readonly counts: Int32Array;
  private readonly classes: number;

  constructor(
    private readonly keys: SigningKeys,
    private readonly groups: CallerGroups,
    private readonly metrics: Metrics,
  ) {
    this.classes = keys.classCount;
    this.counts = new Int32Array(groups.memberCount.length * this.classes);
  }

  /** A session of `tenant` joined group `g`. */
  join(g: number, tenant: number): void {
    const q = this.keys.classOfTenant[tenant];
    if (q >= 0) this.counts[g * this.classes + q]++;
  }

  /** A session of `tenant` left group `g`. */
  leave(g: number, tenant: number): void {
    const q = this.keys.classOfTenant[tenant];
    if (q >= 0) this.counts[g * this.classes + q]--;
  }

  /**
   * Whether a valid call at `t` from group `g` to back end `dc` is rejected: with the probability
   * that its token's key class is one the instance it reaches lacks (summed over classes: the
   * class's share of the group times the share of instances lacking its key). A rejection is a
   * 401 (the missing key is found before any signature work, so the back end does none) and the
   * instance asks for a refetch.
   */
  rejectsCall(dc: number, g: number, t: number): boolean {
    const keys = this.keys;
    const members = this.groups.memberCount[g];
    if (!keys.backEndLacksKey(dc) || members === 0) return false;
    const u = keys.callDraws[dc]();
    let p = 0;
    for (let q = 0; q < this.classes; q++) {
      const n = this.counts[g * this.classes + q];
      if (n === 0) continue;
      p += (n / members) * keys.backEndLackingShare(dc, q);
      if (u < p) {
        this.metrics.fail(FailureIndex.keyRejected, t);
        this.metrics.count(Occurrence.BACK_END_CALL_FAILED, t);
        keys.backEndRejected(dc, q, t, this.metrics.isMeasuring);
        return true;
      }
    }
    return false;
  }
}
