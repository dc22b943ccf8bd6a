// A log flood for the Log pane bench: RATE lines per second for SECONDS, to
// stdout (journald, when run as a unit) or appended to FILE. Lines look like a
// web server under attack: most from one /24, some crashes. Not a test.
import { pacedLines, stamp } from './paced-lines.mjs';

const [rate, seconds, file] = [Number(process.argv[2] ?? 20000), Number(process.argv[3] ?? 30), process.argv[4]];
function line(i) {
  const ip = i % 10 < 8 ? `203.0.113.${i % 250}` : `198.51.${i % 200}.${i % 7}`;
  if (i % 5000 === 0) return `php-fpm[${1000 + (i % 50)}]: segfault at 0 ip 00007f sp 00007ffd error 4 in libphp.so`;
  return `${ip} - - [flood] "GET /index.php?id=${i} HTTP/1.1" 502 157 "-" "bench"`;
}
pacedLines(rate, seconds, (i) => (file ? `${stamp()} web nginx[80]: ${line(i)}` : line(i)), file, (sent, s) => process.stderr.write(`flood: ${sent} lines in ${s.toFixed(1)} s\n`));
