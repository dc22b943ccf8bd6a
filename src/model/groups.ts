/** Grouping of processes by systemd unit, container or cgroup. Pure. */

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

/**
 * Names a cgroup path: '/system.slice/apache2.service' is the unit
 * apache2.service; 'docker-<id>.scope' is a container; a path with no unit stays
 * a cgroup path. Units nested deeper (user@1000.service/app.slice/x.service)
 * are named by their innermost unit.
 */
export function groupOf(cgroup: string): GroupName {
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
