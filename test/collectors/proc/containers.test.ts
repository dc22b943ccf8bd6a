import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ContainerResolver } from '../../../collectors/proc/containers.js';
import { containerIdOf, podUidOf } from '../../../src/stream/container-messages.js';

const root = mkdtempSync(join(tmpdir(), 'i35-containers-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const id = (c: string) => c.repeat(64);
const roots = { docker: `${root}/docker`, podman: [`${root}/podman/containers.json`], containerd: `${root}/containerd`, kubelet: `${root}/kubelet` };

describe('containers by name (issue 35)', () => {
  it('finds the id in every runtime\'s cgroup naming, and the kubelet pod uid', () => {
    expect(containerIdOf(`/system.slice/docker-${id('a')}.scope`)).toBe(id('a'));
    expect(containerIdOf(`/docker/${id('b')}`)).toBe(id('b'));
    expect(containerIdOf(`/machine.slice/libpod-${id('c')}.scope/container`)).toBe(id('c'));
    expect(containerIdOf(`/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod1234abcd_0000_4000_8000_00000000abcd.slice/cri-containerd-${id('d')}.scope`)).toBe(id('d'));
    expect(podUidOf('/kubepods/burstable/pod1234abcd-0000-4000-8000-00000000abcd/x')).toBe('1234abcd-0000-4000-8000-00000000abcd');
    expect(containerIdOf('/system.slice/ssh.service')).toBeNull();
  });

  it('names Kubernetes containers from dockershim labels, and a pod only the kubelet knows from its etc-hosts', () => {
    mkdirSync(`${roots.docker}/${id('e')}`, { recursive: true });
    writeFileSync(`${roots.docker}/${id('e')}/config.v2.json`, JSON.stringify({ Name: '/k8s_api_shop', Config: { Image: 'api:3', Labels: { 'io.kubernetes.pod.name': 'shop-1', 'io.kubernetes.pod.namespace': 'prod', 'io.kubernetes.container.name': 'api' } } }));
    const uid = '1234abcd-0000-4000-8000-00000000abcd';
    mkdirSync(`${roots.kubelet}/${uid}`, { recursive: true });
    writeFileSync(`${roots.kubelet}/${uid}/etc-hosts`, '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n10.1.2.3\tweb-7d9f\n');
    const r = new ContainerResolver(roots);
    const found = r.resolve([`/docker/${id('e')}`, `/kubepods/burstable/pod${uid}/${id('f')}`, '/user.slice']);
    expect(found).toEqual([
      { id: id('e'), runtime: 'docker', name: 'api', image: 'api:3', pod: 'shop-1', namespace: 'prod' },
      { id: id('f'), runtime: 'kubernetes', name: id('f').slice(0, 12), image: '', pod: 'web-7d9f', namespace: '' },
    ]);
  });
});
