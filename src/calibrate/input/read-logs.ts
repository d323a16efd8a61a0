/**
 * Reads every log file into SignInRecords, one at a time through `sink` (the same record object
 * refilled each time: no object per record), whatever each file's format; counts what it
 * skipped (workload sign-ins: service principals, managed identities) and what it could not
 * read, with file and line, never a stack trace; and collects the access logs' service times.
 */
import { LatencySketch } from "../../engine/stats/index.ts";
import { isNonInteractiveFile, readAdminCenterRow } from "../formats/admin-center-csv.ts";
import { CsvRows } from "../formats/csv-row.ts";
import { detectFormat, FORMAT_NAMES, type LogFormat } from "../formats/detect-format.ts";
import { readGraphSignIn } from "../formats/graph-sign-in.ts";
import { JsonRecords } from "../formats/json-records.ts";
import { isLogAnalyticsRow, laColumn, readLogAnalyticsRow } from "../formats/log-analytics.ts";
import { W3cAccessLog, W3cStep } from "../formats/w3c-access-log.ts";
import { emptyRecord, type SignInRecord } from "../sign-in-record.ts";
import { InputError, type LogFile, readLines } from "./log-files.ts";

export interface ReadProblem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

export interface FileSummary {
  readonly path: string;
  readonly format: LogFormat;
  readonly records: number;
  readonly malformed: number;
}

export interface ReadSummary {
  readonly files: FileSummary[];
  /** User sign-ins read. */
  records: number;
  /** Workload sign-ins (service principals, managed identities) left out. */
  skipped: number;
  /** Records that could not be read; the first MAX_PROBLEMS are in `problems`. */
  malformed: number;
  readonly problems: ReadProblem[];
  /** Access-log time-taken [s] of the WFE's redirect and callback requests. */
  readonly redirect: LatencySketch;
  readonly callback: LatencySketch;
}

export interface ReadProgress {
  readonly bytesRead: number;
  readonly bytesTotal: number;
  readonly records: number;
}

export const MAX_PROBLEMS = 20;

export async function readLogs(
  files: readonly LogFile[],
  sink: (record: SignInRecord) => void,
  onProgress: (p: ReadProgress) => void = () => {},
): Promise<ReadSummary> {
  const summary: ReadSummary = {
    files: [],
    records: 0,
    skipped: 0,
    malformed: 0,
    problems: [],
    redirect: new LatencySketch(),
    callback: new LatencySketch(),
  };
  const bytesTotal = files.reduce((s, f) => s + f.bytes, 0);
  let bytesRead = 0;
  const onBytes = (n: number) => {
    bytesRead += n;
    onProgress({ bytesRead, bytesTotal, records: summary.records });
  };
  for (const file of files) summary.files.push(await readFile(file, summary, sink, onBytes));
  return summary;
}

async function readFile(
  file: LogFile,
  summary: ReadSummary,
  sink: (record: SignInRecord) => void,
  onBytes: (n: number) => void,
): Promise<FileSummary> {
  const record = emptyRecord();
  let format: LogFormat | null = null;
  let records = 0;
  let malformed = 0;
  const problem = (line: number, message: string) => {
    malformed++;
    summary.malformed++;
    if (summary.problems.length < MAX_PROBLEMS) summary.problems.push({ file: file.path, line, message });
  };
  /** The outcome of a format reader: null = read, "workload" = skipped, else a problem. */
  const outcome = (line: number, why: string | null) => {
    if (why === null) {
      records++;
      summary.records++;
      sink(record);
    } else if (why === "workload") summary.skipped++;
    else problem(line, why);
  };
  let lineNumber = 0;
  let handle: ((line: string) => void) | null = null;
  const json = new JsonRecords(
    (r) => {
      const value = r.value as Record<string, unknown>;
      const why =
        value !== null && typeof value === "object" && isLogAnalyticsRow(value)
          ? readLogAnalyticsRow(value, record)
          : readGraphSignIn(value, record);
      outcome(r.line, why);
    },
    (p) => problem(p.line, p.message),
  );
  for await (const line of readLines(file, onBytes)) {
    lineNumber++;
    if (handle !== null) {
      handle(line);
      continue;
    }
    if (line.trim() === "") continue;
    format = detectFormat(line);
    handle = startFormat(
      format,
      file,
      line,
      lineNumber,
      json,
      outcome,
      problem,
      summary,
      record,
      () => lineNumber,
    );
    if (format === "json" || format === "w3c") handle(line);
  }
  if (format === null) throw new InputError(`${file.path}: empty file`);
  if (format === "unknown")
    throw new InputError(
      `${file.path}:1:1: not a sign-in log calibrate reads (Graph signIn JSON, the admin center's CSV, a Log Analytics SigninLogs / AADNonInteractiveUserSignInLogs export, or a W3C access log)`,
    );
  if (format === "json") json.end();
  return { path: file.path, format, records, malformed };
}

/** The line handler for the rest of a file whose first line is `first`. */
function startFormat(
  format: LogFormat,
  file: LogFile,
  first: string,
  firstLine: number,
  json: JsonRecords,
  outcome: (line: number, why: string | null) => void,
  problem: (line: number, message: string) => void,
  summary: ReadSummary,
  record: SignInRecord,
  currentLine: () => number,
): (line: string) => void {
  if (format === "json") return (line) => json.push(line, currentLine());
  if (format === "w3c") {
    const w3c = new W3cAccessLog();
    return (line) => {
      const r = w3c.push(line);
      if (r === null) return;
      if (typeof r === "string") return problem(currentLine(), r);
      if (r.step === W3cStep.redirect) summary.redirect.record(r.timeTaken);
      else if (r.step === W3cStep.callback) summary.callback.record(r.timeTaken);
    };
  }
  const headers = (new CsvRows().push(first) ?? []).map((h) =>
    format === "log-analytics-csv" ? laColumn(h) : h,
  );
  const rows = new CsvRows();
  const nonInteractive = isNonInteractiveFile(file.path);
  let rowStart = firstLine + 1;
  return (line) => {
    if (!rows.isOpen) rowStart = currentLine();
    const fields = rows.push(line);
    if (fields === null) return;
    if (fields.length === 1 && fields[0].trim() === "") return;
    if (fields.length !== headers.length) {
      return problem(
        rowStart,
        `${fields.length} fields where the header (${FORMAT_NAMES[format]}) has ${headers.length}`,
      );
    }
    const row: Record<string, string> = {};
    for (let i = 0; i < headers.length; i++) row[headers[i]] = fields[i];
    outcome(
      rowStart,
      format === "admin-center-csv"
        ? readAdminCenterRow(row, nonInteractive, record)
        : readLogAnalyticsRow(row, record),
    );
  };
}
