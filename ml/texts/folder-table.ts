/**
 * A folder of text files (.txt, .md, .eml) as a table, from files already read (who reads them
 * — Node's fs or the page — does not matter here). One row per file, sorted by path: path,
 * file, the subfolder label (like a folder of images), the text (the media column USE-lite
 * reads), for e-mails a `subject`, bytes, and a `problem` column when some files are bad.
 * Bad files keep their row with an empty text so nothing the user has is dropped.
 */
import type { Column, Table } from '../table/types.ts';
import { hashStrings, type RowProblem, type SkippedEntry } from '../images/folder-table.ts';
import { comparePaths, fileName, folderLabel } from '../images/paths.ts';

/**
 * The most of a file kept as its text: 100 kB (100,000 bytes). Far more than a sentence
 * encoder reads (USE-lite looks at the first few hundred tokens), and it bounds memory and
 * the page's table when a folder holds a few huge logs; longer files are cut and say so.
 */
export const MAX_TEXT_BYTES = 100_000;

const EXTENSIONS = new Set(['txt', 'md', 'eml']);

/** Whether a file's name says it is one of the texts a text folder lists (.txt, .md, .eml). */
export function isTextName(name: string): boolean {
  const m = /\.([a-z0-9]+)$/i.exec(name);
  return m !== null && EXTENSIONS.has(m[1].toLowerCase());
}

/** What one file reads as: its text ('' when unusable), an e-mail's subject, and why it is bad. */
export type TextInfo = { text: string; subject: string | null; problem: string | null; detail: string | null };

/** One text file of a listing: where it is (relative, '/'-separated), its size and what it reads as. */
export type TextEntry = { path: string; bytes: number; mtimeMs: number; info: TextInfo };

export type TextListing = { name: string; entries: TextEntry[]; skipped: SkippedEntry[]; ignored: number };

const bad = (problem: string, detail: string, subject: string | null = null): TextInfo => ({ text: '', subject, problem, detail });

/** Cuts `bytes` to `max` without splitting a UTF-8 sequence (continuation bytes are 10xxxxxx). */
function cutUtf8(bytes: Uint8Array, max: number): Uint8Array {
  if (bytes.length <= max) return bytes;
  let end = max;
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end);
}

/** RFC 2047 encoded words (`=?UTF-8?B?…?=`, `=?ISO-8859-1?Q?…?=`) in a header, decoded when the charset is known. */
function decodeWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=(\s+(?==\?))?/g, (all, charset: string, enc: string, data: string) => {
    try {
      const bytes = enc.toUpperCase() === 'B'
        ? Uint8Array.from(atob(data), (c) => c.charCodeAt(0))
        : Uint8Array.from(data.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})|[\s\S]/g, (c, hex?: string) => (hex ? String.fromCharCode(parseInt(hex, 16)) : c)), (c) => c.charCodeAt(0));
      return new TextDecoder(charset).decode(bytes);
    } catch {
      return all;
    }
  });
}

/**
 * An e-mail's Subject and its body: everything after the header block (the first blank line).
 * The body is kept as written: MIME parts, base64 and quoted-printable bodies are not decoded.
 */
export function splitEmail(text: string): { subject: string | null; body: string } | null {
  const m = /\r?\n\r?\n/.exec(text);
  const head = m ? text.slice(0, m.index) : text;
  // A header block is lines of `Name: value` (continued by lines that start with a space or tab).
  if (!/^[!-9;-~]+:/.test(head)) return null;
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const subject = /^subject:[ \t]*(.*)$/im.exec(unfolded);
  return { subject: subject ? decodeWords(subject[1].trim()) : null, body: m ? text.slice(m.index + m[0].length) : '' };
}

/** Decodes a text file's bytes (`size`: the whole file's, `bytes` may be its first part only). */
export function decodeText(name: string, bytes: Uint8Array, size: number): TextInfo {
  const email = /\.eml$/i.test(name);
  if (size === 0) return bad('empty', 'the file is empty (0 bytes)');
  const kept = cutUtf8(bytes, MAX_TEXT_BYTES);
  if (kept.includes(0)) return bad('not text', 'not text: it contains NUL bytes (a binary file)');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(kept);
  } catch {
    return bad('not UTF-8', 'not UTF-8: its bytes are not valid UTF-8 text (save it as UTF-8)');
  }
  let subject: string | null = null;
  if (email) {
    const parts = splitEmail(text);
    if (!parts) return bad('not an e-mail', 'not an e-mail: it does not start with a header block (Name: value lines)');
    subject = parts.subject;
    text = parts.body;
  }
  if (text.trim() === '') return bad('empty', email ? 'the e-mail has no body after its headers' : 'the file has only white space', subject);
  if (size > kept.length) {
    return { text, subject, problem: 'cut', detail: `${size.toLocaleString('en-US')} bytes: only the first ${(MAX_TEXT_BYTES / 1000).toFixed(0)} kB are kept` };
  }
  return { text, subject, problem: null, detail: null };
}

function categorical(name: string, values: (string | null)[]): Column {
  const dictionary = [...new Set(values.filter((v): v is string => v !== null))].sort(comparePaths);
  const index = new Map(dictionary.map((v, i) => [v, i]));
  return { name, type: 'categorical', codes: Int32Array.from(values, (v) => (v === null ? -1 : index.get(v)!)), dictionary };
}

/** The columns a text folder table has (label, subject and problem only when they carry something). */
export const TEXT_COLUMNS = { path: 'path', file: 'file', label: 'label', text: 'text', subject: 'subject', bytes: 'bytes', problem: 'problem' } as const;

/** Sorts entries by path (code-unit order, so every host builds the same rows). */
export const sortTextEntries = (entries: TextEntry[]): TextEntry[] => [...entries].sort((a, b) => comparePaths(a.path, b.path));

/** The table of a listing plus every row that has a problem. Entries must be sorted (sortTextEntries). */
export function buildTextTable(entries: readonly TextEntry[]): { table: Table; problems: RowProblem[] } {
  const labels = entries.map((e) => folderLabel(e.path));
  const columns: Column[] = [
    { name: TEXT_COLUMNS.path, type: 'text', values: entries.map((e) => e.path) },
    { name: TEXT_COLUMNS.file, type: 'text', values: entries.map((e) => fileName(e.path)) },
  ];
  if (labels.some((l) => l !== null)) columns.push(categorical(TEXT_COLUMNS.label, labels));
  columns.push({ name: TEXT_COLUMNS.text, type: 'text', values: entries.map((e) => e.info.text) });
  if (entries.some((e) => /\.eml$/i.test(e.path))) columns.push({ name: TEXT_COLUMNS.subject, type: 'text', values: entries.map((e) => e.info.subject) });
  columns.push({ name: TEXT_COLUMNS.bytes, type: 'numeric', values: Float32Array.from(entries, (e) => e.bytes) });
  const problems: RowProblem[] = [];
  entries.forEach((e, row) => {
    if (e.info.problem) problems.push({ row, path: e.path, problem: e.info.problem, detail: e.info.detail ?? e.info.problem });
  });
  if (problems.length > 0) columns.push(categorical(TEXT_COLUMNS.problem, entries.map((e) => e.info.problem ?? 'ok')));
  return { table: { n: entries.length, columns }, problems };
}

/** The project key of a text folder: the same shape as an image folder's (name and paths), so projects treat both alike. */
export const textFolderKey = (name: string, entries: readonly TextEntry[]): string => `folder:${name}:${hashStrings(entries.map((e) => e.path))}`;
