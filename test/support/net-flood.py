#!/usr/bin/env python3
"""A real connection flood for the Network tests.

server PORT_OPEN PORT_HALF: listens on both (backlog 1024); accepts and holds
every connection on PORT_OPEN, never accepts on PORT_HALF; also listens on
[::]:PORT_OPEN+2, dual-stack, accepting (IPv6, and IPv4 as mapped addresses).
Prints "ready".

client HOST PORT_OPEN PORT_HALF SPEC...: SPEC is open:ADDR:N (N connections
from ADDR, held open) or half:ADDR:N (N non-blocking connects from ADDR whose
SYN-ACK the caller drops, so the server keeps them in SYN-RECV), open6:ADDR:N
(IPv6 from ADDR to HOST6, port PORT_OPEN+2; HOST6 is the env HOST6) or
mapped:ADDR:N (IPv4 to port PORT_OPEN+2, the dual-stack listener). Prints
"ready", then holds everything until killed.
"""
import os
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
    six = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    six.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    six.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    six.bind(('::', port_open + 2))
    six.listen(1024)

    def accept(listener):
        while True:
            c, _ = listener.accept()
            held.append(c)

    for listener in (listeners[0], six):
        threading.Thread(target=accept, args=(listener,), daemon=True).start()
    print('ready', flush=True)
    while True:
        time.sleep(60)


def client(host, port_open, port_half, specs):
    held = []
    for spec in specs:
        kind, rest = spec.split(':', 1)
        addr, n = rest.rsplit(':', 1)
        for _ in range(int(n)):
            s = socket.socket(socket.AF_INET6 if kind == 'open6' else socket.AF_INET, socket.SOCK_STREAM)
            s.bind((addr, 0))
            if kind == 'open6':
                s.settimeout(5)
                s.connect((os.environ['HOST6'], port_open + 2))
            elif kind == 'mapped':
                s.settimeout(5)
                s.connect((host, port_open + 2))
            elif kind == 'open':
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
