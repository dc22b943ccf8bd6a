#!/usr/bin/env python3
"""Runs a command on a pty that stops being read: read READ_S seconds, stop for
BLOCK_S seconds (sampling the child's RSS), then read again for AFTER_S seconds.
Prints one JSON line: rss samples (KiB), bytes read before and after, whether
the output after the drain holds every pane title, and the exit status after q."""
import fcntl, json, os, pty, select, struct, sys, termios, time

read_s, block_s, after_s = float(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
argv = sys.argv[4:]
pid, fd = pty.fork()
if pid == 0:
    os.environ['TERM'] = 'xterm-256color'
    os.execvp(argv[0], argv)
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', 40, 120, 0, 0))

def drain(seconds):
    out = b''
    end = time.time() + seconds
    while time.time() < end:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                out += os.read(fd, 65536)
            except OSError:
                break
    return out

def rss():
    with open(f'/proc/{pid}/status') as f:
        for line in f:
            if line.startswith('VmRSS:'):
                return int(line.split()[1])
    return 0

before = drain(read_s)
samples = []
end = time.time() + block_s
while time.time() < end:
    samples.append(rss())
    time.sleep(1)
after = drain(after_s)
os.write(fd, b'q')
tail = drain(2)
_, status = os.waitpid(pid, 0)
text = after.decode('utf8', 'replace')
print(json.dumps({
    'rssKiB': samples, 'before': len(before), 'after': len(after),
    'fullRedraw': all(t in text for t in ['Disks', 'Writers', 'Log', 'CPU']),
    'exit': os.WEXITSTATUS(status) if os.WIFEXITED(status) else -1,
}))
