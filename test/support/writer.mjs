// A paced writer for real-filesystem tests: appends to FILE at RATE bytes per
// second in 64 KiB chunks until the disk is full, then fills the last blocks
// with 512-byte writes and fsyncs (ext4 holds back blocks for delayed
// allocation until data is flushed, and a block smaller than a chunk stays
// free otherwise), and idles until killed; with a third argument `retry` it
// keeps trying a chunk every 100 ms instead (each attempt fails with ENOSPC),
// as a logger does on a full disk.
import { fsyncSync, openSync, writeSync } from 'node:fs';

const [file, rate, mode] = [process.argv[2], Number(process.argv[3]), process.argv[4]];
const chunk = Buffer.alloc(64 * 1024, 0x61);
const small = Buffer.alloc(512, 0x61);
const fd = openSync(file, 'a');
const started = Date.now();
let written = 0;
let full = false;

function fillLastBlocks() {
  for (let round = 0; round < 5; round++) {
    try {
      fsyncSync(fd);
      for (;;) writeSync(fd, small);
    } catch (error) {
      if (error.code !== 'ENOSPC') throw error;
    }
  }
  try { fsyncSync(fd); } catch { /* full */ }
}

const retry = () => {
  try {
    writeSync(fd, chunk);
  } catch (error) {
    if (error.code !== 'ENOSPC') throw error;
  }
};

let ticks = 0;
const tick = () => {
  if (full) {
    if (mode === 'retry' && ++ticks % 5 === 0) retry();
    return;
  }
  const due = ((Date.now() - started) / 1000) * rate;
  try {
    while (written + chunk.length <= due) written += writeSync(fd, chunk);
  } catch (error) {
    if (error.code !== 'ENOSPC') throw error;
    full = true;
    fillLastBlocks();
  }
};
setInterval(tick, 20);
