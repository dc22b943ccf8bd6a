# The recorder's attacker (issue 28, items 3 and 4), run as an unprivileged user:
#   inflate COUNT BYTES LIFE: keep COUNT processes alive, each with BYTES of
#       random base64 in its argv (in 120 KB arguments: one argument may hold
#       at most 128 KiB), each living LIFE seconds and replaced when it ends
#       (LIFE 0: they live until this script is killed).
# Prints "ready" once the first COUNT are running. Killing its process group ends them all.
import base64, os, subprocess, sys, time

count, size, life = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
ARG = 120_000

def argv():
    text = base64.b64encode(os.urandom(size * 3 // 4)).decode()
    return ["sh", "-c", "sleep %s" % (life if life > 0 else 100000), "inflate"] + [text[i:i + ARG] for i in range(0, len(text), ARG)]

children = [subprocess.Popen(argv()) for _ in range(count)]
sys.stdout.write("ready\n")
sys.stdout.flush()
while True:
    for i, child in enumerate(children):
        if child.poll() is not None:
            children[i] = subprocess.Popen(argv())
    time.sleep(0.05)
