import fc from 'fast-check';

/*
 * Generators of malformed input for the bad-input property test (`routes/bad-input.int.test.ts`):
 * values of the wrong type, text with control characters or broken Unicode, impossible calendar
 * dates, numbers past every column's range, very long and very deeply nested values, broken JSON,
 * wrong content types, broken multipart bodies, malformed path ids and query strings.
 */

/** JSON text spliced into a body as is (deep nesting is built as text, never by recursion). */
export class RawJson {
  constructor(readonly text: string) {}
  toJSON(): string { return `<raw ${this.text.length} chars: ${this.text.slice(0, 60)}…>`; }
}

/** JSON text of a value that may hold RawJson leaves (lone surrogates are escaped, as JSON.stringify does). */
export function toJsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}:${toJsonText(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const deepArray = (n: number) => new RawJson('['.repeat(n) + ']'.repeat(n));
const deepObject = (n: number) => new RawJson('{"a":'.repeat(n) + '1' + '}'.repeat(n));
/** Rich text (R-30 report sections) nested `n` deep: what overflowed the validator's stack. */
export const deepRichText = (n: number) => new RawJson(
  '{"type":"doc","content":[' + '{"type":"bulletList","content":['.repeat(n) + '{"type":"text","text":"x"}' + ']}'.repeat(n) + ']}',
);
const wideArray = (n: number) => new RawJson(`[${Array(n).fill('1').join(',')}]`);

/** Calendar dates in the right shape that do not exist, and edge years. */
export const BAD_DATES = ['2025-02-30', '2026-02-29', '2025-13-01', '2025-00-10', '2025-04-31', '2025-01-00', '0000-01-01', '9999-12-31', '1900-02-29', '2025-1-1', '20250101', '2025-02-28T00:00:00'];
/** Instants that do not exist or have no offset. */
export const BAD_INSTANTS = ['2025-02-30T10:00:00+05:00', '2026-02-29T18:00:00Z', '2025-13-01T10:00:00Z', '2025-06-01T24:00:00+05:00', '2025-06-01T10:00:00', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59-12:00', '2025-06-01T10:00:00+99:00'];
/** Text that must not reach the database as it is. */
export const BAD_TEXT = [
  '\u0000', 'a\u0000b', 'Абай\u0000', '\u0001\u0007\u001b\u007f', '\u0085\u009f', '\ud800', 'x\udfff', '\udc00\ud800', '\u202e\u2066', '\ufeff', '\ufffe',
  '', ' ', '\n', '\t', '\r\n', '%', '_', '\\', "'", '"', "' OR 1=1 --", '%_\\%', '😀', '\u0301', 'null', 'undefined', 'true', '0', '-1', '1e309', 'NaN',
  'Infinity', '9'.repeat(40), '-9'.repeat(20), '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '__proto__', 'constructor',
  '<script>alert(1)</script>', '../../etc/passwd', 'a'.repeat(2000), 'я'.repeat(70_000),
];
const BAD_NUMBERS = [0, -1, -0.5, 1.5, 2 ** 31, 2 ** 31 - 1, -(2 ** 31) - 1, 2 ** 53, -(2 ** 53), 1e21, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 5e-324];

export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...BAD_TEXT) },
  { weight: 3, arbitrary: fc.constantFrom(...BAD_DATES, ...BAD_INSTANTS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.tuple(fc.string({ maxLength: 8 }), fc.constantFrom('\u0000', '\ud800', '\u0008', '\u001f', '\u202e'), fc.string({ maxLength: 8 })).map((p) => p.join('')) },
  { weight: 1, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: fc.integer().map(String) },
);

const nastyNumber: fc.Arbitrary<number> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...BAD_NUMBERS) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
);

const nastyScalar: fc.Arbitrary<unknown> = fc.oneof(nastyString, nastyNumber, fc.constantFrom(null, true, false));

/** A JSON value to put where a field is expected: wrong type, nasty content, huge or deep. */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: nastyString },
  { weight: 3, arbitrary: nastyNumber },
  { weight: 2, arbitrary: fc.constantFrom(null, true, false, [], {}, [null], { '': null }) },
  { weight: 2, arbitrary: fc.array(nastyScalar, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 6 }), nastyScalar, { maxKeys: 3 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(5_000, 50_000).chain((n) => fc.constantFrom(deepArray(n), deepObject(n), deepRichText(n))) },
  { weight: 1, arbitrary: fc.constantFrom(deepRichText(100), wideArray(20_000)) },
);

/** What a field holds, judged by its sample value or its declared JSON schema. */
export type FieldKind = 'date' | 'instant' | 'uuid' | 'number' | 'boolean' | 'text' | 'array' | 'object' | 'unknown';

export function kindOfValue(value: unknown): FieldKind {
  if (typeof value === 'string') {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return 'date';
    if (/^\d{4}-\d{2}-\d{2}T/.test(value)) return 'instant';
    if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) return 'uuid';
    return 'text';
  }
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (Array.isArray(value)) return 'array';
  return value !== null && typeof value === 'object' ? 'object' : 'unknown';
}

