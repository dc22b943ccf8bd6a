/**
 * Process settings that must be in place before any other module runs; the
 * entry imports this module first.
 *
 * (libuv's threadpool size cannot be set from here: Node's module loader has
 * already started the pool with UV_THREADPOOL_SIZE from the environment, 4 by
 * default. See ARCHITECTURE.md, Disks, for what that means for hung mounts.)
 *
 * - Colours: Ink's chalk decides colour support from the environment, and turns
 *   colour off entirely when it sees CI=true or a non-TTY. sitrep renders into a
 *   private sink and decides for itself (NO_COLOR, --no-color drop colours in
 *   the cell diff), so chalk is told to emit the 16 basic colours. An explicit
 *   FORCE_COLOR wins.
 */
process.env.FORCE_COLOR ??= '1';
