// Postgres text and jsonb hold neither NUL nor half of a surrogate pair (it has no UTF-8 form), so
// such input is refused with its path instead of failing in the database.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const unstorable = (s: string) => s.includes('\u0000') || LONE_SURROGATE.test(s);

const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Whether `value` can be stored in Postgres text, or (for objects and arrays) jsonb: the JSON
 * Pointer of the first string or object key that cannot, else undefined.
 */
export function unstorableTextAt(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return unstorable(value) ? path : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unstorableTextAt(value[i], `${path}/${i}`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      if (unstorable(key)) return `${path}/${escape(key)}`;
      const found = unstorableTextAt(inner, `${path}/${escape(key)}`);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

export const UNSTORABLE_TEXT_MESSAGE = 'text cannot hold NUL (\\u0000) or an unpaired surrogate';
