// The JSON Schema of a recording's lines (schema/recording.schema.json), made
// from the same schema of the message types the reader validates with
// (gen-schema.mjs walks src/stream/ with the TypeScript checker).

/** A JSON Schema for one node of the validator's schema language (src/record/schema.ts). */
export function toJson(node, partial = false) {
  switch (node.t) {
    case 'num':
      return { type: 'number', ...(node.min !== undefined && { minimum: node.min }), ...(node.max !== undefined && { maximum: node.max }) };
    case 'str':
      return { type: 'string', maxLength: node.max };
    case 'bool':
      return { type: 'boolean' };
    case 'null':
      return { type: 'null' };
    case 'lit':
      return { const: node.v };
    case 'arr':
      return { type: 'array', maxItems: node.max, items: toJson(node.of) };
    case 'tuple':
      return { type: 'array', prefixItems: node.of.map((n) => toJson(n)), minItems: node.of.length, maxItems: node.of.length };
    case 'rec':
      return { type: 'object', maxProperties: node.max, additionalProperties: toJson(node.of) };
    case 'union':
      return { anyOf: node.of.map((n) => toJson(n, partial)) };
    case 'ref':
      return { $ref: `#/$defs/${node.name}${partial ? 'Changes' : ''}` };
    case 'obj': {
      const properties = Object.fromEntries(Object.entries(node.props).map(([k, v]) => [k, toJson(v)]));
      const required = partial ? [] : Object.entries(node.props).filter(([, v]) => !v.optional).map(([k]) => k);
      return { type: 'object', additionalProperties: false, required, properties };
    }
    default:
      throw new Error(`recording-schema: no JSON Schema for ${node.t}`);
  }
}

/** A sample's processes or filesystems as a delta line writes them: changed fields by key, the keys gone, and the optional fields gone by key (`unset`, only when some went). */
const listChanges = (def) => ({
  type: 'object', additionalProperties: false, required: ['set', 'gone'],
  properties: {
    set: { type: 'array', items: { type: 'array', prefixItems: [{ type: 'string' }, { $ref: `#/$defs/${def}Changes` }], minItems: 2, maxItems: 2 } },
    gone: { type: 'array', items: { type: 'string' } },
    unset: { type: 'array', items: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }], minItems: 2, maxItems: 2 } },
  },
});

/** The whole schema document. */
export function recordingSchema({ defs, message }) {
  const $defs = Object.fromEntries(Object.entries(defs).map(([name, node]) => [name, toJson(node)]));
  for (const name of ['ProcessSample', 'FilesystemSample']) $defs[`${name}Changes`] = toJson(defs[name], true);
  const sample = $defs.Sample;
  const others = Object.fromEntries(Object.entries(sample.properties).filter(([k]) => k !== 'processes' && k !== 'filesystems'));
  $defs.Keyframe = { ...sample, description: 'A whole sample (every 60th line, and the first).', properties: { ...sample.properties, kind: { const: 'keyframe' } } };
  // nc: 1 — the table's connection list is left out: it is the previous sample's.
  const table = $defs.SocketTable;
  $defs.SocketTableWithoutConnections = { ...table, required: table.required.filter((k) => k !== 'connections') };
  $defs.NetSampleDelta = { ...$defs.NetSample, properties: { ...$defs.NetSample.properties, table: { $ref: '#/$defs/SocketTableWithoutConnections' } } };
  $defs.Delta = {
    type: 'object', additionalProperties: false, description: 'A sample as changes against the previous one: processes by "pid:startTicks", filesystems by device; nc: 1 when the connection list is the previous one.',
    required: sample.required.filter((k) => k !== 'processes' && k !== 'filesystems').concat('p'),
    properties: { ...others, net: { $ref: '#/$defs/NetSampleDelta' }, kind: { const: 'delta' }, p: listChanges('ProcessSample'), f: listChanges('FilesystemSample'), nc: { const: 1 } },
  };
  $defs.RecordingHeader = {
    type: 'object', additionalProperties: false, description: 'The first line. Readers reject a version they do not know.',
    required: ['format', 'version', 'host', 'kernel', 'intervalMs', 'startedAt', 'stream'],
    properties: { format: { const: 'sitrep-recording' }, version: { const: 1 }, host: { type: 'string' }, kernel: { type: 'string' }, intervalMs: { type: 'number', minimum: 1 }, startedAt: { type: 'number', minimum: 0 }, stream: { $ref: '#/$defs/StreamHeader' } },
  };
  $defs.Message = { description: 'A message of the stream as the model reads it (a line decodes to one).', ...toJson(message) };
  const lineKinds = message.of.map((n) => n.name).filter((n) => n !== 'Sample' && n !== 'StreamHeader');
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://sitrep.invalid/schema/recording.schema.json',
    title: 'sitrep recording: one line of the gzip NDJSON file',
    description: 'The first line is a RecordingHeader; every other line is a keyframe, a delta, or another stream message (events, log batches, scans, growth).',
    oneOf: [{ $ref: '#/$defs/RecordingHeader' }, { $ref: '#/$defs/Keyframe' }, { $ref: '#/$defs/Delta' }, ...lineKinds.map((n) => ({ $ref: `#/$defs/${n}` }))],
    $defs,
  };
}
