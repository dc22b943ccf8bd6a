/** Bytes per TCP socket with its owner, from the kernel's socket diagnostics (`ss -tinpH`, iproute2). */
import { execFile } from 'node:child_process';

/** One TCP socket's cumulative byte counters. */
export interface SocketBytes {
  readonly local: string;
  readonly remote: string;
  /** The remote address without its port (brackets and scope removed). */
  readonly remoteAddress: string;
  readonly pid: number | null;
  readonly comm: string;
  readonly sent: number;
  readonly received: number;
}

/** How long `ss` may run before it is killed. */
export const SS_TIMEOUT_MS = 3000;

const hostOf = (endpoint: string): string => {
  const i = endpoint.lastIndexOf(':');
  const host = i > 0 ? endpoint.slice(0, i) : endpoint;
  return host.replace(/^\[|\]$/g, '').replace(/%.*$/, '').replace(/^::ffff:(?=\d+\.)/, '');
};

/**
 * Parses `ss -tinpH`: a line per socket (`STATE RECVQ SENDQ LOCAL PEER
 * users:(("comm",pid=N,fd=M))`), then an indented line of TCP info holding
 * bytes_sent / bytes_acked / bytes_received. Sent is bytes_sent (what went on
 * the wire, retransmissions included), else bytes_acked.
 */
export function parseSsTcpInfo(text: string): SocketBytes[] {
  const out: SocketBytes[] = [];
  let head: string[] | null = null;
  let users = '';
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    if (!/^\s/.test(line)) {
      const f = line.trim().split(/\s+/);
      head = f.length >= 5 ? f : null;
      users = line.slice(line.indexOf('users:') >= 0 ? line.indexOf('users:') : line.length);
      continue;
    }
    if (!head) continue;
    const num = (key: string): number | null => {
      const m = new RegExp(`\\b${key}:(\\d+)`).exec(line);
      return m ? Number(m[1]) : null;
    };
    const owner = /\(\("((?:[^"\\]|\\.)*)",pid=(\d+)/.exec(users);
    out.push({
      local: head[3]!, remote: head[4]!, remoteAddress: hostOf(head[4]!),
      pid: owner ? Number(owner[2]) : null, comm: owner ? owner[1]!.slice(0, 64) : '',
      sent: num('bytes_sent') ?? num('bytes_acked') ?? 0, received: num('bytes_received') ?? 0,
    });
    head = null;
  }
  return out;
}

/** Runs `ss -tinpH` (argv, no shell) with a timeout; resolves [] when ss is missing or fails. */
export function readSocketBytes(ssPath = 'ss'): Promise<SocketBytes[]> {
  return new Promise((resolve) => {
    execFile(ssPath, ['-tinpH'], { timeout: SS_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024, killSignal: 'SIGKILL' }, (error, stdout) => {
      resolve(error ? [] : parseSsTcpInfo(stdout));
    });
  });
}
