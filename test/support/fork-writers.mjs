// A parent and three children, each appending to its own file in DIR: the
// parent to cache-0000.gz at 4 MiB/s, child N to cache-000N.gz at 1 MiB/s.
// Each child inherits the parent's descriptor of cache-0000.gz (fd 3, the
// same open file, as after fork) and never writes to it. Runs until killed.
import { spawn } from 'node:child_process';
import { openSync, writeSync } from 'node:fs';
import { join } from 'node:path';

const [dir, role] = [process.argv[2], process.argv[3]];
const chunk = Buffer.alloc(64 * 1024, 0x62);

function pace(fd, rate) {
  const started = Date.now();
  let written = 0;
  setInterval(() => {
    const due = ((Date.now() - started) / 1000) * rate;
    while (written + chunk.length <= due) written += writeSync(fd, chunk);
  }, 20);
}

if (role === undefined) {
  const mine = openSync(join(dir, 'cache-0000.gz'), 'a');
  for (let n = 1; n <= 3; n++) spawn(process.execPath, [process.argv[1], dir, String(n)], { stdio: ['ignore', 'ignore', 'inherit', mine] });
  pace(mine, 4 * 1024 * 1024);
} else {
  pace(openSync(join(dir, `cache-000${role}.gz`), 'a'), 1024 * 1024);
}