/** The kind of a field from its JSON schema in the OpenAPI document. */
export function kindOfSchema(schema: { type?: unknown; format?: unknown; pattern?: unknown; $ref?: unknown; anyOf?: unknown[]; oneOf?: unknown[] } | undefined): FieldKind {
  if (!schema) return 'unknown';
  if (schema.format === 'uuid') return 'uuid';
  if (schema.format === 'date' || (typeof schema.pattern === 'string' && schema.pattern.includes('\\d{4}-\\d{2}-\\d{2}') && !schema.pattern.includes('T'))) return 'date';
  if (schema.format === 'date-time') return 'instant';
  if (schema.type === 'integer' || schema.type === 'number') return 'number';
  if (schema.type === 'boolean') return 'boolean';
  if (schema.type === 'array') return 'array';
  if (schema.type === 'object' || schema.$ref) return 'object';
  if (schema.type === 'string') return 'text';
  const inner = [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])].map((s) => kindOfSchema(s as typeof schema)).find((k) => k !== 'unknown');
  return inner ?? 'unknown';
}

/** Characters that must not get in, spliced into a value that is otherwise fine. */
const SPLICED = fc.oneof(
  // NUL is what PostgreSQL cannot store, and a lone surrogate what it cannot encode: tried most.
  { weight: 4, arbitrary: fc.constant('\u0000') },
  { weight: 2, arbitrary: fc.constantFrom('\uD800', '\uDFFF') },
  { weight: 3, arbitrary: fc.constantFrom('\u0001', '\u0007', '\u0008', '\u000B', '\u000C', '\u001B', '\u007F', '\u0085', '\u202E', '\n', '\t', '\r') },
);
const spliced = (base: string) => fc.tuple(SPLICED, fc.nat({ max: Math.max(0, base.length) }))
  .map(([char, at]) => base.slice(0, at) + char + base.slice(at));
const NUMERIC_TEXT = ['1e309', '-1', '0', '99999999999999999999', '9007199254740991', '2147483648', '1.5', 'NaN', 'Infinity', '0x10', ' 1', '', '١٢'];

/** A malformed replacement for a field of the given kind (and its valid value, when known). */
export function mutantFor(kind: FieldKind, base?: unknown): fc.Arbitrary<unknown> {
  switch (kind) {
    case 'date': return fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...BAD_DATES) }, { weight: 1, arbitrary: nastyValue });
    case 'instant': return fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...BAD_INSTANTS) }, { weight: 1, arbitrary: nastyValue });
    case 'uuid': return fc.oneof(
      { weight: 2, arbitrary: fc.uuid() },
      { weight: 2, arbitrary: fc.constantFrom('not-a-uuid', '00000000-0000-0000-0000-000000000000', 'FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF', '', `${typeof base === 'string' ? base : ''}\u0000`) },
      { weight: 1, arbitrary: nastyValue },
    );
    case 'number': return fc.oneof({ weight: 4, arbitrary: nastyNumber }, { weight: 1, arbitrary: fc.constantFrom(...NUMERIC_TEXT) }, { weight: 1, arbitrary: nastyValue });
    case 'text': return fc.oneof(
      { weight: 4, arbitrary: spliced(typeof base === 'string' ? base : 'Абай') },
      { weight: 2, arbitrary: fc.constantFrom(...BAD_TEXT) },
      { weight: 1, arbitrary: nastyValue },
    );
    case 'array': return fc.oneof(
      { weight: 2, arbitrary: fc.constantFrom(deepArray(5000), wideArray(20_000), [], [null], [[]]) },
      { weight: 2, arbitrary: fc.array(nastyValue, { maxLength: 3 }) },
      { weight: 1, arbitrary: nastyValue },
    );
    case 'object': return fc.oneof(
      { weight: 2, arbitrary: fc.constantFrom(deepRichText(5000), deepRichText(50), deepObject(5000), deepArray(5000), {}) },
      { weight: 2, arbitrary: nastyValue },
    );
    default: return nastyValue;
  }
}

/** A malformed query value for a parameter of the given kind (before percent-encoding). */
export function queryMutantFor(kind: FieldKind, base?: string): fc.Arbitrary<string> {
  switch (kind) {
    case 'date': return fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...BAD_DATES) }, { weight: 1, arbitrary: nastyQueryValue });
    case 'instant': return fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...BAD_INSTANTS) }, { weight: 1, arbitrary: nastyQueryValue });
    case 'number': return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...NUMERIC_TEXT) }, { weight: 1, arbitrary: nastyQueryValue });
    case 'uuid': return fc.oneof({ weight: 2, arbitrary: fc.uuid() }, { weight: 1, arbitrary: nastyQueryValue });
    default: return fc.oneof({ weight: 4, arbitrary: spliced(base ?? 'ab') }, { weight: 1, arbitrary: nastyQueryValue });
  }
}

