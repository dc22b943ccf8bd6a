# The unprivileged user of the security tests (run as nobody). Modes:
#   hold PATH BYTES VICTIM: write BYTES to PATH, unlink it, keep the descriptor;
#       on SIGUSR1 point that descriptor at VICTIM (dup2 of an O_RDONLY open).
#   longpath BASE: from BASE, make directories nested past PATH_MAX (relative
#       mkdir/chdir), hold a 30 MB deleted file there and grow a file at ~9 MB/s.
# Prints "ready <fd>" when set up, "swapped" after a swap.
import os, signal, sys, time

def say(text):
    sys.stdout.write(text + "\n")
    sys.stdout.flush()

def fill(fd, size):
    chunk = b"b" * (1 << 20)
    written = 0
    while written < size:
        written += os.write(fd, chunk)
    os.fsync(fd)

mode = sys.argv[1]
if mode == "hold":
    path, size, victim = sys.argv[2], int(sys.argv[3]), sys.argv[4]
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    fill(fd, size)
    os.unlink(path)
    def swap(*_):
        other = os.open(victim, os.O_RDONLY)
        os.dup2(other, fd)
        os.close(other)
        say("swapped")
    signal.signal(signal.SIGUSR1, swap)
    say("ready %d" % fd)
    while True:
        signal.pause()
elif mode == "longpath":
    os.chdir(sys.argv[2])
    for _ in range(24):
        os.mkdir("d" * 200)
        os.chdir("d" * 200)
    held = os.open("deleted.bin", os.O_WRONLY | os.O_CREAT, 0o644)
    fill(held, 30 << 20)
    os.unlink("deleted.bin")
    grow = os.open("growing.log", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    say("ready %d" % grow)
    chunk = b"g" * (1 << 20)
    while True:
        os.write(grow, chunk)
        time.sleep(0.11)
