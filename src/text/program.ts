/**
 * The program a command line runs, as htop highlights it: for an interpreter
 * (python3, node, perl, ruby, a shell, php, java -jar) the script or module it
 * runs, basename first, then the interpreter in parentheses and the remaining
 * arguments: `app.py (python3) --port 80`, `http.server (python3 -m) 8000`,
 * `app.jar (java -jar)`. Any other command line is left as it is. Pure.
 */

/** Interpreters by the basename of argv[0] (versions stripped: python3.11, php8.2, node20). */
const INTERPRETER = /^(python[\d.]*|pypy[\d.]*|node(js)?[\d.]*|deno|bun|perl[\d.]*|ruby[\d.]*|php[\d.]*|(ba|da|z|k|mk|fi)?sh|java|lua[\d.]*|luajit|tclsh[\d.]*|Rscript|osascript)$/;

/** Options that take the next argument as their value, per interpreter family. */
const TAKES_VALUE: Readonly<Record<string, ReadonlySet<string>>> = {
  python: new Set(['-W', '-X', '-Q']),
  node: new Set(['-r', '--require', '--import', '--loader', '--experimental-loader', '--inspect-port', '--title', '--env-file', '-C', '--conditions', '--input-type', '--disable-warning', '--redirect-warnings', '--stack-trace-limit', '--diagnostic-dir', '--icu-data-dir', '--openssl-config', '--watch-path']),
  java: new Set(['-cp', '-classpath', '--class-path', '-p', '--module-path', '--add-modules', '--add-opens', '--add-exports']),
  perl: new Set(['-I', '-M', '-m']),
  ruby: new Set(['-I', '-r', '-C']),
  php: new Set(['-c', '-d', '-z']),
  sh: new Set(['-o', '-O', '+O']),
};

/** Options whose value is code to run inline: the command line is shown as it is. */
const INLINE: Readonly<Record<string, ReadonlySet<string>>> = {
  python: new Set(['-c']),
  node: new Set(['-e', '--eval', '-p', '--print']),
  perl: new Set(['-e', '-E']),
  ruby: new Set(['-e']),
  php: new Set(['-r']),
  sh: new Set(['-c']),
};

/** Options after which the next argument is what runs (a module, an archive). */
const RUNS_NEXT: Readonly<Record<string, string>> = { '-m': 'python', '-jar': 'java', '-f': 'php' };

function family(interpreter: string): string {
  for (const name of ['python', 'pypy', 'node', 'java', 'perl', 'ruby', 'php']) if (interpreter.startsWith(name)) return name === 'pypy' ? 'python' : name;
  return interpreter.endsWith('sh') ? 'sh' : interpreter;
}

const basename = (path: string): string => path.slice(path.lastIndexOf('/') + 1) || path;

/**
 * `cmdline` (arguments joined by spaces) shown program first. An interpreter
 * running inline code (-c, -e) or reading stdin is shown as it is.
 */
export function programFirst(cmdline: string): string {
  const args = cmdline.split(' ').filter((a) => a !== '');
  const interpreter = basename(args[0] ?? '');
  if (!INTERPRETER.test(interpreter)) return cmdline;
  const fam = family(interpreter);
  const valued = TAKES_VALUE[fam] ?? new Set<string>();
  for (let i = 1; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') continue;
    if (RUNS_NEXT[a] !== undefined && family(RUNS_NEXT[a]) === fam && args[i + 1] !== undefined) {
      const runs = args[i + 1]!;
      return [`${fam === 'python' ? runs : basename(runs)} (${interpreter} ${a})`, ...args.slice(i + 2)].join(' ');
    }
    if (a === '-' || INLINE[fam]?.has(a)) return cmdline;
    if (a.startsWith('-') || a.startsWith('+')) {
      if (valued.has(a)) i++;
      continue;
    }
    // The first argument that is not an option: the script (java: the main class).
    return [`${fam === 'java' ? a : basename(a)} (${interpreter})`, ...args.slice(i + 1)].join(' ');
  }
  return cmdline;
}
