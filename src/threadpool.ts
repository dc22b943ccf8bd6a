/**
 * Sizes libuv's threadpool before anything uses it. Each hung filesystem (a
 * dead NFS server) holds one pool thread in statfs until it answers; the
 * default of 4 would let four of them stall every other async file operation.
 * Imported first by the entry; an explicit UV_THREADPOOL_SIZE wins.
 */
process.env.UV_THREADPOOL_SIZE ??= '16';
