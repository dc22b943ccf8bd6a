/** Reads one raw sample of the whole system: CPU, load, PSI, memory, processes. */
import { existsSync } from 'node:fs';
import type { Pressure, Sample } from '../src/messages.js';
import { parseLoadavg, parseMeminfo, parsePressure, parseProcStat } from './parse-proc.js';
import { ProcessReader, readText } from './read-processes.js';

/** Takes raw samples; keep one per source so process caches persist. */
export class SystemSampler {
  private readonly processes: ProcessReader;
  private readonly hasPressure: boolean;

  constructor(private readonly procRoot = '/proc', pageSize = 4096) {
    this.processes = new ProcessReader(procRoot, pageSize);
    this.hasPressure = existsSync(`${procRoot}/pressure/cpu`);
  }

  /** One sample stamped with `now` (ms since the epoch). */
  sample(now: number): Sample {
    const stat = parseProcStat(readText(`${this.procRoot}/stat`) ?? '');
    return {
      kind: 'sample',
      t: now,
      cpuTotal: stat.total,
      cpuCores: stat.cores,
      load: parseLoadavg(readText(`${this.procRoot}/loadavg`) ?? ''),
      pressure: this.hasPressure ? this.readPressure() : null,
      memory: parseMeminfo(readText(`${this.procRoot}/meminfo`) ?? ''),
      processes: this.processes.read(),
    };
  }

  private readPressure(): Pressure {
    const read = (r: string) => {
      const text = readText(`${this.procRoot}/pressure/${r}`);
      return text ? parsePressure(text) : null;
    };
    return { cpu: read('cpu'), io: read('io'), memory: read('memory') };
  }
}
