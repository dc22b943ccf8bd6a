// A log flood for the Log pane bench: RATE lines per second for SECONDS, to
// stdout (journald, when run as a unit) or appended to FILE. Lines look like a
// web server under attack: most from one /24, some crashes. Not a test.
import { appendFileSync } from 'node:fs';

const [rate, seconds, file] = [Number(process.argv[2] ?? 20000), Number(process.argv[3] ?? 30), process.argv[4]];
const started = Date.now();
let sent = 0;
const stamp = () => {
  const d = new Date();
  return `${d.toString().slice(4, 10)} ${d.toTimeString().slice(0, 8)}`;
};
function line(i) {
  const ip = i % 10 < 8 ? `203.0.113.${i % 250}` : `198.51.${i % 200}.${i % 7}`;
  if (i % 5000 === 0) return `php-fpm[${1000 + (i % 50)}]: segfault at 0 ip 00007f sp 00007ffd error 4 in libphp.so`;
  return `${ip} - - [flood] "GET /index.php?id=${i} HTTP/1.1" 502 157 "-" "bench"`;
}
const timer = setInterval(() => {
  const due = Math.min(rate * seconds, Math.floor(((Date.now() - started) / 1000) * rate));
  let out = '';
  for (; sent < due; sent++) out += file ? `${stamp()} web nginx[80]: ${line(sent)}\n` : `${line(sent)}\n`;
  if (out) {
    if (file) appendFileSync(file, out);
    else process.stdout.write(out);
  }
  if (sent >= rate * seconds) {
    clearInterval(timer);
    process.stderr.write(`flood: ${sent} lines in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
}, 10);
