/**
 * Why a value fails a schema, in a few words: the first field that does not
 * conform and what it should be ("row.load1 is not a number"). For a host
 * marked broken, so the admin sees which of its lines was wrong. It names
 * fields, never echoes values; an unknown key is quoted and cut short.
 */
import { conforms, type SchemaNode } from './schema.js';

type Defs = Readonly<Record<string, SchemaNode>>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const resolve = (node: SchemaNode, defs: Defs): SchemaNode => (node.t === 'ref' ? resolve(defs[node.name] ?? { t: 'null' }, defs) : node);
const at = (path: string, key: string | number) => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key);

/** What a node wants, in words. */
function wants(node: SchemaNode, defs: Defs): string {
  const n = resolve(node, defs);
  switch (n.t) {
    case 'num':
      return n.min !== undefined || n.max !== undefined ? `a number from ${n.min ?? '-2^53'} to ${n.max ?? '2^53'}` : 'a finite number';
    case 'str':
      return `a string of at most ${n.max} characters`;
    case 'lit':
      return JSON.stringify(n.v);
    case 'arr':
    case 'tuple':
      return 'a list';
    case 'union':
      return n.of.map((m) => wants(m, defs)).join(' or ');
    case 'obj':
    case 'rec':
      return 'an object';
    default:
      return n.t;
  }
}

/** The first reason `value` does not conform to `node` (null when it does). */
export function mismatch(node: SchemaNode, value: unknown, defs: Defs, path = ''): string | null {
  if (conforms(node, value, defs)) return null;
  const n = resolve(node, defs);
  const name = path || 'the line';
  if (n.t === 'obj' && isRecord(value)) {
    for (const key in n.props) {
      const v = value[key];
      if (v === undefined) {
        if (!n.props[key]!.optional) return `${at(path, key)} is missing`;
      } else {
        const why = mismatch(n.props[key]!, v, defs, at(path, key));
        if (why) return why;
      }
    }
    const extra = Object.keys(value).find((k) => !Object.hasOwn(n.props, k));
    return `${at(path, JSON.stringify(extra ?? '').slice(0, 40))} is not a known field`;
  }
  if (n.t === 'union' && isRecord(value) && 'kind' in value) {
    // A tagged union: judge against the member of that kind.
    const member = n.of.find((m) => {
      const r = resolve(m, defs);
      return r.t === 'obj' && r.props.kind?.t === 'lit' && r.props.kind.v === value.kind;
    });
    if (member) return mismatch(member, value, defs, path);
    return `${at(path, 'kind')} is not one of the kinds known here`;
  }
  if (n.t === 'arr' && Array.isArray(value) && value.length <= n.max) {
    const i = value.findIndex((item) => !conforms(n.of, item, defs));
    return mismatch(n.of, value[i], defs, at(path, i));
  }
  return `${name} is not ${wants(n, defs)}`;
}
