/** Reads journald's Storage= and where it writes: is the journal volatile? */
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { JournalStorage } from '../../src/stream/messages.js';
import { storageSetting } from './parse-journal.js';
import { readText } from '../proc/read-processes.js';

const DROP_IN_DIRS = ['/usr/lib/systemd/journald.conf.d', '/usr/local/lib/systemd/journald.conf.d', '/run/systemd/journald.conf.d', '/etc/systemd/journald.conf.d'];

/** journald.conf and its drop-ins in precedence order (drop-ins sorted by name; /etc overrides /run overrides /usr). */
function configTexts(root: string): string[] {
  const byName = new Map<string, string>();
  for (const dir of DROP_IN_DIRS) {
    let names: string[] = [];
    try {
      names = readdirSync(join(root, dir)).filter((n) => n.endsWith('.conf'));
    } catch {
      continue;
    }
    for (const name of names) byName.set(name, join(root, dir, name));
  }
  const dropIns = [...byName.keys()].sort().map((name) => readText(byName.get(name)!) ?? '');
  return [readText(join(root, '/etc/systemd/journald.conf')) ?? '', ...dropIns];
}

function machineDir(base: string): string | null {
  try {
    const ids = readdirSync(base).filter((n) => /^[0-9a-f]{32}$/.test(basename(n)));
    return ids.length ? join(base, ids[0]!) : base;
  } catch {
    return null;
  }
}

/** Storage= and whether logs survive a reboot; `root` lets tests point at a fake tree. */
export function readJournalStorage(root = '/'): JournalStorage {
  const storage = storageSetting(configTexts(root));
  const persistentDir = existsSync(join(root, '/var/log/journal'));
  const persistent = storage === 'persistent' || (storage === 'auto' && persistentDir);
  const volatile = storage === 'volatile' || (storage === 'auto' && !persistentDir);
  const path = persistent ? machineDir(join(root, '/var/log/journal')) : volatile ? machineDir(join(root, '/run/log/journal')) : null;
  return { storage, volatile, storagePath: path };
}
