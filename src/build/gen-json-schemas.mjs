// Writes the published JSON Schemas: schema/snapshot.schema.json and
// schema/recording.schema.json (`npm run schema`; `--check` fails when stale).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { schemaParts } from './gen-schema.mjs';
import { recordingSchema } from './recording-schema.mjs';
import { snapshotSchema } from './snapshot-schema.mjs';
import { reportSchema } from './report-schema.mjs';

const files = {
  'schema/snapshot.schema.json': snapshotSchema,
  'schema/recording.schema.json': recordingSchema(schemaParts()),
  'schema/report.schema.json': reportSchema(),
};
mkdirSync('schema', { recursive: true });
let stale = false;
for (const [path, schema] of Object.entries(files)) {
  const text = `${JSON.stringify(schema, null, 2)}\n`;
  if (!process.argv.includes('--check')) writeFileSync(path, text);
  else if (readFileSync(path, 'utf8') !== text) {
    console.error(`${path} is stale: run npm run schema`);
    stale = true;
  }
}
process.exit(stale ? 1 : 0);
