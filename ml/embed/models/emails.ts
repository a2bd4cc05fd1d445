/**
 * The SpamAssassin demo's emails as columns, parsed from JSON lines
 * ({id, group, label, subject, body}), and the text the sentence encoder reads for each.
 */
export type Emails = { n: number; id: string[]; group: string[]; label: string[]; subject: string[]; body: string[] };

/** Body characters after the subject that the encoders read by default. */
export const USE_BODY_CHARS = 400;

export function parseEmails(jsonl: string, file = 'emails.jsonl'): Emails {
  const out: Emails = { n: 0, id: [], group: [], label: [], subject: [], body: [] };
  const lines = jsonl.split('\n');
  lines.forEach((line, row) => {
    if (line.trim() === '') return;
    let rec: unknown;
    try { rec = JSON.parse(line); } catch { throw new Error(`${file}: line ${row + 1} is not valid JSON`); }
    const r = rec as Record<string, unknown>;
    for (const key of ['label', 'subject', 'body'] as const) {
      if (typeof r[key] !== 'string') throw new Error(`${file}: line ${row + 1} has no string "${key}"`);
    }
    out.id.push(String(r.id ?? out.n));
    out.group.push(String(r.group ?? ''));
    out.label.push(r.label as string);
    out.subject.push(r.subject as string);
    out.body.push(r.body as string);
    out.n++;
  });
  return out;
}

/** What USE-lite reads: the subject, a newline, then the start of the body. */
export function useInput(subject: string, body: string, bodyChars = USE_BODY_CHARS): string {
  return `${subject}\n${body.slice(0, bodyChars)}`;
}
