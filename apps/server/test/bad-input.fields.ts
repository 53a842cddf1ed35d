import { ID_KIND } from './route.samples.ts';
import { kindOfSchema, type FieldKind } from './bad-input.arbitraries.ts';

/*
 * Where the bad-input test (apps/server/src/routes/bad-input.int.test.ts) puts its malformed
 * values: which records a route's path names, the paths inside a sample body, and the query and
 * body fields the OpenAPI document declares (so absent optional fields are tried too).
 */

export type Path = Array<string | number>;

export const key = (route: { method: string; url: string }) => `${route.method} ${route.url}`;
export const paramOf = (url: string) => /:(id|uploadId)\b/.exec(url)?.[1] ?? null;

/** Which records a route's path parameter names. */
export function kindOf(url: string): string | null {
  if (url.includes(':uploadId')) return 'upload';
  if (/^\/(m|v)\/:id|\/public\/(meetings|protocols)\/:id/.test(url)) return 'meeting';
  const calendar = /\/calendar\/(districts|points|inspectors)\/:id/.exec(url)?.[1];
  if (calendar) return { districts: 'district', points: 'point', inspectors: 'staff' }[calendar]!;
  const collection = /\/api\/v1\/([a-z-]+)\/:id/.exec(url)?.[1];
  return collection ? ID_KIND[collection] ?? null : null;
}

/** Every place in a value where a field can be replaced, and object keys to add. */
export function pathsOf(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  if (out.length > 60) return out;
  if (Array.isArray(value)) {
    value.forEach((v, i) => { out.push([...prefix, i]); pathsOf(v, [...prefix, i], out); });
    out.push([...prefix, value.length]);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) { out.push([...prefix, k]); pathsOf(v, [...prefix, k], out); }
  }
  return out;
}

export function withValue(base: unknown, path: Path, value: unknown, remove: boolean): unknown {
  if (path.length === 0) return value;
  const copy: unknown = Array.isArray(base) ? [...base] : base !== null && typeof base === 'object' ? { ...base } : {};
  const [head, ...rest] = path;
  const container = copy as Record<string | number, unknown>;
  if (remove && rest.length === 0) {
    if (Array.isArray(container)) container.splice(head as number, 1); else delete container[head!];
  } else {
    container[head!] = withValue(container[head!], rest, value, remove);
  }
  return copy;
}

/** Query and body fields the OpenAPI document declares for a route, with their kinds (so absent optional fields are tried too). */
export function declaredFields(openapi: unknown, route: { method: string; url: string }): { query: Map<string, FieldKind>; body: Map<string, FieldKind> } {
  type Schema = Parameters<typeof kindOfSchema>[0] & { properties?: Record<string, Schema>; allOf?: unknown[] };
  const doc = openapi as { paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string; schema?: Schema }>; requestBody?: { content?: Record<string, { schema?: Schema }> } }>>; components?: { schemas?: Record<string, Schema> } };
  const op = doc.paths[route.url.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
  const query = new Map((op?.parameters ?? []).filter((p) => p.in === 'query').map((p) => [p.name, kindOfSchema(p.schema)] as const));
  const body = new Map<string, FieldKind>();
  const visit = (schema: Schema | undefined, depth: number) => {
    if (!schema || depth > 3) return;
    if (typeof schema.$ref === 'string') visit(doc.components?.schemas?.[schema.$ref.split('/').pop()!], depth + 1);
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      const resolved = typeof property.$ref === 'string' ? doc.components?.schemas?.[property.$ref.split('/').pop()!] ?? property : property;
      if (!body.has(name) || body.get(name) === 'unknown') body.set(name, kindOfSchema(resolved));
    }
    for (const sub of [...(schema.oneOf ?? []), ...(schema.anyOf ?? []), ...(schema.allOf ?? [])]) visit(sub as Schema, depth + 1);
  };
  visit(op?.requestBody?.content?.['application/json']?.schema, 0);
  return { query, body };
}

export const valueAt = (value: unknown, path: Path): unknown => path.reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined), value);

