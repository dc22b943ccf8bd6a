/**
 * `sitrep ssh [user@]host [-- ssh options]`: the full console here, fed by an
 * agent there. OpenSSH is the transport (keys, agents, jump hosts and
 * ~/.ssh/config work as they are); BatchMode=yes, so a password or host-key
 * prompt never hangs the screen. The running bundle goes over the channel to
 * the host's node, so nothing is installed there.
 */
import { runConsole, type ConsoleOptions } from '../app/console.js';
import { withRecorder } from '../app/modes.js';
import { readOnlyActions } from '../effects/live-actions.js';
import { REFUSALS } from '../effects/refusals.js';
import { RemoteLink } from '../sources/remote-link.js';
import { RemoteSession } from '../sources/remote-source.js';
import { sanitize } from '../text/sanitize.js';
import { runningBundle, sshArgv, type RemoteArgs } from './ssh-argv.js';
import { copyHandshake } from './remote-copy.js';
import { createInterface } from 'node:readline';

/** The `sitrep ssh` command. */
export interface SshCommand extends RemoteArgs {
  readonly kind: 'ssh';
  readonly host: string;
  readonly intervalMs: number;
  readonly readOnly: boolean;
  readonly record: string | null;
  readonly noColor: boolean;
  readonly ascii: boolean;
}

/** Waits for the agent's header (or its end); resolves with the reason it ended, or null once it streams. */
export function connected(session: RemoteSession, timeoutMs = 20_000): Promise<string | null> {
  return new Promise((resolve) => {
    let started = Date.now();
    const poll = setInterval(() => {
      if (session.link?.handshake?.busy) started = Date.now(); // an offer asked, or a copy on its way
      const up = session.header !== null && session.hello !== null;
      if (up || session.endedWhy || Date.now() - started > timeoutMs) {
        clearInterval(poll);
        resolve(up ? null : session.endedWhy ?? `${session.link?.host}: no answer in ${timeoutMs / 1000} s`);
      }
    }, 20);
  });
}

/** Runs the console on a remote host until it ends. */
export async function runSshMode(command: SshCommand): Promise<number | NodeJS.Signals> {
  if (!process.stdout.isTTY || !process.stdin.isTTY) {
    process.stderr.write("sitrep: ssh needs a terminal; for scripts use 'sitrep fleet --json HOST…'\n");
    return 2;
  }
  const session = new RemoteSession();
  const talk = { note: (text: string) => process.stderr.write(`sitrep: ${sanitize(text, 300)}\n`), ask: askYesNo };
  const handshake = copyHandshake(command.host, runningBundle(), command.copy, talk);
  session.link = new RemoteLink(command.host, sshArgv(command.host, command, ['--interval', String(command.intervalMs / 1000)]), session.events, null, handshake);
  const why = await connected(session);
  if (why) {
    session.link.close();
    process.stderr.write(`sitrep: ${sanitize(why, 300)}\n`);
    return 2;
  }
  const host = sanitize(command.host, 80);
  const banner = () => {
    const age = session.age() ?? 0;
    const stale = session.endedWhy !== null || age > Math.max(3, (3 * (session.header?.intervalMs ?? 1000)) / 1000);
    return { text: `SSH ${host} · ${stale ? `STALE ${Math.round(age)}s` : `last ${Math.round(age)}s ago`}`, alert: stale };
  };
  const actionsOff = command.readOnly ? REFUSALS.readOnly : null;
  const options: ConsoleOptions = {
    source: session.source(), noColor: command.noColor, ascii: command.ascii, banner, tickMs: 1000,
    // Opened from `fleet --prometheus` (a child process): Esc comes back to the fleet.
    escapeEnds: process.env.SITREP_FLEET_BACK === '1',
    actions: actionsOff ? { ...session.actions(), run: readOnlyActions(actionsOff).run } : session.actions(), actionsOff, self: session.hello!,
  };
  let recording: ReturnType<typeof withRecorder> | null = null;
  try {
    recording = command.record ? withRecorder(options, command.record) : null;
  } catch (error) {
    session.link.close();
    process.stderr.write(`sitrep: ${sanitize((error as Error).message, 300)}\n`);
    return 2;
  }
  const end = await runConsole(recording ? { ...recording.options, banner: (model) => { const b = banner(); const r = recording!.options.banner!(model)!; return { text: `${b.text} · ${r.text.replace(/^LIVE \u00b7 /, '')}`, alert: b.alert || r.alert }; } } : options);
  session.link.close();
  await recording?.close();
  return 'signal' in end ? end.signal : end.code;
}

/** Asks on the terminal, before the console starts; a line starting with y is yes. */
function askYesNo(question: string): Promise<boolean> {
  return new Promise((resolve) => {
    process.stderr.write(`sitrep: ${sanitize(question, 300)}`);
    const lines = createInterface({ input: process.stdin, terminal: false });
    lines.once('line', (answer) => {
      resolve(/^\s*y(es)?\s*$/i.test(answer)); // before close(), whose 'close' would resolve no
      lines.close();
      process.stdin.pause();
    });
    lines.once('close', () => resolve(false));
  });
}
