/**
 * Names containers from their runtimes' state on disk (issue 35), read only:
 * Docker's /var/lib/docker/containers/<id>/config.v2.json, podman's
 * overlay-containers/containers.json, containerd's OCI bundles
 * (/run/containerd/io.containerd.runtime.v2.task/<ns>/<id>/config.json and
 * their CRI annotations), and the kubelet's pod directories (the pod's name in
 * its etc-hosts). Without a runtime nothing is found and nothing changes.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { containerIdOf, CONTAINERS_MAX, podUidOf, type ContainerInfo } from '../../src/stream/container-messages.js';

/** Where the runtimes keep their state (tests point them elsewhere). */
export interface RuntimeRoots {
  readonly docker: string;
  readonly podman: readonly string[];
  readonly containerd: string;
  readonly kubelet: string;
}

/** The default places. */
export const DEFAULT_ROOTS: RuntimeRoots = {
  docker: '/var/lib/docker/containers',
  podman: ['/var/lib/containers/storage/overlay-containers/containers.json', '/run/containers/storage/overlay-containers/containers.json'],
  containerd: '/run/containerd/io.containerd.runtime.v2.task',
  kubelet: '/var/lib/kubelet/pods',
};

/** An unknown id is asked again after this long (the container may be starting). */
const MISS_TTL_MS = 10_000;

function json(path: string): any { // eslint-disable-line @typescript-eslint/no-explicit-any
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

const str = (v: unknown, max: number): string => (typeof v === 'string' ? v.slice(0, max) : '');

/** Resolves ids to containers; a bounded cache (CONTAINERS_MAX entries, oldest dropped first). */
export class ContainerResolver {
  private readonly cache = new Map<string, { info: ContainerInfo | null; at: number }>();
  private podman: { mtime: number; byId: Map<string, ContainerInfo> } | null = null;

  constructor(private readonly roots: RuntimeRoots = DEFAULT_ROOTS) {}

  /** The containers of these cgroup paths that a runtime knows of. */
  resolve(cgroups: Iterable<string>, now = Date.now()): ContainerInfo[] {
    const out = new Map<string, ContainerInfo>();
    for (const cgroup of cgroups) {
      const id = containerIdOf(cgroup);
      if (!id || out.has(id)) continue;
      let hit = this.cache.get(id);
      if (!hit || (hit.info === null && now - hit.at > MISS_TTL_MS)) {
        hit = { info: this.lookup(id, podUidOf(cgroup)), at: now };
        this.cache.delete(id);
        this.cache.set(id, hit);
        if (this.cache.size > CONTAINERS_MAX) this.cache.delete(this.cache.keys().next().value!);
      }
      if (hit.info) out.set(id, hit.info);
      if (out.size >= CONTAINERS_MAX) break;
    }
    return [...out.values()];
  }

  private lookup(id: string, podUid: string | null): ContainerInfo | null {
    return this.docker(id) ?? this.fromPodman(id) ?? this.containerd(id, podUid) ?? this.kubelet(id, podUid);
  }

  private docker(id: string): ContainerInfo | null {
    const c = json(`${this.roots.docker}/${id}/config.v2.json`);
    if (!c) return null;
    const labels = (c.Config?.Labels ?? {}) as Record<string, unknown>;
    const pod = str(labels['io.kubernetes.pod.name'], 256);
    return {
      id, runtime: 'docker', name: str(c.Name, 256).replace(/^\//, ''), image: str(c.Config?.Image, 512),
      ...(pod ? { pod, namespace: str(labels['io.kubernetes.pod.namespace'], 256), name: str(labels['io.kubernetes.container.name'], 256) || str(c.Name, 256) } : {}),
    };
  }

  private fromPodman(id: string): ContainerInfo | null {
    for (const path of this.roots.podman) {
      let mtime: number;
      try {
        mtime = statSync(path).mtimeMs;
      } catch {
        continue;
      }
      if (!this.podman || this.podman.mtime !== mtime) {
        const list = json(path);
        const byId = new Map<string, ContainerInfo>();
        for (const c of Array.isArray(list) ? list.slice(0, 100_000) : []) {
          const meta = typeof c?.metadata === 'string' ? (json_parse(c.metadata) ?? {}) : {};
          if (typeof c?.id === 'string') byId.set(c.id, { id: c.id, runtime: 'podman', name: str(c.names?.[0] ?? meta.name, 256), image: str(meta['image-name'] ?? c.image, 512) });
        }
        this.podman = { mtime, byId };
      }
      const hit = this.podman.byId.get(id);
      if (hit) return hit;
    }
    return null;
  }

  private containerd(id: string, podUid: string | null): ContainerInfo | null {
    let namespaces: string[];
    try {
      namespaces = readdirSync(this.roots.containerd).slice(0, 64);
    } catch {
      return null;
    }
    for (const ns of namespaces) {
      const c = json(`${this.roots.containerd}/${ns}/${id}/config.json`);
      if (!c) continue;
      const a = (c.annotations ?? {}) as Record<string, unknown>;
      const pod = str(a['io.kubernetes.cri.sandbox-name'], 256);
      const name = str(a['io.kubernetes.cri.container-name'], 256);
      if (pod || podUid) {
        return { id, runtime: 'kubernetes', name: name || (a['io.kubernetes.cri.container-type'] === 'sandbox' ? 'pause' : id.slice(0, 12)), image: str(a['io.kubernetes.cri.image-name'], 512), pod: pod || (podUid ? this.podName(podUid) ?? podUid : ''), namespace: str(a['io.kubernetes.cri.sandbox-namespace'], 256) };
      }
      return { id, runtime: 'containerd', name: name || id.slice(0, 12), image: str(a['io.kubernetes.cri.image-name'], 512) };
    }
    return null;
  }

  /** A container only the kubelet's pod directory names: the pod, its container unknown. */
  private kubelet(id: string, podUid: string | null): ContainerInfo | null {
    const pod = podUid ? this.podName(podUid) : null;
    return pod ? { id, runtime: 'kubernetes', name: id.slice(0, 12), image: '', pod, namespace: '' } : null;
  }

  /** The pod's hostname (its name) from the kubelet's etc-hosts: the last line of the file. */
  private podName(uid: string): string | null {
    try {
      const lines = readFileSync(`${this.roots.kubelet}/${uid}/etc-hosts`, 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#'));
      const last = lines.at(-1)?.trim().split(/\s+/);
      return last && last.length > 1 ? last[1]!.slice(0, 256) : null;
    } catch {
      return null;
    }
  }
}

function json_parse(text: string): any { // eslint-disable-line @typescript-eslint/no-explicit-any
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
