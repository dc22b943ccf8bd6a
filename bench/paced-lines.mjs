// Shared by the flood generators (not a test): a syslog time stamp, and a loop
// that appends RATE lines a second from `line(i)` for SECONDS, to FILE or stdout.
import { appendFileSync } from 'node:fs';

/** 'Dec  2 01:02:03', as syslog writes it. */
export function stamp() {
  const d = new Date();
  return `${d.toString().slice(4, 10)} ${d.toTimeString().slice(0, 8)}`;
}

/** Writes `line(i)` (with its own newline added) at `rate` lines/s for `seconds`; calls `done(sent, seconds)` at the end. */
export function pacedLines(rate, seconds, line, file, done = () => {}) {
  const started = Date.now();
  let sent = 0;
  const timer = setInterval(() => {
    const due = Math.min(rate * seconds, Math.floor(((Date.now() - started) / 1000) * rate));
    let out = '';
    for (; sent < due; sent++) out += `${line(sent)}\n`;
    if (out) {
      if (file) appendFileSync(file, out);
      else process.stdout.write(out);
    }
    if (sent >= rate * seconds) {
      clearInterval(timer);
      done(sent, (Date.now() - started) / 1000);
    }
  }, 10);
}
