#!/usr/bin/python3
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
"""A stand-in server on @fcoemond/ctl for fcoectl's tests: binds the
abstract name in the current network namespace, says "ready", accepts one
connection, reports the bytes the client sent (hex, one line; empty if it
sent nothing), waits HOLD seconds, sends ANSWER (hex) and closes.

    ctl_fake.py ANSWER_HEX [HOLD_SECONDS]

Stdlib only; it runs as root or, as a squatter, as nobody."""

import socket
import sys
import time


def main():
    answer = bytes.fromhex(sys.argv[1])
    hold = float(sys.argv[2]) if len(sys.argv) > 2 else 0.0
    srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    srv.bind(b"\0fcoemond/ctl")
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
