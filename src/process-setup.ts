/**
 * Process settings that must be in place before any other module runs; the
 * entry imports this module first.
 *
 * - libuv's threadpool: each hung filesystem (a dead NFS server) holds one pool
 *   thread in statfs until it answers; the default of 4 would let four of them
 *   stall every other async file operation. An explicit UV_THREADPOOL_SIZE wins.
 * - Colours: Ink's chalk decides colour support from the environment, and turns
 *   colour off entirely when it sees CI=true or a non-TTY. sitrep renders into a
 *   private sink and decides for itself (NO_COLOR, --no-color drop colours in
 *   the cell diff), so chalk is told to emit the 16 basic colours. An explicit
 *   FORCE_COLOR wins.
 */
process.env.UV_THREADPOOL_SIZE ??= '16';
process.env.FORCE_COLOR ??= '1';
