"""Makes DEPTH nested directories named d under ROOT, by descriptor (no path
ever grows past PATH_MAX): the attacker's tree for the depth bound."""
import os
import sys

root, depth = sys.argv[1], int(sys.argv[2])
os.makedirs(root, exist_ok=True)
fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
for _ in range(depth):
    os.mkdir('d', dir_fd=fd)
    inner = os.open('d', os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
    os.close(fd)
    fd = inner
os.close(fd)
print('ready', flush=True)
