#!/usr/bin/env python3
"""Holds N sockets for the network bench: N/2 loopback connections to a
listener of its own on PORT (both ends are sockets). Prints "ready", then
holds. N stays under the open-file limit: the bench starts several."""
import resource
import socket
import sys
import threading
import time

n = int(sys.argv[1])
port = int(sys.argv[2])
hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
listener = socket.socket()
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(('127.0.0.1', port))
listener.listen(4096)
held = []


def accept():
    while True:
        held.append(listener.accept()[0])


threading.Thread(target=accept, daemon=True).start()
for i in range(n // 2):
    c = socket.socket()
    c.bind((f'127.{port % 200}.{1 + i // 20000}.{1 + (i // 100) % 200}', 0))
    c.connect(('127.0.0.1', port))
    held.append(c)
while len(held) < n:
    time.sleep(0.05)
print('ready', flush=True)
while True:
    time.sleep(60)
