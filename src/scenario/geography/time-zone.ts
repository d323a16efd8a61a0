/**
 * Time zones -> a fixed UTC offset, worked out once at load time so the model never needs Intl.
 * Accepts IANA names (`Europe/London`), `UTC`, and offsets (`UTC+05:30`, `+01:00`, `UTC-3`).
 * DST: an IANA zone resolves to its *standard* (winter) offset, the smaller of its offsets in
 * mid-January and mid-July; to model summer time, write the summer offset explicitly.
 */

export type TimeZoneResult =
  | { readonly ok: true; readonly name: string; readonly utcOffset: number }
  | { readonly ok: false; readonly message: string; readonly suggestion: string | null };

const OFFSET_RE = /^(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/i;

export const TIME_ZONE_HINT =
  "an IANA time zone (e.g. Europe/London) or a UTC offset (e.g. UTC+05:30, -03:00)";

/** Offset [s] of `zone` at `date`, via Intl's "GMT+05:30" long-offset names. */
function offsetAt(zone: string, date: Date): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: zone,
    timeZoneName: "longOffset",
  }).formatToParts(date);
  const text = parts.find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(text);
  if (!m) return 0;
  return (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3]) * 60);
}

let zoneNames: readonly string[] | null = null;
/** IANA names known to this Node, for "did you mean". */
export function knownTimeZones(): readonly string[] {
  zoneNames ??= Intl.supportedValuesOf("timeZone");
  return zoneNames;
}

export function resolveTimeZone(
  text: string,
  suggest: (w: string, c: readonly string[]) => string | null,
): TimeZoneResult {
  const trimmed = text.trim();
  if (/^(UTC|GMT|Z)$/i.test(trimmed)) return { ok: true, name: "UTC", utcOffset: 0 };
  const m = OFFSET_RE.exec(trimmed);
  if (m) {
    const hours = Number(m[2]);
    const minutes = Number(m[3] ?? 0);
    if (hours > 14 || minutes > 59)
      return { ok: false, message: `${TIME_ZONE_HINT}; offsets run from -12:00 to +14:00`, suggestion: null };
    const utcOffset = (m[1] === "-" ? -1 : 1) * (hours * 3600 + minutes * 60);
    return { ok: true, name: trimmed, utcOffset };
  }
  try {
    const january = offsetAt(trimmed, new Date(Date.UTC(2025, 0, 15)));
    const july = offsetAt(trimmed, new Date(Date.UTC(2025, 6, 15)));
    return { ok: true, name: trimmed, utcOffset: Math.min(january, july) };
  } catch {
    return { ok: false, message: TIME_ZONE_HINT, suggestion: suggest(trimmed, knownTimeZones()) };
  }
}
