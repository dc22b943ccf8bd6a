#!/usr/bin/env python3
"""Paced TCP traffic for the bandwidth test (issue 35).
   paced.py sink HOST PORT        accept connections and discard what they send
   paced.py send HOST PORT RATE   send RATE bytes per second (64 KiB chunks) until killed
Prints 'ready' once listening or connected."""
import socket, sys, threading, time

def sink(host, port):
    srv = socket.socket(); srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind((host, port)); srv.listen(16); print('ready', flush=True)
    def drain(c):
        while c.recv(1 << 20): pass
    while True:
        c, _ = srv.accept(); threading.Thread(target=drain, args=(c,), daemon=True).start()

def send(host, port, rate):
    s = socket.create_connection((host, port)); print('ready', flush=True)
    chunk = b'x' * 65536; start = time.monotonic(); sent = 0
    while True:
        ahead = sent / rate - (time.monotonic() - start)
        if ahead > 0: time.sleep(ahead)
        s.sendall(chunk); sent += len(chunk)

if sys.argv[1] == 'sink': sink(sys.argv[2], int(sys.argv[3]))
else: send(sys.argv[2], int(sys.argv[3]), float(sys.argv[4]))
