// /proc readings for benchmarks: CPU ticks and RSS of a process family.
import { readFileSync } from 'node:fs';

/** Descendant pids of `pid`. */
export function descendants(pid) {
  const out = [];
  const walk = (p) => {
    let text = '';
    try { text = readFileSync(`/proc/${p}/task/${p}/children`, 'utf8'); } catch { return; }
    for (const c of text.trim().split(/\s+/).filter(Boolean).map(Number)) { out.push(c); walk(c); }
  };
  walk(pid);
  return out;
}

/** utime+stime+cutime+cstime of each pid, summed (clock ticks). */
export function procCpuTicks(pids) {
  let total = 0;
  for (const pid of pids) {
    try {
      const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
      total += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    } catch { /* gone */ }
  }
  return total;
}

/** Summed VmRSS of the pids, in bytes. */
export function rssBytes(pids) {
  let total = 0;
  for (const pid of pids) {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) total += Number(m[1]) * 1024;
    } catch { /* gone */ }
  }
  return total;
}

/** Median of numbers (NaN for none). */
export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
