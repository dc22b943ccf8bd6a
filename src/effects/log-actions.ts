/**
 * Log pane actions: block or unblock a source range in sitrep's own nftables
 * table (`inet sitrep`, iptables where there is no nft), and make the journal
 * persistent. argv arrays only; every outcome is one sentence.
 */
import { mkdirSync } from 'node:fs';
import { readJournalStorage } from '../../collectors/log/journal-storage.js';
import type { ActionOutcome } from './intents.js';
import type { CommandRunner } from './service-actions.js';
import { REFUSALS } from './refusals.js';

const TABLE = ['inet', 'sitrep'] as const;
const CHAIN = [...TABLE, 'input'] as const;

const family = (range: string) => (range.includes(':') ? 'ip6' : 'ip');
const firstLine = (text: string) => text.trim().split('\n')[0] ?? '';

/** sitrep's blocks in nft's listing, with their rule handles. */
export function parseNftBlocks(listing: string): Array<{ range: string; handle: number }> {
  const out: Array<{ range: string; handle: number }> = [];
  for (const m of listing.matchAll(/ip6? saddr (\S+) drop\b.*?# handle (\d+)/g)) out.push({ range: m[1]!, handle: Number(m[2]) });
  return out;
}

function denied(text: string): string {
  return /Operation not permitted|Permission denied|must be root/i.test(text) ? REFUSALS.notRoot : firstLine(text);
}

async function nftBlock(runner: CommandRunner, range: string, op: 'add' | 'remove'): Promise<ActionOutcome> {
  const setup = [
    ['nft', 'add', 'table', ...TABLE],
    ['nft', 'add', 'chain', ...CHAIN, '{', 'type', 'filter', 'hook', 'input', 'priority', '-10', ';', 'policy', 'accept', ';', '}'],
  ];
  for (const argv of op === 'add' ? setup : []) {
    const run = await runner.run(argv, 10_000);
    if (run.code !== 0) return { ok: false, text: `block ${range} failed: ${denied(run.stderr)}` };
  }
  const list = async () => parseNftBlocks((await runner.run(['nft', '-a', 'list', 'chain', ...CHAIN], 10_000)).stdout);
  const existing = (await list()).filter((b) => b.range === range);
  if (op === 'add' && existing.length === 0) {
    const run = await runner.run(['nft', 'add', 'rule', ...CHAIN, family(range), 'saddr', range, 'drop'], 10_000);
    if (run.code !== 0) return { ok: false, text: `block ${range} failed: ${denied(run.stderr)}` };
  }
  if (op === 'remove') {
    if (existing.length === 0) return { ok: false, text: `no sitrep block for ${range}` };
    for (const b of existing) await runner.run(['nft', 'delete', 'rule', ...CHAIN, 'handle', String(b.handle)], 10_000);
  }
  const now = (await list()).map((b) => b.range);
  return { ok: true, text: `${op === 'add' ? 'blocked' : 'unblocked'} ${range} (nft table inet sitrep); sitrep blocks now: ${now.join(', ') || 'none'}` };
}

async function iptablesBlock(runner: CommandRunner, range: string, op: 'add' | 'remove'): Promise<ActionOutcome> {
  const tool = range.includes(':') ? 'ip6tables' : 'iptables';
  const rule = ['INPUT', '-s', range, '-j', 'DROP', '-m', 'comment', '--comment', 'sitrep'];
  const run = await runner.run([tool, '-w', op === 'add' ? '-I' : '-D', ...rule], 10_000);
  if (run.missing) return { ok: false, text: 'cannot block: neither nft nor iptables is installed' };
  if (run.code !== 0) return { ok: false, text: `${op === 'add' ? 'block' : 'unblock'} ${range} failed: ${denied(run.stderr)}` };
  return { ok: true, text: `${op === 'add' ? 'blocked' : 'unblocked'} ${range} (${tool} INPUT, comment sitrep)` };
}

/** Blocks or unblocks a range, through nft when it is there. */
export async function runBlock(runner: CommandRunner, range: string, op: 'add' | 'remove'): Promise<ActionOutcome> {
  const probe = await runner.run(['nft', '--version'], 5000);
  return probe.missing ? iptablesBlock(runner, range, op) : nftBlock(runner, range, op);
}

/** Does what the admin was told to do: create /var/log/journal and flush the runtime journal into it. */
export async function persistJournal(runner: CommandRunner): Promise<ActionOutcome> {
  try {
    mkdirSync('/var/log/journal', { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, text: code === 'EACCES' || code === 'EPERM' ? REFUSALS.notRoot : `mkdir /var/log/journal failed: ${code}` };
  }
  const steps = [['systemd-tmpfiles', '--create', '--prefix', '/var/log/journal'], ['journalctl', '--flush']];
  for (const argv of steps) {
    const run = await runner.run(argv, 30_000);
    if (run.code !== 0) return { ok: false, text: `${argv[0]} failed: ${denied(run.stderr) || `exit code ${run.code}`}` };
  }
  const after = readJournalStorage();
  return after.volatile
    ? { ok: false, text: `journal still volatile (Storage=${after.storage}): check journald.conf` }
    : { ok: true, text: `journal is now persistent: ${after.storagePath ?? '/var/log/journal'}` };
}
