/**
 * The schema language of the recording validator, and its checker. The
 * schema itself is generated from the message types (src/build/gen-schema.mjs
 * writes message-schema.ts). Objects are exact (an unknown key fails), every
 * number is finite and within its bounds, every array and string has a
 * maximum length. The checker recurses only as deep as the schema, never as
 * deep as the value, so a deeply nested value costs one failed check.
 */

/** One node of a schema. */
export type SchemaNode = (
  | { readonly t: 'num'; readonly min?: number; readonly max?: number }
  | { readonly t: 'str'; readonly max: number }
  | { readonly t: 'bool' }
  | { readonly t: 'null' }
  | { readonly t: 'lit'; readonly v: string | number | boolean }
  | { readonly t: 'arr'; readonly max: number; readonly of: SchemaNode }
  | { readonly t: 'tuple'; readonly of: readonly SchemaNode[] }
  | { readonly t: 'rec'; readonly max: number; readonly of: SchemaNode }
  | { readonly t: 'obj'; readonly props: Readonly<Record<string, SchemaNode>> }
  | { readonly t: 'union'; readonly of: readonly SchemaNode[] }
  | { readonly t: 'ref'; readonly name: string }
) & { readonly optional?: boolean };

/** Unmarked numbers stay within what a double holds exactly. */
const LIMIT = Number.MAX_SAFE_INTEGER;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function conformsObject(props: Readonly<Record<string, SchemaNode>>, value: unknown, defs: Readonly<Record<string, SchemaNode>>): boolean {
  if (!isRecord(value)) return false;
  for (const key in props) {
    const node = props[key]!;
    const v = value[key];
    if (v === undefined ? !node.optional : !conforms(node, v, defs)) return false;
  }
  for (const key in value) if (!Object.hasOwn(props, key)) return false;
  return true;
}

/** Whether `value` has the shape and bounds of `node`. */
export function conforms(node: SchemaNode, value: unknown, defs: Readonly<Record<string, SchemaNode>>): boolean {
  switch (node.t) {
    case 'num':
      return typeof value === 'number' && Number.isFinite(value) && value >= (node.min ?? -LIMIT) && value <= (node.max ?? LIMIT);
    case 'str':
      return typeof value === 'string' && value.length <= node.max;
    case 'bool':
      return typeof value === 'boolean';
    case 'null':
      return value === null;
    case 'lit':
      return value === node.v;
    case 'arr':
      if (!Array.isArray(value) || value.length > node.max) return false;
      for (const item of value) if (!conforms(node.of, item, defs)) return false;
      return true;
    case 'tuple':
      return Array.isArray(value) && value.length === node.of.length && node.of.every((n, i) => conforms(n, value[i], defs));
    case 'rec': {
      if (!isRecord(value)) return false;
      let count = 0;
      for (const key in value) if (++count > node.max || !conforms(node.of, value[key], defs)) return false;
      return true;
    }
    case 'obj':
      return conformsObject(node.props, value, defs);
    case 'union':
      return node.of.some((n) => conforms(n, value, defs));
    case 'ref': {
      const def = defs[node.name];
      return def !== undefined && conforms(def, value, defs);
    }
  }
}
