/**
 * The model's sign-in log entries (model/measure/sign-in-log.ts, matched here by shape: calibrate
 * does not import the model) -> SimulatedSignIn records for the Graph emitter, and -> the
 * SignInRecords calibrate fits, without the JSON in between (`--check` runs the model and fits
 * its sign-ins as it fits a log). Times: simulated time 0 is placed in the week of Monday
 * 2026-01-05 00:00 UTC (the first Monday after 2026-01-01) at the scenario's startDay and
 * startTime, so the same scenario always gives the same dates, never the wall clock's.
 */
import type { ResolvedScenario } from "../../scenario/index.ts";
import { hashKey } from "../hash-key.ts";
import type { SignInKind, SignInRecord } from "../sign-in-record.ts";
import { entraError } from "./error-codes.ts";
import { REGION_PLACES } from "./region-places.ts";
import { derivedGuid, type SimulatedSignIn } from "./sign-in-json.ts";

/** One attempt as the model hands it over (the shape of the model's SignInLogEntry). */
export interface SimulatedAttempt {
  /** [simulated s] */
  readonly time: number;
  readonly userBase: number;
  readonly user: number;
  readonly session: number;
  readonly sequence: number;
  /** 0 interactive, 1 sso, 2 silent, 3 broker. */
  readonly kind: number;
  readonly mfa: boolean;
  /** Index into the failure names given to SimulatedSignIns, -1 success. */
  readonly failure: number;
  /** 0 the service's API, k identityProvider.resources[k - 1]. */
  readonly resource: number;
}

/** Monday 2026-01-05 00:00 UTC [s since 1970]: the week simulated time is placed in. */
export const SIGNINS_WEEK_START = Date.UTC(2026, 0, 5) / 1000;

const KINDS = ["interactive", "sso", "silent", "broker"] as const;
/** Microsoft Graph's resource (app) id, for a resource named graph. */
const GRAPH = { id: "00000003-0000-0000-c000-000000000000", displayName: "Microsoft Graph" };

type Place = SimulatedSignIn["userBase"];

export class SimulatedSignIns {
  private readonly places: Place[];
  private readonly resources: { readonly id: string; readonly displayName: string }[];
  private readonly epoch: number;

  /** `failures`: the model's failure names, by index (SIGN_IN_LOG_FAILURES). */
  constructor(
    scenario: ResolvedScenario,
    private readonly failures: readonly string[],
  ) {
    this.epoch = SIGNINS_WEEK_START + scenario.simulation.startWeekSecond;
    this.places = scenario.userBases.map((u) => {
      const region = scenario.geography.regions[u.regionIndex];
      const place = REGION_PLACES[region.name];
      return {
        name: u.name,
        lat: region.lat,
        lon: region.lon,
        ...(place === undefined ? {} : { country: place[0], city: place[1] }),
      };
    });
    this.resources = [
      { id: derivedGuid(`resource ${scenario.name}`), displayName: `${scenario.name} API` },
      ...scenario.identityProvider.resources.map((r) =>
        /^(microsoft)?\s*graph$/i.test(r.name)
          ? GRAPH
          : { id: derivedGuid(`resource ${scenario.name} ${r.name}`), displayName: r.name },
      ),
    ];
  }

  /** When the attempt was made [s since 1970, UTC]. */
  timeOf(a: SimulatedAttempt): number {
    return this.epoch + a.time;
  }

  toSignIn(a: SimulatedAttempt): SimulatedSignIn {
    const failure = a.failure < 0 ? null : entraError(this.failures[a.failure] ?? "");
    return {
      time: this.epoch + a.time,
      userBase: this.places[a.userBase],
      user: a.user,
      session: a.session,
      sequence: a.sequence,
      kind: KINDS[a.kind],
      mfa: a.mfa,
      errorCode: failure?.code ?? 0,
      ...(failure === null ? {} : { failureReason: failure.reason }),
      resource: this.resources[a.resource] ?? this.resources[0],
    };
  }

  /**
   * Fills `into` as calibrate's Graph reader would from the line signInJson writes for `a` (the
   * same hashes of the same derived ids), without writing it.
   */
  toRecord(a: SimulatedAttempt, into: SignInRecord): void {
    const place = this.places[a.userBase];
    into.time = Math.round((this.epoch + a.time) * 1000) / 1000;
    into.kind = a.kind as SignInKind;
    into.mfa = a.mfa;
    into.errorCode = a.failure < 0 ? 0 : entraError(this.failures[a.failure] ?? "").code;
    into.country = place.country ?? "";
    into.lat = place.lat;
    into.lon = place.lon;
    into.user = hashKey(derivedGuid(`user ${place.name} ${a.user}`));
    into.correlation = hashKey(derivedGuid(`session ${a.session}`));
    into.processing = Number.NaN;
  }
}
