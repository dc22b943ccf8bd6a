/**
 * Issue 35, containers by name. podman cannot run a container here (cgroup v1,
 * RLIMIT_NOFILE), but `podman create` writes its real metadata: a container
 * is created from an imported image, and a writer is placed in the cgroup
 * podman names it (machine.slice/libpod-<id>.scope). Docker and containerd/CRI
 * are not installed: their state is written in their documented formats
 * (config.v2.json; the OCI bundle's config.json with the CRI annotations) and
 * processes placed in the cgroups they name (/docker/<id>;
 * /kubepods/burstable/pod<uid>/<id>). The Docker name is hostile.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_ROOT } from '../support/loopfs.js';
import { busyLoop } from '../support/processes.js';
import { requireOrSkip } from '../support/tmux.js';

const SITREP = resolve('dist/sitrep.mjs');
const V1 = '/sys/fs/cgroup/systemd';
const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const ready = requireOrSkip(process.getuid?.() === 0 && existsSync(SITREP) && existsSync(V1) && has('podman'), 'needs root, podman (apt), the systemd cgroup hierarchy and dist/');
const n = process.pid % 100000;
const hex = (seed: string) => execFileSync('sha256sum', { input: seed, encoding: 'utf8' }).slice(0, 64);
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => {
  try {
    f();
  } catch {
    // go on with the rest
  }
}));

function removeDir(dir: string): void {
  const deadline = Date.now() + 5000;
  for (;;) {
    try {
      rmdirSync(dir);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || Date.now() > deadline) return;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    }
  }
}

/** Makes `path` (and the parents it had to make, removed again at the end). */
function makeDirs(path: string, remove: (dir: string) => void = (d) => rmSync(d, { recursive: true, force: true })): void {
  const missing: string[] = [];
  for (let p = path; !existsSync(p); p = p.slice(0, p.lastIndexOf('/'))) missing.unshift(p);
  for (const dir of missing) {
    mkdirSync(dir);
    cleanups.push(() => remove(dir));
  }
}

/** Moves a process into a v1 systemd-hierarchy cgroup (made here, removed at the end). */
function place(p: ChildProcess, cgroup: string): void {
  makeDirs(`${V1}${cgroup}`, removeDir);
  cleanups.push(() => p.kill('SIGKILL'));
  writeFileSync(`${V1}${cgroup}/cgroup.procs`, String(p.pid));
}

type Json = Record<string, any>;

describe.runIf(ready)('containers by name (issue 35)', () => {
  it('podman (real metadata), Docker and containerd/CRI (documented formats): processes and writers named, hostile names sanitised', async () => {
    // podman: a real container record from an imported image.
    const dir = `${TEST_ROOT}/i35-img-${n}`;
    mkdirSync(dir, { recursive: true });
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(`${dir}/hello`, 'hello\n');
    execFileSync('tar', ['-C', dir, '-cf', `${dir}.tar`, '.']);
    cleanups.push(() => rmSync(`${dir}.tar`, { force: true }));
    const image = `localhost/i35-img-${n}:1`;
    execFileSync('podman', ['import', `${dir}.tar`, image], { stdio: 'ignore', timeout: 120_000 });
    cleanups.push(() => spawnSync('podman', ['rmi', '-f', image], { stdio: 'ignore' }));
    const name = `i35-web-${n}`;
    const podmanId = execFileSync('podman', ['create', '--name', name, image, '/hello'], { encoding: 'utf8', timeout: 120_000 }).trim();
    cleanups.push(() => spawnSync('podman', ['rm', '-f', podmanId], { stdio: 'ignore' }));
    expect(podmanId).toMatch(/^[0-9a-f]{64}$/);
    mkdirSync(`${TEST_ROOT}/i35-ct-${n}`, { recursive: true });
    cleanups.push(() => rmSync(`${TEST_ROOT}/i35-ct-${n}`, { recursive: true, force: true }));
    const writer = spawn('/bin/sh', ['-c', `while :; do dd if=/dev/zero of=${TEST_ROOT}/i35-ct-${n}/x bs=1M count=8 conv=fsync 2>/dev/null; done`], { stdio: 'ignore' });
    place(writer, `/machine.slice/libpod-${podmanId}.scope`);

    // Docker (documented config.v2.json), with a hostile name; cgroupfs driver naming.
    const dockerId = hex(`docker-${n}`);
    makeDirs(`/var/lib/docker/containers/${dockerId}`);
    writeFileSync(`/var/lib/docker/containers/${dockerId}/config.v2.json`, JSON.stringify({
      ID: dockerId, Name: '/evil\x1b]0;owned\x07\x1b[31mred\u009b2J', Config: { Image: 'nginx:1.25', Labels: {} }, State: { Running: true, Pid: 0 },
    }));
    const dockerProc = busyLoop('sh');
    place(dockerProc, `/docker/${dockerId}`);

    // containerd + CRI (the OCI bundle's annotations), a kubelet pod cgroup.
    const criId = hex(`cri-${n}`);
    const podUid = `${hex(`pod-${n}`).slice(0, 8)}-1234-4abc-8def-${hex(`pod-${n}`).slice(8, 20)}`;
    makeDirs(`/run/containerd/io.containerd.runtime.v2.task/k8s.io/${criId}`);
    writeFileSync(`/run/containerd/io.containerd.runtime.v2.task/k8s.io/${criId}/config.json`, JSON.stringify({
      ociVersion: '1.1.0', annotations: {
        'io.kubernetes.cri.container-type': 'container', 'io.kubernetes.cri.container-name': 'api',
        'io.kubernetes.cri.sandbox-name': 'shop-7d9f', 'io.kubernetes.cri.sandbox-namespace': 'prod', 'io.kubernetes.cri.image-name': 'registry.example/api:3',
      },
    }));
    const criProc = busyLoop('sh');
    place(criProc, `/kubepods/burstable/pod${podUid}/${criId}`);

    const report = JSON.parse(execFileSync('node', [SITREP, 'snapshot', '--json', '--duration', '4'], { encoding: 'utf8', timeout: 60_000 })) as Json;
    const proc = (pid: number) => (report.processes as Json[]).find((p) => p.pid === pid);
    expect(JSON.stringify(report)).not.toMatch(/\\u001b|\\u0007|\\u009b/);
    // The escape sequences are gone, the printable rest stays (OSC and CSI removed whole).
    expect(proc(dockerProc.pid!)?.container).toMatch(/^evil.*red/);
    expect(proc(dockerProc.pid!)?.container).not.toMatch(/[\x00-\x1f\x7f-\x9f]/);
    expect(proc(criProc.pid!)?.container).toBe('prod/shop-7d9f/api');
    const group = (report.groups as Json[]).find((g) => g.pids.length > 0 && g.name.includes(name));
    expect(group).toMatchObject({ kind: 'container', name: `container ${name} (${image})` });
  }, 240_000);
});
