/**
 * RFC 4180 CSV, a record at a time from a stream of lines: quoted fields with "" for a quote and
 * line breaks inside quotes (Log Analytics writes JSON columns with both). `push(line)` returns
 * the fields once a record is complete, or null while a quoted field is still open.
 */

export class CsvRows {
  private pending = "";
  private open = false;

  /** Adds one line; the record's fields when it completes it. */
  push(line: string): string[] | null {
    this.pending = this.open ? `${this.pending}\n${line}` : line;
    const fields = parseCsvRecord(this.pending);
    this.open = fields === null;
    if (fields === null) return null;
    this.pending = "";
    return fields;
  }

  /** True while a quoted field spans lines. */
  get isOpen(): boolean {
    return this.open;
  }
}

/** The fields of one complete record, or null when a quote is left open. */
export function parseCsvRecord(text: string): string[] | null {
  const fields: string[] = [];
  let i = 0;
  const n = text.length;
  // A leading byte-order mark is not part of the first header.
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  for (;;) {
    if (text[i] === '"') {
      let value = "";
      i++;
      for (;;) {
        if (i >= n) return null;
        const c = text[i];
        if (c === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += c;
        i++;
      }
      // Text after a closing quote up to the comma belongs to the field (lenient, as Excel is).
      const comma = text.indexOf(",", i);
      const end = comma === -1 ? n : comma;
      fields.push(value + text.slice(i, end));
      if (comma === -1) return fields;
      i = comma + 1;
    } else {
      const comma = text.indexOf(",", i);
      if (comma === -1) {
        fields.push(text.slice(i));
        return fields;
      }
      fields.push(text.slice(i, comma));
      i = comma + 1;
    }
  }
}
