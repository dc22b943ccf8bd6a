/** What the network collector reads (collectors/parse-net.ts); not yet part of the recorded stream. */

/** One socket from a /proc/net socket table. */
export interface SocketRow {
  readonly proto: 'tcp' | 'udp';
  readonly localAddress: string;
  readonly localPort: number;
  readonly remoteAddress: string;
  readonly remotePort: number;
  /** TCP state name (ESTABLISHED, LISTEN, …); UDP sockets give CLOSE or ESTABLISHED (connected). */
  readonly state: string;
  /** For a listening TCP socket: its backlog (the most connections its accept queue holds). */
  readonly txQueue: number;
  /** For a listening TCP socket: connections waiting in its accept queue. */
  readonly rxQueue: number;
  readonly uid: number;
  /** The socket inode: the link `socket:[inode]` in /proc/<pid>/fd. */
  readonly inode: number;
}
