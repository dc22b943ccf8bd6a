// Generates src/record/message-schema.ts, the recording validator's schema,
// and src/record/agent-schema.ts, the agent protocol's (from src/remote/protocol.ts),
// from the message types in src/stream/*.ts (the TypeScript checker walks the
// `Message` union), so a message the validator accepts has the shape the model
// is typed for. Bounds come from JSDoc tags on the properties: @time (ms since
// the epoch, year 0 to 9999), @min N, @max N, @maxItems N, @maxLength N.
// Unmarked numbers are finite and within ±2^53, arrays hold at most
// DEFAULT_MAX_ITEMS, strings at most DEFAULT_MAX_LENGTH characters.
// `node src/build/gen-schema.mjs` writes the file; `--check` exits 1 if it is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SOURCE = `${ROOT}src/stream/messages.ts`;
const TARGET = `${ROOT}src/record/message-schema.ts`;
const AGENT_SOURCE = `${ROOT}src/remote/protocol.ts`;
const AGENT_TARGET = `${ROOT}src/record/agent-schema.ts`;
const DEFAULT_MAX_ITEMS = 100_000;
const DEFAULT_MAX_LENGTH = 1 << 20;
const TIME = { min: 0, max: 253_402_300_799_999 };

function tagsOf(symbol) {
  const tags = {};
  for (const tag of symbol?.getJsDocTags() ?? []) tags[tag.name] = ts.displayPartsToString(tag.text).trim();
  return tags;
}

function count(tags, name, fallback) {
  if (tags[name] === undefined) return fallback;
  const n = Number(tags[name]);
  if (tags[name] === '' || !Number.isFinite(n)) throw new Error(`gen-schema: @${name} ${JSON.stringify(tags[name])} is not a number`);
  return n;
}

function numberNode(tags) {
  const node = { t: 'num' };
  if ('time' in tags) Object.assign(node, TIME);
  if (tags.min !== undefined) node.min = count(tags, 'min');
  if (tags.max !== undefined) node.max = count(tags, 'max');
  return node;
}

/** Builds the schema node of `type`; named interfaces go into `defs` once. */
export function makeWalker(checker) {
  const defs = {};
  const walk = (type, tags = {}) => {
    const f = type.flags;
    if (f & ts.TypeFlags.Union) {
      const members = type.types.filter((m) => !(m.flags & ts.TypeFlags.Undefined));
      if (members.length > 0 && members.every((m) => m.flags & ts.TypeFlags.BooleanLiteral)) return { t: 'bool' };
      const bools = members.filter((m) => m.flags & ts.TypeFlags.BooleanLiteral);
      const rest = members.filter((m) => !(m.flags & ts.TypeFlags.BooleanLiteral)).map((m) => walk(m, tags));
      const of = bools.length === 2 ? [{ t: 'bool' }, ...rest] : [...bools.map((m) => walk(m, tags)), ...rest];
      return of.length === 1 ? of[0] : { t: 'union', of };
    }
    if (f & ts.TypeFlags.StringLiteral) return { t: 'lit', v: type.value };
    if (f & ts.TypeFlags.NumberLiteral) return { t: 'lit', v: type.value };
    if (f & ts.TypeFlags.BooleanLiteral) return { t: 'lit', v: checker.typeToString(type) === 'true' };
    if (f & ts.TypeFlags.String) return { t: 'str', max: count(tags, 'maxLength', DEFAULT_MAX_LENGTH) };
    if (f & ts.TypeFlags.Number) return numberNode(tags);
    if (f & ts.TypeFlags.Boolean) return { t: 'bool' };
    if (f & ts.TypeFlags.Null) return { t: 'null' };
    if (checker.isTupleType(type)) return { t: 'tuple', of: checker.getTypeArguments(type).map((m) => walk(m, tags)) };
    if (checker.isArrayType(type)) return { t: 'arr', max: count(tags, 'maxItems', DEFAULT_MAX_ITEMS), of: walk(checker.getTypeArguments(type)[0], tags) };
    if (f & ts.TypeFlags.Object) return objectNode(type, tags);
    throw new Error(`gen-schema: no schema for type ${checker.typeToString(type)}`);
  };
  const objectNode = (type, tags) => {
    const props = checker.getPropertiesOfType(type);
    const index = checker.getIndexInfoOfType(type, ts.IndexKind.String);
    if (props.length === 0 && index) return { t: 'rec', max: count(tags, 'maxItems', 1000), of: walk(index.type, tags) };
    const name = type.symbol?.flags & ts.SymbolFlags.Interface ? type.symbol.name : null;
    if (name && defs[name]) return { t: 'ref', name };
    if (name) defs[name] = null; // reserved: a recursive type would loop
    const node = { t: 'obj', props: {} };
    // An interface's own @min/@max apply to each of its numbers that does not say otherwise.
    const { min, max } = name ? tagsOf(type.symbol) : {};
    const inherited = { ...(min !== undefined && { min }), ...(max !== undefined && { max }) };
    const entries = props.map((p) => {
      const decl = p.valueDeclaration ?? p.declarations?.[0];
      const optional = (p.flags & ts.SymbolFlags.Optional) !== 0;
      return [p.name, { node: walk(checker.getTypeOfSymbolAtLocation(p, decl), { ...inherited, ...tagsOf(p) }), optional }];
    });
    // Literal fields (kind, state) first: a wrong member fails on its first check.
    entries.sort(([, a], [, b]) => (b.node.t === 'lit') - (a.node.t === 'lit'));
    for (const [key, value] of entries) node.props[key] = value.optional ? { ...value.node, optional: true } : value.node;
    if (!name) return node;
    defs[name] = node;
    return { t: 'ref', name };
  };
  return { walk, defs };
}

