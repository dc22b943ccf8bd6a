#!/usr/bin/env python3
"""A real connection flood for the Network tests.

server PORT_OPEN PORT_HALF: listens on both (backlog 1024); accepts and holds
every connection on PORT_OPEN, never accepts on PORT_HALF. Prints "ready".

client HOST PORT_OPEN PORT_HALF SPEC...: SPEC is open:ADDR:N (N connections
from ADDR, held open) or half:ADDR:N (N non-blocking connects from ADDR whose
SYN-ACK the caller drops, so the server keeps them in SYN-RECV). Prints
"ready", then holds everything until killed.
"""
import socket
import sys
import threading
import time


def server(port_open, port_half):
    held = []
    listeners = []
    for port in (port_open, port_half):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(('0.0.0.0', port))
        s.listen(1024)
        listeners.append(s)

    def accept():
        while True:
            c, _ = listeners[0].accept()
            held.append(c)

    threading.Thread(target=accept, daemon=True).start()
    print('ready', flush=True)
    while True:
        time.sleep(60)


def client(host, port_open, port_half, specs):
    held = []
    for spec in specs:
        kind, addr, n = spec.split(':')
        for _ in range(int(n)):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.bind((addr, 0))
            if kind == 'open':
                s.settimeout(5)
                s.connect((host, port_open))
            else:
                s.setblocking(False)
                try:
                    s.connect((host, port_half))
                except BlockingIOError:
                    pass
            held.append(s)
    print('ready', flush=True)
    while True:
        time.sleep(60)


if __name__ == '__main__':
    if sys.argv[1] == 'server':
        server(int(sys.argv[2]), int(sys.argv[3]))
    else:
        client(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5:])
