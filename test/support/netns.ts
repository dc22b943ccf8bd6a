/**
 * Two network namespaces joined by a veth pair, a "server" (192.0.2.1) and a
 * "clients" side carrying whatever addresses a test gives it. All traffic
 * stays inside them; `close()` kills what runs there and deletes them.
 */
import { execFileSync, spawnSync } from 'node:child_process';

/** A server and a clients namespace. */
export interface NetPair {
  readonly server: string;
  readonly clients: string;
  /** Runs a command in a namespace; returns stdout. */
  readonly exec: (ns: string, argv: readonly string[], input?: string) => string;
  readonly close: () => void;
}

/** The server's addresses. */
export const SERVER_ADDRESS = '192.0.2.1';
export const SERVER_ADDRESS6 = '2001:db8:1::1';

/** Makes the pair; `clientAddresses` go on the clients side, each /32 or /128, and `clientRanges` are routed from the server. */
export function makeNetPair(tag: string, clientAddresses: readonly string[], clientRanges: readonly string[]): NetPair {
  const n = process.pid % 10000;
  const server = `sitrep-${tag}-s-${n}`;
  const clients = `sitrep-${tag}-c-${n}`;
  const close = () => {
    for (const ns of [server, clients]) {
      const pids = spawnSync('ip', ['netns', 'pids', ns], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
      if (pids.length) spawnSync('kill', ['-9', ...pids]);
      spawnSync('ip', ['netns', 'delete', ns]);
    }
  };
  close();
  const ip = (...args: string[]) => execFileSync('ip', args);
  ip('netns', 'add', server);
  ip('netns', 'add', clients);
  const [vs, vc] = [`${tag.slice(0, 4)}s${n}`, `${tag.slice(0, 4)}c${n}`];
  ip('link', 'add', vs, 'type', 'veth', 'peer', 'name', vc);
  ip('link', 'set', vs, 'netns', server);
  ip('link', 'set', vc, 'netns', clients);
  ip('-n', server, 'addr', 'add', `${SERVER_ADDRESS}/24`, 'dev', vs);
  ip('-n', server, 'addr', 'add', `${SERVER_ADDRESS6}/64`, 'dev', vs, 'nodad');
  const batch = clientAddresses.map((a) => (a.includes(':') ? `addr add ${a}/128 dev ${vc} nodad` : `addr add ${a}/32 dev ${vc}`)).join('\n') + '\n';
  execFileSync('ip', ['-n', clients, '-batch', '-'], { input: batch });
  for (const [ns, dev] of [[server, vs], [clients, vc]] as const) {
    ip('-n', ns, 'link', 'set', dev, 'up');
    ip('-n', ns, 'link', 'set', 'lo', 'up');
  }
  for (const range of clientRanges) ip('-n', server, 'route', 'add', range, 'dev', vs);
  ip('-n', clients, 'route', 'add', '192.0.2.0/24', 'dev', vc);
  ip('-n', clients, '-6', 'route', 'add', `${SERVER_ADDRESS6}/128`, 'dev', vc);
  const exec = (ns: string, argv: readonly string[], input?: string) =>
    execFileSync('ip', ['netns', 'exec', ns, ...argv], { encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'], timeout: 30_000 });
  return { server, clients, exec, close };
}
