// Writes a 24-hour store (the disk-fill demo at a 5 s interval) through the recorder's own writer, for bench/recorder-bench.mjs.
import { mkdirSync } from 'node:fs';
import { demoMessagesTo } from '../demo/demo-source.js';
import { StoreWriter } from '../src/record/store-writer.js';
import { storeRefusal } from '../src/record/store.js';

const dir = process.argv[2]!;
mkdirSync(dir, { recursive: true, mode: 0o700 });
const refused = storeRefusal(dir, true);
if (refused) throw new Error(refused);
const start = Date.now() - 86_400_000;
const writer = new StoreWriter(dir, { maxBytes: 2 ** 40, maxAgeMs: 30 * 86_400_000, flushMs: 60_000 });
const messages = demoMessagesTo('disk-fill', 86_400, 5000, start);
for (const [i, m] of messages.entries()) {
  writer.write(m);
  if (i % 720 === 0) await new Promise((r) => setTimeout(r, 50));
}
await writer.close();
