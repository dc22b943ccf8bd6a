// Creates small files in its working directory (DIR), RATE a second, each
// written and closed at once, as a mail spool or a session store does; its
// cwd is the only thing that ties it to the filesystem. Stops quietly when
// the inodes or the space run out, and idles until killed.
import { writeFileSync } from 'node:fs';

const [dir, rate] = [process.argv[2], Number(process.argv[3] ?? 40)];
process.chdir(dir);
const body = 'x'.repeat(200);
const started = Date.now();
let made = 0;
setInterval(() => {
  const due = ((Date.now() - started) / 1000) * rate;
  try {
    while (made < due) writeFileSync(`s-${process.pid}-${made++}`, body);
  } catch (error) {
    if (error.code !== 'ENOSPC') throw error;
  }
}, 25);
