/** Pure parsing of /proc/<pid>/mountinfo, and the choice of real filesystems. */

/** One line of mountinfo. */
export interface MountEntry {
  readonly mountId: number;
  readonly parentId: number;
  /** 'major:minor' of the device. */
  readonly device: string;
  /** The path inside the filesystem that is mounted here (for bind mounts). */
  readonly root: string;
  readonly mountPoint: string;
  readonly type: string;
  readonly source: string;
}

/** mountinfo escapes space, tab, newline and backslash as octal (\040 ...). */
export function unescapeMountPath(path: string): string {
  return path.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}

/** Parses mountinfo text; malformed lines are skipped. */
export function parseMountinfo(text: string): MountEntry[] {
  const out: MountEntry[] = [];
  for (const line of text.split('\n')) {
    const dash = line.indexOf(' - ');
    if (dash < 0) continue;
    const left = line.slice(0, dash).split(' ');
    const right = line.slice(dash + 3).split(' ');
    if (left.length < 5 || right.length < 2) continue;
    out.push({
      mountId: Number(left[0]),
      parentId: Number(left[1]),
      device: left[2]!,
      root: unescapeMountPath(left[3]!),
      mountPoint: unescapeMountPath(left[4]!),
      type: right[0]!,
      source: unescapeMountPath(right[1]!),
    });
  }
  return out;
}

// Kernel and virtual filesystems that hold no user data, and read-only images
// that are always 100% full (squashfs, iso9660): listing them would be noise.
const PSEUDO = new Set([
  'proc', 'sysfs', 'cgroup', 'cgroup2', 'devpts', 'devtmpfs', 'securityfs', 'debugfs', 'tracefs',
  'mqueue', 'pstore', 'bpf', 'configfs', 'fusectl', 'hugetlbfs', 'autofs', 'binfmt_misc',
  'rpc_pipefs', 'nsfs', 'efivarfs', 'selinuxfs', 'ramfs', 'squashfs', 'iso9660', 'fuse.lxcfs',
  'fuse.gvfsd-fuse', 'fuse.portal', 'overlayfs-meta', 'nfsd', 'none',
]);

/** Whether a filesystem type can fill up with data (ext4, xfs, btrfs, zfs, nfs, tmpfs, ...). */
export function isRealFilesystem(type: string): boolean {
  return !PSEUDO.has(type);
}

/** A filesystem with every place it is mounted. */
export interface FoldedMount {
  readonly device: string;
  readonly type: string;
  readonly source: string;
  readonly mountPoint: string;
  readonly otherMounts: string[];
}

/**
 * Keeps real filesystems and folds bind and duplicate mounts of one device into
 * one entry. The main mount point is the one of the whole filesystem (root '/'),
 * else the shortest path. A mount hidden under a later mount on the same path
 * is dropped.
 */
export function foldMounts(entries: readonly MountEntry[]): FoldedMount[] {
  const visible = new Map<string, MountEntry>();
  for (const e of entries) visible.set(e.mountPoint, e);
  const byDevice = new Map<string, MountEntry[]>();
  for (const e of visible.values()) {
    if (!isRealFilesystem(e.type)) continue;
    const list = byDevice.get(e.device) ?? [];
    list.push(e);
    byDevice.set(e.device, list);
  }
  const out: FoldedMount[] = [];
  for (const [device, list] of byDevice) {
    const sorted = [...list].sort((a, b) => Number(b.root === '/') - Number(a.root === '/') || a.mountPoint.length - b.mountPoint.length);
    const main = sorted[0]!;
    out.push({ device, type: main.type, source: main.source, mountPoint: main.mountPoint, otherMounts: sorted.slice(1).map((e) => e.mountPoint) });
  }
  return out;
}
