/** Grouping of processes by systemd unit, container or cgroup. Pure. */
import { containerIdOf, type ContainerInfo } from '../stream/container-messages.js';

/** What a group is. */
export type GroupKind = 'unit' | 'container' | 'cgroup';

/** A named group derived from a cgroup path. */
export interface GroupName {
  readonly name: string;
  readonly kind: GroupKind;
  /** The systemd unit, when the group is one (service or scope). */
  readonly unit: string | null;
}

const CONTAINER = /^(?:docker|cri-containerd|crio|libpod)-([0-9a-f]{12})[0-9a-f]*\.scope$/;

/** How a container is named: 'pod NS/POD/CONTAINER' for Kubernetes, else 'container NAME (IMAGE)'. Unsanitized. */
export function containerLabel(c: ContainerInfo): string {
  if (c.pod) return `pod ${c.namespace ? `${c.namespace}/` : ''}${c.pod}/${c.name}`;
  return `container ${c.name}${c.image ? ` (${c.image})` : ''}`;
}

/** The named container a cgroup path belongs to, where a runtime named it. */
export function containerOf(cgroup: string, containers: ReadonlyMap<string, ContainerInfo> | null | undefined): ContainerInfo | null {
  if (!containers || containers.size === 0) return null;
  const id = containerIdOf(cgroup);
  return id ? (containers.get(id) ?? null) : null;
}

/**
 * Names a cgroup path: '/system.slice/apache2.service' is the unit
 * apache2.service; 'docker-<id>.scope' is a container; a path with no unit stays
 * a cgroup path. Units nested deeper (user@1000.service/app.slice/x.service)
 * are named by their innermost unit.
 */
export function groupOf(cgroup: string, containers?: ReadonlyMap<string, ContainerInfo> | null): GroupName {
  const named = containerOf(cgroup, containers);
  if (named) return { name: containerLabel(named), kind: 'container', unit: cgroup.split('/').filter(Boolean).find((p) => /\.(service|scope)$/.test(p) && p.includes(named.id)) ?? null };
  const parts = cgroup.split('/').filter(Boolean);
  for (let i = parts.length - 1; i >= 0; i--) {
    const part = parts[i]!;
    const container = CONTAINER.exec(part);
    if (container) return { name: `container ${container[1]}`, kind: 'container', unit: part };
    if (/\.(service|scope)$/.test(part)) return { name: part, kind: 'unit', unit: part };
    if (part.startsWith('openrc.')) return { name: part.slice(7), kind: 'unit', unit: part.slice(7) };
  }
  return { name: cgroup || '/', kind: 'cgroup', unit: null };
}
