/**
 * A real filesystem that really fills: an ext4 image, loop-mounted under /srv
 * (not /tmp, which a booted test systemd would wipe). Needs root, mkfs.ext4
 * and loop devices; `unmount()` detaches it and removes the image.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync, statfsSync } from 'node:fs';
import { join } from 'node:path';

/** Where test filesystems live. */
export const TEST_ROOT = '/srv/sitrep-test';

/** Whether this machine can loop-mount (root, mkfs.ext4, mount). */
export function canLoopMount(): boolean {
  if (process.getuid?.() !== 0) return false;
  return ['mkfs.ext4', 'mount', 'umount', 'setpriv'].every((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0);
}

/** A loop-mounted ext4. */
export class LoopFs {
  readonly image: string;
  readonly mountPoint: string;

  constructor(name: string, sizeMiB: number, mkfsArgs: string[] = ['-m', '5']) {
    const dir = join(TEST_ROOT, `${name}-${process.pid}`);
    this.image = `${dir}.img`;
    this.mountPoint = dir;
    mkdirSync(dir, { recursive: true });
    execFileSync('truncate', ['-s', `${sizeMiB}M`, this.image]);
    execFileSync('mkfs.ext4', ['-q', '-F', ...mkfsArgs, this.image]);
    execFileSync('mount', ['-o', 'loop', this.image, dir]);
    chmodSync(dir, 0o1777);
  }

  /** statfs of the mount, now. */
  stat() {
    return statfsSync(this.mountPoint);
  }

  /** Unmounts, detaches and removes the image; safe to call twice. */
  unmount(): void {
    spawnSync('umount', ['-l', this.mountPoint]);
    rmSync(this.image, { force: true });
    rmSync(this.mountPoint, { recursive: true, force: true });
  }
}
