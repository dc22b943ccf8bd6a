// Writes the man page and the shell completions into dist/ from the option
// table and the keymap (src/cli/docs.ts): run by the build, so the package
// always ships the ones that match its parser.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';

const out = await build({ entryPoints: ['src/cli/docs.ts'], bundle: true, format: 'esm', platform: 'node', write: false, logLevel: 'warning' });
const url = `data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`;
const { manPage, bashCompletion, zshCompletion } = await import(url);
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
// The date of the last commit, not of the build, so two builds of one commit are byte-identical.
const commitDate = () => {
  try {
    return new Date(execFileSync('git', ['log', '-1', '--format=%cI'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {
    return new Date();
  }
};
const date = process.env.SOURCE_DATE_EPOCH ? new Date(Number(process.env.SOURCE_DATE_EPOCH) * 1000) : commitDate();
mkdirSync('dist/completions', { recursive: true });
writeFileSync('dist/sitrep.1', manPage(version, date.toISOString().slice(0, 10)));
writeFileSync('dist/completions/sitrep.bash', bashCompletion());
writeFileSync('dist/completions/_sitrep', zshCompletion());