/** The schema of the named type aliases `roots` of `source`, and the named interfaces they use. */
function walkRoots(source, roots) {
  const program = ts.createProgram([source], { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, noEmit: true });
  const checker = program.getTypeChecker();
  const file = program.getSourceFile(source);
  const { walk, defs } = makeWalker(checker);
  const nodes = roots.map((root) => {
    const alias = file.statements.find((s) => ts.isTypeAliasDeclaration(s) && s.name.text === root);
    if (!alias) throw new Error(`gen-schema: no type ${root} in ${source}`);
    return walk(checker.getTypeAtLocation(alias.name));
  });
  return { defs, nodes };
}

/** The schema of the `Message` union and its named interfaces (also made into schema/recording.schema.json). */
export function schemaParts() {
  const { defs, nodes } = walkRoots(SOURCE, ['Message']);
  return { defs, message: nodes[0] };
}

const HEAD = ["import type { SchemaNode } from './schema.js';", ''];

/** The generated module's text. */
export function generateSchema() {
  const { defs, message } = schemaParts();
  return [
    '// Generated by src/build/gen-schema.mjs from the types in src/stream/: do not edit.',
    '// `npm run schema` writes it again; a unit test fails when it is stale.',
    ...HEAD,
    '/** The named interfaces of the message types. */',
    'export const DEFS: Readonly<Record<string, SchemaNode>> = {',
    ...Object.entries(defs).map(([name, node]) => `  ${name}: ${JSON.stringify(node)},`),
    '};',
    '',
    '/** Any message of the stream (the `Message` union). */',
    `export const MESSAGE: SchemaNode = ${JSON.stringify(message)};`,
    '',
  ].join('\n');
}

/** The agent protocol's module text: what an agent sends besides the stream (hello, outcome, fleet summary row), and what a console sends it (intent, mode, heartbeat). */
export function generateAgentSchema() {
  const { defs, nodes: [line, request] } = walkRoots(AGENT_SOURCE, ['AgentLine', 'AgentRequest']);
  return [
    '// Generated by src/build/gen-schema.mjs from the types in src/remote/protocol.ts: do not edit.',
    '// `npm run schema` writes it again; a unit test fails when it is stale.',
    ...HEAD,
    '/** The named interfaces of the protocol types. */',
    'export const AGENT_DEFS: Readonly<Record<string, SchemaNode>> = {',
    ...Object.entries(defs).map(([name, node]) => `  ${name}: ${JSON.stringify(node)},`),
    '};',
    '',
    '/** A line from an agent that is not part of the stream (the `AgentLine` union). */',
    `export const AGENT_LINE: SchemaNode = ${JSON.stringify(line)};`,
    '',
    '/** A line from a console to an agent (the `AgentRequest` union). */',
    `export const AGENT_REQUEST: SchemaNode = ${JSON.stringify(request)};`,
    '',
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  let stale = false;
  for (const [target, text] of [[TARGET, generateSchema()], [AGENT_TARGET, generateAgentSchema()]]) {
    if (!process.argv.includes('--check')) writeFileSync(target, text);
    else if (readFileSync(target, 'utf8') !== text) {
      console.error(`${target.slice(ROOT.length)} is stale: run npm run schema`);
      stale = true;
    }
  }
  if (stale) process.exit(1);
}
