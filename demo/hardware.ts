/** The demo hosts' hardware, for the `i` overlay: made up, like the rest of the scenario (nothing is read). */
import type { DemoName } from '../src/cli/options-types.js';
import type { HardwareFacts, HardwareMessage } from '../src/stream/messages.js';

const GB = 1e9;
const iface = (name: string, speedMbps: number | null, addresses: string[], virtual = false) => ({ name, speedMbps, state: 'up', mac: '52:54:00:12:34:56', addresses, virtual });

const FACTS: Record<DemoName, HardwareFacts> = {
  'disk-fill': {
    cpuModel: 'Intel Xeon E3-1230 v3', cpuThreads: 8, cpuCores: 4, virtualization: 'none', system: 'Supermicro X10SLM-F',
    memoryBytes: 16 * 2 ** 30,
    memory: [0, 1].map((i) => ({ sizeBytes: 8 * 2 ** 30, type: 'DDR3', clockMHz: 1600, bank: `DIMM${i}` })),
    disks: [
      { name: 'sda', model: 'Samsung SSD 860 EVO', sizeBytes: 40 * GB, rotational: false, transport: 'sata', smart: 'passed' },
      { name: 'sdb', model: 'WDC WD2003FZEX', sizeBytes: 20 * GB, rotational: true, transport: 'sata', smart: 'passed' },
    ],
    interfaces: [iface('lo', null, ['127.0.0.1', '::1'], true), iface('eno1', 1000, ['198.51.100.20'])],
    problems: [],
  },
  'crash-loop': {
    cpuModel: 'AMD EPYC 7543P', cpuThreads: 4, cpuCores: 4, virtualization: 'kvm', system: 'QEMU Standard PC (Q35 + ICH9, 2009)',
    memoryBytes: 8 * 2 ** 30,
    memory: [{ sizeBytes: 8 * 2 ** 30, type: 'RAM', clockMHz: 0, bank: '' }],
    disks: [{ name: 'vda', model: '', sizeBytes: 80 * GB, rotational: false, transport: 'virtio', smart: 'Unable to detect device type' }],
    interfaces: [iface('lo', null, ['127.0.0.1', '::1'], true), iface('eth0', null, ['10.0.0.5', '2001:db8:1::5'])],
    problems: [],
  },
  'memory-leak': {
    cpuModel: 'Intel Xeon Gold 6230', cpuThreads: 2, cpuCores: 2, virtualization: 'kvm', system: 'QEMU Standard PC (i440FX + PIIX, 1996)',
    memoryBytes: 24 * 2 ** 30,
    memory: [{ sizeBytes: 24 * 2 ** 30, type: 'RAM', clockMHz: 0, bank: '' }],
    disks: [{ name: 'vda', model: '', sizeBytes: 80 * GB, rotational: false, transport: 'virtio', smart: 'Unable to detect device type' }],
    interfaces: [iface('lo', null, ['127.0.0.1', '::1'], true), iface('eth0', null, ['10.0.2.15'])],
    problems: [],
  },
};

/** The hardware message of demo `name` at time `t`. */
export function demoHardware(name: DemoName, t: number): HardwareMessage {
  return { kind: 'hardware', t, facts: FACTS[name], error: null };
}
