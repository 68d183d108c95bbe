/**
 * An incremental RFC 4180 CSV parser for import files: quoted fields, doubled quotes, separators
 * and newlines (CRLF, LF or CR) inside quotes, ragged rows. Text is pushed in chunks of any size
 * and complete records come back in batches, so a file of a million rows streams through without
 * being held whole. It is several times faster than a general-purpose parser on the plain,
 * mostly-unquoted rows of registry extracts, which is what makes large imports fit their budget.
 *
 * Row numbers are the ones Excel shows when it opens the file: every record counts, blank lines
 * included, and a record whose quoted cells hold newlines is one row. Blank records (every value
 * empty) are counted but not returned. A quote inside an unquoted cell, text after a closing
 * quote, an unclosed quote, or a single record over `maxRecordChars` is an AppError naming the row.
 */
import { AppError } from '../domain/app-error';
import { msg } from '../domain/messages/catalog';

export interface CsvRecord {
  /** the row number Excel would show when opening the file (the first record is row 1) */
  rowNumber: number;
  values: string[];
}

const QUOTE = 34; // "
const COMMA = 44; // ,
const LF = 10;
const CR = 13;

/** A record longer than this is a broken file (an unclosed quote swallowing the rest), not data. */
const DEFAULT_MAX_RECORD_CHARS = 1 << 20;

export class CsvParser {
  private pending = '';
  private rowNumber = 0;
  private started = false;

  constructor(
    private readonly fileName = 'CSV',
    private readonly maxRecordChars = DEFAULT_MAX_RECORD_CHARS,
  ) {}

  /** Rows read so far (blank ones included). */
  get rowsSeen(): number {
    return this.rowNumber;
  }

  /** Parses what `chunk` completes; an unfinished last record waits for the next chunk. */
  push(chunk: string): CsvRecord[] {
    let text = this.pending + chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const out: CsvRecord[] = [];
    const consumed = this.parse(text, false, out);
    this.pending = consumed === 0 ? text : text.slice(consumed);
    if (this.pending.length > this.maxRecordChars) this.fail(this.rowNumber + 1);
    return out;
  }

  /** Parses the rest at the end of the text. */
  end(): CsvRecord[] {
    const out: CsvRecord[] = [];
    const text = this.pending;
    this.pending = '';
    if (text.length > 0) this.parse(text, true, out);
    return out;
  }

  private fail(row: number): never {
    throw new AppError('VALIDATION', msg('read.csvQuotes', { file: this.fileName, row }));
  }

  /**
   * Parses whole records from `s`, appending them to `out`; returns how many characters were
   * consumed. Unless `final`, a record is whole only when its line break is seen.
   */
  private parse(s: string, final: boolean, out: CsvRecord[]): number {
    const n = s.length;
    let pos = 0; // start of the current record
    while (pos < n) {
      const values: string[] = [];
      let i = pos;
      let complete = false;
      let next = n; // where the record after this one starts
      for (;;) {
        // one field starting at i
        if (i < n && s.charCodeAt(i) === QUOTE) {
          let value = '';
          let j = i + 1;
          for (;;) {
            const k = s.indexOf('"', j);
            if (k < 0) {
              if (final) this.fail(this.rowNumber + 1);
              return pos; // the quoted field goes on in the next chunk
            }
            if (k + 1 >= n && !final) return pos; // cannot tell a doubled quote yet
            if (s.charCodeAt(k + 1) === QUOTE) {
              value += s.slice(j, k + 1);
              j = k + 2;
              continue;
            }
            value += s.slice(j, k);
            i = k + 1;
            break;
          }
          values.push(value);
          if (i >= n) {
            if (!final) return pos;
            complete = true;
            next = n;
            break;
          }
          const c = s.charCodeAt(i);
          if (c === COMMA) {
            i++;
            continue;
          }
          if (c === LF || c === CR) {
            if (c === CR && i + 1 >= n && !final) return pos; // CR LF may be split across chunks
            next = c === CR && s.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
            complete = true;
            break;
          }
          this.fail(this.rowNumber + 1);
        }
        // an unquoted field: up to the next comma or line break
        let j = i;
        let c = 0;
        while (j < n) {
          c = s.charCodeAt(j);
          if (c === COMMA || c === LF || c === CR) break;
          if (c === QUOTE) this.fail(this.rowNumber + 1);
          j++;
        }
        if (j >= n) {
          if (!final) return pos;
          values.push(s.slice(i, j));
          complete = true;
          next = n;
          break;
        }
        values.push(s.slice(i, j));
        if (c === COMMA) {
          i = j + 1;
          continue;
        }
        if (c === CR && j + 1 >= n && !final) return pos;
        next = c === CR && s.charCodeAt(j + 1) === LF ? j + 2 : j + 1;
        complete = true;
        break;
      }
      if (!complete) return pos;
      this.rowNumber++;
      let blank = true;
      for (const v of values) {
        if (v !== '') {
          blank = false;
          break;
        }
      }
      if (!blank) out.push({ rowNumber: this.rowNumber, values });
      pos = next;
    }
    return pos;
  }
}
