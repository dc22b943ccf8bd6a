import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { initialModel, reduce } from '../../src/model/model.js';
import { initialView, reduceView, type ViewContext } from '../../src/view/view.js';
import { commandFor } from '../../src/view/keymap.js';
import { HardwareOverlay } from '../../ui/HardwareOverlay.js';
import { App } from '../../ui/App.js';
import { hardwareLines } from '../../src/panes/hardware-lines.js';
import { demoHardware } from '../../demo/hardware.js';
import { smartVerdict } from '../../collectors/hardware/hardware.js';
import type { HardwareMessage } from '../../src/stream/messages.js';
import { header, sample } from '../support/samples.js';
import { testContext } from '../support/view-context.js';

 
const strip = (s: string | undefined): string => (s ?? '').replace(/\x1b\[[\d;]*m/g, '');
const ctx: ViewContext = testContext({ rows: 10 });

describe('the hardware overlay (i)', () => {
  it('i opens it and asks for the facts once; i or Esc closes it', () => {
    const open = reduceView(initialView(), commandFor('i', 'normal')!, ctx);
    expect(open.view.mode).toBe('hardware');
    expect(open.effects).toEqual([{ kind: 'hardware' }]);
    expect(reduceView(open.view, commandFor('i', 'hardware')!, ctx)).toEqual({ view: { ...open.view, mode: 'normal' }, effects: [] });
    expect(reduceView(open.view, commandFor('escape', 'hardware')!, ctx).view.mode).toBe('normal');
  });

  it('shows CPU, virtualisation, memory, disks with SMART and interfaces; a failing disk in red', () => {
    const facts = demoHardware('disk-fill', 0).facts!;
    const failing: HardwareMessage = { kind: 'hardware', t: 0, facts: { ...facts, disks: [{ ...facts.disks[1]!, smart: 'FAILED' }] }, error: null };
    const frame = render(<HardwareOverlay hardware={failing} width={100} height={20} />).lastFrame()!;
    const text = strip(frame);
    expect(text).toMatch(/Intel Xeon E3-1230 v3: 4 cores, 8 threads/);
    expect(text).toMatch(/virtualisation: none · Supermicro/);
    expect(text).toMatch(/Memory 16.0G/);
    expect(text).toMatch(/8.0G DDR3 1600 MHz \(DIMM1\)/);
    expect(text).toMatch(/sdb 18\.6G rotational sata · WDC WD2003FZEX · SMART FAILED/);
    expect(text).toMatch(/eno1 up 1000 Mbit\/s/);
    expect(hardwareLines(failing).find((l) => l.text.includes('SMART FAILED'))?.tone).toBe('alert');
  });

  it('says it is reading, or why there are no facts, and shows nothing raw from hostile names', () => {
    expect(hardwareLines(null)[0]!.text).toMatch(/reading/);
    expect(hardwareLines({ kind: 'hardware', t: 0, facts: null, error: 'no hardware facts in this recording' })[0]!.text).toMatch(/no hardware facts/);
    const facts = demoHardware('crash-loop', 0).facts!;
    const evil = '\x1b]0;pwned\x07\x1b[2J\u009b31m\u202eevil';
    const hostile: HardwareMessage = { kind: 'hardware', t: 0, error: null, facts: { ...facts, cpuModel: evil, disks: [{ ...facts.disks[0]!, name: evil, model: evil, smart: evil }], interfaces: [{ ...facts.interfaces[1]!, name: evil, addresses: [evil] }] } };
    const frame = render(<HardwareOverlay hardware={hostile} width={120} height={20} />).lastFrame()!;
    expect(frame).not.toMatch(/\x1b\]|\x1b\[2J|\u009b|\u202e|\x07/);
  });

  it('App draws it in the hardware mode over the panes', () => {
    const model = reduce(reduce(reduce(initialModel(60), header()), sample(0, 0, 0)), demoHardware('crash-loop', 1000));
    const text = strip(render(<App model={model} live={model} view={{ ...initialView(), mode: 'hardware' }} width={100} height={30} />).lastFrame());
    expect(text).toMatch(/Hardware · read .* i or Esc close/);
    expect(text).toMatch(/vda 74\.5G solid-state virtio · SMART Unable to detect device type/);
  });

  it("reads smartctl's verdict from its JSON", () => {
    expect(smartVerdict('{"smart_status":{"passed":true}}')).toBe('passed');
    expect(smartVerdict('{"smart_status":{"passed":false}}')).toBe('FAILED');
    expect(smartVerdict('{"smartctl":{"messages":[{"string":"/dev/vda: Unable to detect device type","severity":"error"}]}}')).toBe('/dev/vda: Unable to detect device type');
    expect(smartVerdict(null)).toBe('smartctl did not answer');
    expect(smartVerdict('garbage')).toBe('unreadable smartctl output');
  });
});
