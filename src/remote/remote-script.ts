/**
 * The POSIX sh script `sitrep ssh` and `sitrep fleet` run on a host, as
 * `sh -c SCRIPT sitrep NODE SUDO COPY LOADER AGENT-ARGS…`: every value is a
 * positional parameter, never spliced into the script. It tells the console
 * what it found, one `SITREP-…` line on stdout, before the agent's stream:
 *
 * - `SITREP-READY node`: a node >= 20.19 runs the bundle the console sends (the loader).
 * - otherwise `SITREP-NEED <uname -m> <why: no node, or the one there is too old or broken>`, and it reads the executable's sha256
 *   (or `none`) back; then `SITREP-READY cached` (~/.cache/sitrep/<sha>/sitrep,
 *   its hash checked), `SITREP-READY sitrep` (a sitrep in its PATH), or
 *   `SITREP-SEND`: it reads `SITREP-BINARY <n>` and n bytes of gzip, checks
 *   the sha256 and runs what arrived: `SITREP-READY copied`.
 *
 * The cache's directories must be the user's own, no symlink, writable by no
 * other user (made 0700); the file is no symlink and is run only when its
 * sha256 matches. A refusal names the path on stderr and exits 126. No node
 * and no copy: `SITREP-NOCOPY`, and exit 127.
 */

/** The script; it has no single quote (it travels single-quoted). */
export const REMOTE_SCRIPT = `node=$1 sudo=$2 copy=$3 loader=$4
shift 4
umask 077
run() { if [ "$sudo" = 1 ]; then exec sudo -n "$@"; fi; exec "$@"; }
v= said=
if command -v "$node" >/dev/null 2>&1; then said=$("$node" --version 2>&1 | head -n 1); fi
v=$(printf %s "$said" | sed -n "s/^v\\{0,1\\}\\([0-9][0-9]*\\.[0-9][0-9]*\\)[.0-9]*$/\\1/p"); maj=\${v%%.*}; min=\${v#*.}; min=\${min%%.*}
case "$maj:$min" in
  [0-9]*:[0-9]*) if [ "$maj" -gt 20 ] || { [ "$maj" -eq 20 ] && [ "$min" -ge 19 ]; }; then echo SITREP-READY node; run "$node" -e "$loader" agent "$@"; fi ;;
esac
if [ -n "$v" ]; then why="node $maj.$min is too old; sitrep needs 20.19"
elif [ -n "$said" ]; then why="node there does not run: its --version said: $said"
else why="node: not found"; fi
echo "SITREP-NEED $(uname -m) $why"
IFS= read -r sha || exit 1
case $sha in none) ;; *[!0-9a-f]*|"") echo "sitrep: a bad hash from the console" >&2; exit 1 ;; esac
refuse() { printf "sitrep: refusing %s: %s; nothing was run\\n" "$1" "$2" >&2; exit 126; }
me=$(id -u)
owned() {
  [ -L "$1" ] && refuse "$1" "it is a symlink"
  [ -e "$1" ] || return 1
  [ -d "$1" ] || refuse "$1" "not a directory"
  set -- "$1" $(ls -ldn -- "$1")
  [ "$4" = "$me" ] || refuse "$1" "owned by uid $4, not $me"
  case $2 in ?????w*|????????w*) refuse "$1" "other users can write it ($2)" ;; esac
  return 0
}
dir=$HOME/.cache/sitrep/$sha
file=$dir/sitrep
cached() {
  [ -n "$HOME" ] && [ -d "$HOME" ] || return 1
  for d in "$HOME/.cache" "$HOME/.cache/sitrep" "$dir"; do owned "$d" || return 1; done
  [ -L "$file" ] && refuse "$file" "it is a symlink"
  [ -e "$file" ] || return 1
  [ -f "$file" ] || refuse "$file" "not a regular file"
  got=$(sha256sum < "$file") || refuse "$file" "no sha256sum here to check it"
  got=\${got%% *}
  [ "$got" = "$sha" ] || refuse "$file" "its sha256 is $(printf %.16s "$got")..., not the one its path names"
  return 0
}
if [ "$sha" != none ] && cached; then echo SITREP-READY cached; run "$file" agent "$@"; fi
if command -v sitrep >/dev/null 2>&1; then echo SITREP-READY sitrep; run sitrep agent "$@"; fi
if [ "$sha" = none ] || [ "$copy" = no ]; then echo SITREP-NOCOPY; echo "$why" >&2; exit 127; fi
echo SITREP-SEND
IFS= read -r line || exit 1
case $line in "SITREP-BINARY "*) n=\${line#SITREP-BINARY } ;; *) echo SITREP-NOCOPY; echo "$why" >&2; exit 127 ;; esac
case $n in ""|*[!0-9]*) exit 1 ;; esac
[ -n "$HOME" ] && [ -d "$HOME" ] || refuse "HOME ($HOME)" "no such directory"
for d in "$HOME/.cache" "$HOME/.cache/sitrep" "$dir"; do owned "$d" || mkdir -m 700 -- "$d" || refuse "$d" "cannot make it"; owned "$d" || refuse "$d" "cannot make it"; done
tmp=$dir/.partial.$$
rm -f -- "$tmp"
set -C
if ! head -c "$n" | gzip -dc > "$tmp"; then rm -f -- "$tmp"; echo "sitrep: the copy to $dir did not arrive whole" >&2; exit 1; fi
set +C
got=$(sha256sum < "$tmp") || { rm -f -- "$tmp"; refuse "$tmp" "no sha256sum here to check it"; }
got=\${got%% *}
[ "$got" = "$sha" ] || { rm -f -- "$tmp"; refuse "$tmp" "what arrived has sha256 $(printf %.16s "$got")..., not the one sent"; }
chmod 700 -- "$tmp" && mv -f -- "$tmp" "$file" || exit 1
echo SITREP-READY copied
run "$file" agent "$@"
`;
