// A varied log flood for the soak (not a test): RATE lines/s appended to FILE
// for SECONDS, syslog format, with rotating source IPs, many senders, and a
// crash line naming a new unit every 50 lines, as an adversary would write.
import { pacedLines, stamp } from './paced-lines.mjs';

const [file, rate, seconds] = [process.argv[2], Number(process.argv[3] ?? 5000), Number(process.argv[4] ?? 600)];
function line(i) {
  const ip = `${(i * 7) % 223 + 1}.${(i * 13) % 256}.${(i * 31) % 256}.${i % 254 + 1}`;
  if (i % 50 === 0) return `systemd[1]: svc-${i}.service: Main process exited, code=dumped, status=11/SEGV`;
  if (i % 97 === 0) return `kernel: worker-${i}[${10000 + (i % 50000)}]: segfault at 0 ip 00007f sp 00007ffd error 4`;
  return `app-${i % 5000}[${i % 30000}]: Failed password for root from ${ip} port ${1024 + (i % 60000)} ssh2`;
}
pacedLines(rate, seconds, (i) => `${stamp()} web ${line(i)}`, file);
