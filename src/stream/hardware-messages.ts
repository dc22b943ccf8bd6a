/** Host hardware facts, read once when asked (the `i` overlay, a snapshot): re-exported by messages.ts. */

/** One memory module (or the whole memory where the firmware lists none). @min 0 */
export interface MemoryModule {
  readonly sizeBytes: number;
  /** DDR4, DDR5 … ; empty when unknown. @maxLength 64 */
  readonly type: string;
  /** MHz; 0 when unknown. */
  readonly clockMHz: number;
  /** @maxLength 64 */
  readonly bank: string;
}

/** One whole block device (not a partition). @min 0 */
export interface BlockDevice {
  /** Kernel name, as vda or nvme0n1. Raw, sanitized at display. @maxLength 256 */
  readonly name: string;
  /** @maxLength 256 */
  readonly model: string;
  readonly sizeBytes: number;
  /** True for spinning disks; null when the kernel does not say. */
  readonly rotational: boolean | null;
  /** virtio, sata, nvme, usb …; empty when unknown. @maxLength 64 */
  readonly transport: string;
  /** smartctl's overall health: passed, FAILED, or why there is none (no smartctl, not supported). @maxLength 200 */
  readonly smart: string;
}

/** One network interface. */
export interface NetInterface {
  /** @maxLength 64 */
  readonly name: string;
  /** Link speed in Mbit/s; null when unknown (virtual links). @min 0 */
  readonly speedMbps: number | null;
  /** @maxLength 32 */
  readonly state: string;
  /** @maxLength 32 */
  readonly mac: string;
  /** IPv4 and IPv6 addresses. @maxItems 256 @maxLength 64 */
  readonly addresses: readonly string[];
  readonly virtual: boolean;
}

/** What the `i` overlay and `host.hardware` show. */
export interface HardwareFacts {
  /** @maxLength 256 */
  readonly cpuModel: string;
  /** @min 0 @max 65536 */
  readonly cpuThreads: number;
  /** @min 0 @max 65536 */
  readonly cpuCores: number;
  /** The virtualisation in use (kvm, vmware, docker …), "none" on bare metal, "" when unknown. @maxLength 64 */
  readonly virtualization: string;
  /** Vendor and model of the machine, as the firmware says. @maxLength 256 */
  readonly system: string;
  /** @min 0 */
  readonly memoryBytes: number;
  /** @maxItems 1024 */
  readonly memory: readonly MemoryModule[];
  /** @maxItems 4096 */
  readonly disks: readonly BlockDevice[];
  /** @maxItems 4096 */
  readonly interfaces: readonly NetInterface[];
  /** What could not be read, each in a line. @maxItems 64 @maxLength 300 */
  readonly problems: readonly string[];
}

/** The answer to a request for hardware facts. */
export interface HardwareMessage {
  readonly kind: 'hardware';
  /** @time */
  readonly t: number;
  readonly facts: HardwareFacts | null;
  /** Why there are no facts. @maxLength 300 */
  readonly error: string | null;
}