/** Values for a query parameter (always text on the wire). */
export const nastyQueryValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: nastyString.filter((s) => s.length < 5000) },
  { weight: 1, arbitrary: fc.constantFrom('a'.repeat(5000)) },
);

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** A query value as it goes on the wire: percent-encoded, or one of the raw encodings a client may send. */
export function encodeQuery(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    // A lone surrogate has no UTF-8 form: send the bytes a careless encoder would (CESU-8).
    return value.split(LONE_SURROGATE).map((part) => encodeURIComponent(part)).join('%ED%A0%80');
  }
}
export const RAW_QUERY_VALUES = ['%', '%zz', '%00', '%C0%80', '%FF', '%ED%A0%80', '%E2%80%AE', '+', '%2B', 'a%26b%3Dc', '%5B%5D'];

/** A path segment where an id is expected. */
export const nastyId: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.uuid().map((u) => u) },
  { weight: 1, arbitrary: fc.uuid().map((u) => u.toUpperCase()) },
  { weight: 4, arbitrary: fc.constantFrom(
    '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', 'not-a-uuid', '1', '-1', '0', 'null', 'undefined', '%00',
    '%ED%A0%80', '%zz', '..', '%2e%2e', 'a'.repeat(99), 'a'.repeat(300), '00000000-0000-4000-8000-00000000000%00', "'%20OR%201=1", '%E2%80%AE',
  ) },
  { weight: 2, arbitrary: nastyString.filter((s) => s.length > 0 && s.length < 200).map(encodeQuery) },
);

/** A whole body that is not what the route expects. */
export type RawBody = { contentType: string | null; payload: string | Buffer };
export const nastyRawBody: fc.Arbitrary<RawBody> = fc.oneof(
  fc.constantFrom<RawBody>(
    { contentType: 'application/json', payload: '{' },
    { contentType: 'application/json', payload: '{"a":' },
    { contentType: 'application/json', payload: '[1,2' },
    { contentType: 'application/json', payload: '' },
    { contentType: 'application/json', payload: 'null' },
    { contentType: 'application/json', payload: '"\\u0000"' },
    { contentType: 'application/json', payload: '"\\ud800"' },
    { contentType: 'application/json', payload: '{"__proto__":{"polluted":1}}' },
    { contentType: 'application/json', payload: '{"constructor":{"prototype":{"polluted":1}}}' },
    { contentType: 'application/json', payload: '{"a":1,"a":2}' },
    { contentType: 'application/json', payload: '\u0000' },
    { contentType: 'application/json; charset=latin1', payload: '{}' },
    { contentType: 'application/json', payload: Buffer.from([0xff, 0xfe, 0x7b, 0x7d]) },
    { contentType: 'text/plain', payload: 'hello' },
    { contentType: 'application/xml', payload: '<a/>' },
    { contentType: 'application/x-www-form-urlencoded', payload: 'a=b&c=%00' },
    { contentType: 'multipart/form-data', payload: '--x\r\n' },
    { contentType: 'multipart/form-data; boundary=x', payload: '--x\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc' },
    { contentType: null, payload: '{}' },
  ),
  fc.string({ unit: 'binary', maxLength: 60 }).map((s): RawBody => ({ contentType: 'application/json', payload: s })),
  fc.constantFrom(1_100_000).map((n): RawBody => ({ contentType: 'application/json', payload: `"${'a'.repeat(n)}"` })),
);

/** A multipart body with one file part (or none), named and typed as given. */
export function multipartBody(parts: Array<{ field: string; filename: string | null; type: string; content: Buffer }>, boundary = '----esep-fuzz'): RawBody {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const name = part.filename === null ? '' : `; filename="${part.filename}"`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.field}"${name}\r\nContent-Type: ${part.type}\r\n\r\n`), part.content, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { contentType: `multipart/form-data; boundary=${boundary}`, payload: Buffer.concat(chunks) };
}

/** Multipart bodies around a valid file: garbage, empty, wrong field, nasty names, two parts, truncated. */
export function nastyMultipart(valid: { filename: string; type: string; content: Buffer }): fc.Arbitrary<RawBody> {
  const file = (over: Partial<{ field: string; filename: string | null; type: string; content: Buffer }>) => ({ field: 'file', ...valid, ...over });
  return fc.oneof(
    fc.uint8Array({ maxLength: 300 }).map((bytes) => multipartBody([file({ content: Buffer.from(bytes) })])),
    fc.constantFrom(
      multipartBody([file({ content: Buffer.alloc(0) })]),
      multipartBody([file({ field: 'other' })]),
      multipartBody([file({ filename: null })]),
      multipartBody([]),
      multipartBody([file({}), file({})]),
      multipartBody([file({ field: 'note', filename: null, type: 'text/plain', content: Buffer.from('x') }), file({})]),
      multipartBody([file({ type: 'application/x-msdownload' })]),
      { ...multipartBody([file({})]), payload: (multipartBody([file({})]).payload as Buffer).subarray(0, 80) },
    ),
    fc.constantFrom('\u0000.png', 'a\u0000b.pdf', '\ud800.png', '../../x.png', 'я'.repeat(400), '"', 'a\r\nContent-Type: text/html', '', '.png', 'CON', '%00.png')
      .map((filename) => multipartBody([file({ filename })])),
  );
}
