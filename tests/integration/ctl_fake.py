#!/usr/bin/python3
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
"""A stand-in server on /run/fcoemond/ctl for fcoectl's tests: binds the
path (in a mount namespace of the test's), says "ready", accepts one
connection, reports the bytes the client sent (hex, one line; empty if it
sent nothing), waits HOLD seconds, sends ANSWER (hex) and closes.

    ctl_fake.py ANSWER_HEX [HOLD_SECONDS]
    ctl_fake.py full        (never accepts; its backlog is full)

Stdlib only; it runs as root or, as a squatter, as nobody."""

import os
import socket
import sys
import time


def full(srv):
    """ANSWER "full": a server that never accepts, its backlog full."""
    srv.listen(0)
    keep = []
    for _ in range(100):
        c = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        c.setblocking(False)
        keep.append(c)
        try:
            c.connect("/run/fcoemond/ctl")
        except BlockingIOError:
            print("ready", flush=True)
            time.sleep(30)
            return 0
    print("the backlog never filled", flush=True)
    return 1


def main():
    srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    srv.bind("/run/fcoemond/ctl")
    os.chmod("/run/fcoemond/ctl", 0o666)     # as fcoemond's: anyone connects
    if sys.argv[1] == "full":
        return full(srv)
    answer = bytes.fromhex(sys.argv[1])
    hold = float(sys.argv[2]) if len(sys.argv) > 2 else 0.0
    srv.listen(1)
    print("ready", flush=True)
    srv.settimeout(20)
    conn, _ = srv.accept()
    conn.settimeout(2)
    got = b""
    try:
        while len(got) < 32:
            k = conn.recv(32 - len(got))
            if not k:
                break
            got += k
    except socket.timeout:
        pass
    print(got.hex(), flush=True)
    time.sleep(hold)
    try:
        conn.sendall(answer)
    except OSError:
        pass
    conn.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
