#!/usr/bin/env python3
"""Short connections for the Network tests (issue 29): new connections per
second and TIME-WAIT.

server PORT_HOLD PORT_CLOSE: listens on both and on PORT_CLOSE+1 (backlog
1024); holds every connection on PORT_HOLD; on PORT_CLOSE accepts and closes
at once, so the server closes first and keeps each connection in TIME-WAIT; on
PORT_CLOSE+1 reads to the end and closes, so the client closes first and the
server keeps nothing. Prints "ready".

client HOST PORT_HOLD PORT_CLOSE HOLD_ADDR N RATE MAX CHURN_ADDR...: opens N
connections from HOLD_ADDR to PORT_HOLD and holds them, prints "ready", then
opens RATE connections a second to PORT_CLOSE, from the CHURN_ADDRs in turn,
each read to its end and closed; at most MAX of them (a bounded loop), then
holds until killed. The schedule is absolute, so the average rate holds under
load. With CLOSE_FIRST=1 in the environment each churn connection is closed
by the client at once instead (use PORT_CLOSE+1 then).
"""
import os
import socket
import sys
import threading
import time


def server(port_hold, port_close):
    held = []
    listeners = []
    for port in (port_hold, port_close, port_close + 1):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(('0.0.0.0', port))
        s.listen(1024)
        listeners.append(s)

    def hold(listener):
        while True:
            c, _ = listener.accept()
            held.append(c)

    def close(listener):
        while True:
            c, _ = listener.accept()
            c.close()

    def drain(listener):
        while True:
            c, _ = listener.accept()
            try:
                c.settimeout(5)
                while c.recv(64):
                    pass
            except OSError:
                pass
            c.close()

    threading.Thread(target=hold, args=(listeners[0],), daemon=True).start()
    threading.Thread(target=close, args=(listeners[1],), daemon=True).start()
    threading.Thread(target=drain, args=(listeners[2],), daemon=True).start()
    print('ready', flush=True)
    while True:
        time.sleep(60)


def client(host, port_hold, port_close, hold_addr, n, rate, most, churn_addrs):
    held = []
    close_first = os.environ.get('CLOSE_FIRST') == '1'
    for _ in range(n):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.settimeout(5)
        s.bind((hold_addr, 0))
        s.connect((host, port_hold))
        held.append(s)
    print('ready', flush=True)
    start = time.monotonic()
    for i in range(most):
        delay = start + i / rate - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.settimeout(5)
        try:
            s.bind((churn_addrs[i % len(churn_addrs)], 0))
            s.connect((host, port_close))
            while not close_first and s.recv(64):
                pass
        except OSError:
            pass
        finally:
            s.close()
    while True:
        time.sleep(60)


if __name__ == '__main__':
    if sys.argv[1] == 'server':
        server(int(sys.argv[2]), int(sys.argv[3]))
    else:
        a = sys.argv
        client(a[2], int(a[3]), int(a[4]), a[5], int(a[6]), float(a[7]), int(a[8]), a[9:])
