import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../src/cli/args.js';
import { bashCompletion, manPage, zshCompletion } from '../../../src/cli/docs.js';
import { OPTIONS } from '../../../src/cli/options.js';
import { helpText } from '../../../src/cli/usage.js';
import { VERSION } from '../../../src/app/version.js';
import { requireOrSkip } from '../../support/tmux.js';

/** The long options a text names, as `--name` words. */
const longOptions = (text: string) => new Set([...text.replace(/\\-/g, '-').matchAll(/(?<![\w-])--([a-z][a-z-]*)/g)].map((m) => m[1]!));

/** The options the parser accepts: each name tried alone and with a value, in a mode that takes it. */
function parserOptions(): Set<string> {
  const tries = (name: string) =>
    [[], ['snapshot', '--json'], ['replay', 'f'], ['replay', '--store', '/s'], ['record', '--store', '/s'], ['recorder', 'status']].some((head) =>
      [[`--${name}`], [`--${name}`, '1'], [`--${name}`, 'openmetrics'], [`--${name}`, 'crash-loop']].some((opt) => {
        const r = parseArgs([...head, ...opt]);
        return r.kind !== 'error' || !/unknown option|does not go/.test(r.message);
      }),
    );
  const candidates = new Set([...OPTIONS.map((o) => o.name), 'frob', 'verbose', 'output', 'pid']);
  return new Set([...candidates].filter(tries));
}

describe('help, man page and completions', () => {
  const parser = parserOptions();
  const expected = [...parser].sort();

  it('the parser takes exactly the table, and rejects others', () => {
    expect(expected).toEqual(OPTIONS.map((o) => o.name).sort());
    expect(parser.has('frob')).toBe(false);
  });

  it('--help, the man page and both completions list the same options as the parser', () => {
    for (const text of [helpText(VERSION), manPage(VERSION, '2026-12-03'), bashCompletion(), zshCompletion()]) {
      const named = longOptions(text);
      // --demo's scenario names and the like are not options: only table names count, and every one is there.
      expect(expected.filter((n) => !named.has(n))).toEqual([]);
      expect([...named].filter((n) => !parser.has(n) && OPTIONS.every((o) => o.name !== n))).toEqual([]);
    }
  });

  it('the man page and help list every key of the main screen', () => {
    expect(manPage(VERSION, '2026-12-03')).toMatch(/\.SH KEYS[\s\S]*focus Network[\s\S]*send a signal/);
    expect(helpText(VERSION)).toMatch(/keys[\s\S]*5 +focus Network/);
  });

  it.runIf(requireOrSkip(existsSync('/usr/bin/bash'), 'needs bash'))('the bash completion is valid bash and completes options, values and commands', () => {
    const script = bashCompletion();
    expect(spawnSync('bash', ['-n'], { input: script }).status).toBe(0);
    const complete = (words: string[]) =>
      execFileSync('bash', ['-c', `${script}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _sitrep; printf '%s\\n' "\${COMPREPLY[@]}"`], { encoding: 'utf8' }).trim().split('\n');
    expect(complete(['sitrep', '--no-'])).toEqual(['--no-network', '--no-mouse', '--no-memory', '--no-color', '--no-copy']);
    expect(complete(['sitrep', '--demo', 'c'])).toEqual(['crash-loop']);
    expect(complete(['sitrep', 're'])).toEqual(['record', 'replay', 'report', 'recorder']);
    expect(complete(['sitrep', 'snapshot', '--format', ''])).toEqual(['json', 'openmetrics']);
  });

  it.runIf(requireOrSkip(existsSync('dist/sitrep.1'), 'needs dist/ (npm run build)'))('the build ships the generated man page and completions', () => {
    expect(readFileSync('dist/completions/sitrep.bash', 'utf8')).toBe(bashCompletion());
    expect(readFileSync('dist/completions/_sitrep', 'utf8')).toBe(zshCompletion());
    expect(readFileSync('dist/sitrep.1', 'utf8').replace(/^\.TH .*$/m, '')).toBe(manPage(VERSION, 'x').replace(/^\.TH .*$/m, ''));
  });
});
