// PID 1 of a PID namespace for the agent tests: it notes every HUP and TERM it
// receives in the file named first, keeps a victim (`sleep 617`), and runs
// `sitrep agent` (the bundle named second) as its child on this stdin/stdout.
// It ends when the agent does.
import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';

const [mark, sitrep] = process.argv.slice(2);
for (const signal of ['SIGHUP', 'SIGTERM']) process.on(signal, () => appendFileSync(mark, `${signal}\n`));
const victim = spawn('sleep', ['617'], { stdio: 'ignore' });
const agent = spawn(process.execPath, [sitrep, 'agent', '--interval', '1'], { stdio: 'inherit' });
agent.on('exit', (code) => {
  victim.kill('SIGKILL');
  process.exit(code ?? 1);
});
