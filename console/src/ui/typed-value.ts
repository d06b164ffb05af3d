/** The value kinds flags and configuration entries share. */
export type ValueKind = 'BOOLEAN' | 'STRING' | 'NUMBER' | 'JSON';

export type Parsed = { ok: true; value: unknown } | { ok: false; message: string };

/** Text typed into a value field, as a value of that kind. */
export function parseTypedValue(kind: ValueKind, text: string): Parsed {
  switch (kind) {
    case 'STRING':
      return { ok: true, value: text };
    case 'BOOLEAN':
      return text === 'true' || text === 'false'
        ? { ok: true, value: text === 'true' }
        : { ok: false, message: 'must be true or false' };
    case 'NUMBER': {
      const value = Number(text);
      return text.trim() !== '' && Number.isFinite(value)
        ? { ok: true, value }
        : { ok: false, message: 'must be a number' };
    }
    case 'JSON':
      try {
        return { ok: true, value: JSON.parse(text) as unknown };
      } catch {
        return { ok: false, message: 'must be valid JSON' };
      }
  }
}

/** A value as text for its field (the inverse of parseTypedValue). */
export function formatTypedValue(kind: ValueKind, value: unknown): string {
  if (kind === 'STRING') return typeof value === 'string' ? value : '';
  if (kind === 'JSON') return JSON.stringify(value, null, 2);
  return value === null || value === undefined ? '' : String(value);
}
