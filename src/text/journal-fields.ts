/** The full field list of a raw journal entry, for the log line detail (parsed only when a line is opened). */

const decoder = new TextDecoder('utf-8');

function text(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((b) => typeof b === 'number')) return decoder.decode(new Uint8Array(value as number[]));
  return null;
}

/** Every field of the entry as raw text (MESSAGE and the cursor aside); {} when it is not JSON. */
export function journalFields(raw: string): Record<string, string> {
  let o: unknown;
  try {
    o = JSON.parse(raw);
  } catch {
    return {};
  }
  if (!o || typeof o !== 'object') return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(o as Record<string, unknown>)) {
    const t = text(v);
    if (t !== null && k !== 'MESSAGE' && k !== '__CURSOR') out[k.slice(0, 64)] = t.slice(0, 1024);
  }
  return out;
}
