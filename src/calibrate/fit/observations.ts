/**
 * What calibrate keeps while the logs stream past: per-record counters (kinds, MFA, error codes,
 * sign-ins per region, STS processing times) and one row per session (its correlation id's
 * first and last sign-in, how many, the first one's kind, place and user hash). Memory grows with
 * sessions (~56 bytes each), never with records. A session is a correlation id's sign-ins, as
 * Entra documents ("the correlation ID groups sign-ins from the same sign-in session"); a
 * sign-in without one is a session of its own.
 */

import { LatencySketch } from "../../engine/stats/index.ts";
import { AZURE_REGIONS } from "../../scenario/index.ts";
import { hashKey } from "../hash-key.ts";
import { Float64Column, KeyTable } from "../key-table.ts";
import { SignInKind, type SignInRecord } from "../sign-in-record.ts";
import { RegionLocator } from "./nearest-region.ts";

const KINDS = 4;

export class Observations {
  readonly regions = AZURE_REGIONS.length;
  /** Sign-ins by kind, and by region (index regions = no place in the log). */
  readonly byKind = new Float64Array(KINDS);
  readonly byRegion = new Float64Array(AZURE_REGIONS.length + 1);
  /** Interactive (prompted) sign-ins that required MFA. */
  mfaInteractive = 0;
  /** error code -> failed sign-ins by kind. */
  readonly failures = new Map<number, Float64Array>();
  readonly processing: LatencySketch[] = Array.from({ length: KINDS }, () => new LatencySketch());
  firstTime = Number.POSITIVE_INFINITY;
  lastTime = Number.NEGATIVE_INFINITY;

  readonly sessions = new KeyTable();
  readonly first = new Float64Column();
  readonly last = new Float64Column();
  readonly count = new Float64Column();
  readonly user = new Float64Column();
  /** Region index (+1 so 0 is "no place"), kind and MFA of the session's first sign-in, packed. */
  readonly start = new Float64Column();
  private readonly locator = new RegionLocator();
  private anonymous = 0;

  add(r: SignInRecord): void {
    this.byKind[r.kind]++;
    const region = this.locator.locate(r.lat, r.lon, r.country);
    this.byRegion[region < 0 ? this.regions : region]++;
    if (r.kind === SignInKind.interactive && r.mfa) this.mfaInteractive++;
    if (r.errorCode !== 0) {
      let row = this.failures.get(r.errorCode);
      if (row === undefined) {
        row = new Float64Array(KINDS);
        this.failures.set(r.errorCode, row);
      }
      row[r.kind]++;
    }
    if (Number.isFinite(r.processing) && r.processing >= 0) this.processing[r.kind].record(r.processing);
    if (r.time < this.firstTime) this.firstTime = r.time;
    if (r.time > this.lastTime) this.lastTime = r.time;
    this.addToSession(r, region);
  }

  private addToSession(r: SignInRecord, region: number): void {
    // A sign-in without a correlation id is a session of its own.
    const key = r.correlation !== 0 ? r.correlation : hashKey(`anonymous ${++this.anonymous}`);
    const isNew = this.sessions.find(key) < 0;
    const slot = this.sessions.add(key);
    this.first.ensure(slot);
    this.last.ensure(slot);
    this.count.ensure(slot);
    this.user.ensure(slot);
    this.start.ensure(slot);
    const packed = (region + 1) * 16 + r.kind * 2 + (r.mfa ? 1 : 0);
    if (isNew) {
      this.first.data[slot] = r.time;
      this.last.data[slot] = r.time;
      this.count.data[slot] = 1;
      this.user.data[slot] = r.user;
      this.start.data[slot] = packed;
      return;
    }
    this.count.data[slot]++;
    if (r.time < this.first.data[slot]) {
      this.first.data[slot] = r.time;
      this.start.data[slot] = packed;
      if (r.user !== 0) this.user.data[slot] = r.user;
    }
    if (r.time > this.last.data[slot]) this.last.data[slot] = r.time;
  }

  /** The first sign-in of session `slot`: region index (-1 = none), kind and MFA. */
  startOf(slot: number): { region: number; kind: SignInKind; mfa: boolean } {
    const p = this.start.data[slot];
    return {
      region: Math.floor(p / 16) - 1,
      kind: (Math.floor(p / 2) % 8) as SignInKind,
      mfa: p % 2 === 1,
    };
  }

  get records(): number {
    return this.byKind.reduce((s, x) => s + x, 0);
  }
}
