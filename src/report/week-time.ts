/**
 * Simulated time as a UTC weekday and clock time (`Tue 09:00:30`), for CSV rows, tables and
 * axis labels. Simulated time 0 sits at `startWeekSecond` seconds after Monday 00:00 UTC.
 */

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;
const WEEK = 7 * 86400;

const pad = (n: number) => String(n).padStart(2, "0");

/** `Tue 09:00:30` (UTC) for `weekSecond` seconds after Monday 00:00; milliseconds only when present. */
export function formatWeekTime(weekSecond: number): string {
  const w = ((weekSecond % WEEK) + WEEK) % WEEK;
  // Whole milliseconds first, so 0.1 s bins do not print as 29.999.
  const ms = Math.round(w * 1000);
  const total = Math.floor(ms / 1000);
  const day = Math.floor(total / 86400) % 7;
  const inDay = total % 86400;
  const clock = `${pad(Math.floor(inDay / 3600))}:${pad(Math.floor((inDay % 3600) / 60))}:${pad(inDay % 60)}`;
  const fraction = ms % 1000;
  return `${WEEKDAYS[day]} ${clock}${fraction === 0 ? "" : `.${String(fraction).padStart(3, "0")}`}`;
}

/** The UTC label of simulated time `t` [s] in a run that starts at `startWeekSecond`. */
export const utcLabel = (startWeekSecond: number, t: number): string => formatWeekTime(startWeekSecond + t);
