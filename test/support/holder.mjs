// Holds a deleted file open: writes SIZE bytes to FILE, unlinks it, keeps the
// descriptor, and idles until killed. Prints "ready" once the file is deleted.
import { closeSync, fsyncSync, openSync, unlinkSync, writeSync } from 'node:fs';

const [file, size] = [process.argv[2], Number(process.argv[3])];
const fd = openSync(file, 'w');
const chunk = Buffer.alloc(1024 * 1024, 0x62);
for (let written = 0; written < size; written += chunk.length) writeSync(fd, chunk);
fsyncSync(fd);
unlinkSync(file);
process.stdout.write('ready\n');
setInterval(() => {}, 60_000);
process.on('SIGTERM', () => {
  closeSync(fd);
  process.exit(0);
});
