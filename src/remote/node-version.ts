/**
 * The remote node's version, checked before the agent runs. An old node ran
 * the bundle far enough to fail on some newer syntax or API, and the console
 * showed a JavaScript stack line; a broken one (a missing library, a wrapper
 * that prints nothing) failed the same way. The remote shell now asks
 * `node --version` first and ends with one plain line instead:
 * "node 18.19 is too old; sitrep needs 20.19" (exit 126), which the console
 * shows as the host's reason.
 */

/** The oldest node the bundle runs on (package.json's engines). */
export const NODE_FLOOR = { major: 20, minor: 19 } as const;

/**
 * A POSIX shell fragment that checks `node` (already quoted for the shell)
 * and exits 126 with one line on stderr when it is too old or does not
 * answer with a version; otherwise it falls through.
 */
export function nodeVersionCheck(node: string): string {
  const { major, minor } = NODE_FLOOR;
  return [
    `v=$(${node} --version 2>&1 | head -n 1); n=\${v#v}; ma=\${n%%.*}; r=\${n#*.}; mi=\${r%%.*};`,
    `case "$ma.$mi" in *[!0-9.]*|.*|*.) echo "node there does not run: its --version said: \${v:-nothing}" >&2; exit 126;; esac;`,
    `if [ "$ma" -lt ${major} ] || { [ "$ma" -eq ${major} ] && [ "$mi" -lt ${minor} ]; }; then echo "node $ma.$mi is too old; sitrep needs ${major}.${minor}" >&2; exit 126; fi;`,
  ].join(' ');
}
