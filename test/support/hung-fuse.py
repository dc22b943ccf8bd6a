# Mounts N FUSE filesystems whose daemon never answers (nobody reads /dev/fuse),
# then execs the command: statfs on them blocks for good. Run inside
# `unshare --mount --propagation private`, so the mounts die with the namespace.
# usage: hung-fuse.py N BASE_DIR COMMAND...
import os, ctypes, sys
n = int(sys.argv[1]); base = sys.argv[2]; cmd = sys.argv[3:]
libc = ctypes.CDLL(None, use_errno=True)
for i in range(n):
    d = f"{base}/hung{i}"
    os.makedirs(d, exist_ok=True)
    fd = os.open('/dev/fuse', os.O_RDWR)
    os.set_inheritable(fd, True)
    opts = f"fd={fd},rootmode=40000,user_id=0,group_id=0".encode()
    if libc.mount(b"hungfs", d.encode(), b"fuse", 0, opts) != 0:
        e = ctypes.get_errno(); print("mount failed", os.strerror(e)); sys.exit(1)
os.execvp(cmd[0], cmd)
