/** Static facts about this host, read once for the stream header. */
import { hostname, release } from 'node:os';
import type { StreamHeader } from '../../src/stream/messages.js';
import { STREAM_VERSION } from '../../src/stream/messages.js';
import { parseProcStat } from '../proc/parse-proc.js';
import { readText } from '../proc/read-processes.js';

/**
 * USER_HZ is 100 on every mainstream Linux build; the kernel exports it to user
 * space as a constant, and getconf would cost a fork.
 */
export const CLOCK_TICKS = 100;

/** Page size, derived from our own VmRSS and resident pages (no fork needed). */
export function readPageSize(procRoot = '/proc'): number {
  const status = readText(`${procRoot}/self/status`) ?? '';
  const statm = readText(`${procRoot}/self/statm`) ?? '';
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
  const pages = Number(statm.split(' ')[1]);
  if (!rssKb || !pages) return 4096;
  const size = (rssKb * 1024) / pages;
  return [4096, 16384, 65536].reduce((best, s) => (Math.abs(s - size) < Math.abs(best - size) ? s : best), 4096);
}

/** PRETTY_NAME from os-release text, or null. */
export function parseOsRelease(text: string): string | null {
  const m = /^PRETTY_NAME=("?)(.*)\1$/m.exec(text);
  return m?.[2] || null;
}

/** Builds the stream header for a live session sampling every `intervalMs`. */
export function readHeader(intervalMs: number, now: number, procRoot = '/proc'): StreamHeader {
  const stat = parseProcStat(readText(`${procRoot}/stat`) ?? '');
  return {
    kind: 'header',
    format: 'sitrep-stream',
    version: STREAM_VERSION,
    host: hostname(),
    kernel: release(),
    os: parseOsRelease(readText('/etc/os-release') ?? readText('/usr/lib/os-release') ?? ''),
    cores: Math.max(1, stat.cores.length),
    clockTicks: CLOCK_TICKS,
    pageSize: readPageSize(procRoot),
    intervalMs,
    startedAt: now,
    bootTime: stat.bootTime * 1000,
  };
}
