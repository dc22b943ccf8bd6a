/**
 * Containers by name (issue 35): what the runtimes' own state on disk says of
 * the containers whose processes run here, keyed by the 64-hex id found in
 * /proc/PID/cgroup. Names and images are set by whoever starts the container:
 * unsanitized here, sanitized at display.
 */

/** Containers a sample carries at most. */
export const CONTAINERS_MAX = 1024;

/** One container as its runtime records it. */
export interface ContainerInfo {
  /** The full id: 64 hex digits. @maxLength 64 */
  readonly id: string;
  readonly runtime: 'docker' | 'podman' | 'containerd' | 'kubernetes';
  /** The container's name (Docker's without its leading '/'). @maxLength 256 */
  readonly name: string;
  /** @maxLength 512 */
  readonly image: string;
  /** Kubernetes: the pod's namespace, the pod and the container in it. @maxLength 256 */
  readonly namespace?: string;
  /** @maxLength 256 */
  readonly pod?: string;
}

const ID = /(?:^|[/-])([0-9a-f]{64})(?:\.scope)?$/;

/**
 * The container id in a cgroup path: Docker's /docker/<id> and
 * docker-<id>.scope, podman's libpod-<id>.scope, containerd's
 * cri-containerd-<id>.scope, the kubelet's kubepods/…/pod<uid>/<id>.
 */
export function containerIdOf(cgroup: string): string | null {
  for (const part of cgroup.split('/').reverse()) {
    const m = ID.exec(part);
    if (m) return m[1]!;
  }
  return null;
}

/** The kubelet's pod uid in a cgroup path (…/pod<uid>/…, dashes or underscores), or null. */
export function podUidOf(cgroup: string): string | null {
  const m = /pod([0-9a-f]{8}[-_][0-9a-f]{4}[-_][0-9a-f]{4}[-_][0-9a-f]{4}[-_][0-9a-f]{12})/.exec(cgroup);
  return m ? m[1]!.replace(/_/g, '-') : null;
}
