# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
"""Issue 11, item 4: the lldpad socket is shared with the monitor, which
can connect() it anywhere.  The actuator's uid-0 queries must still go to
lldpad's address (@/com/intel/lldpad) and nowhere else."""

import errno
import socket

import fcp
from test_actuator_lldpad import recv_with_creds

TRAP = b"\0fcit-lldpad-trap"


def test_query_goes_to_lldpad_whatever_the_sockets_peer(lab):
    a = lab.start(listen_lldpad=True)
    a.hello()
    trap = lab.listener(a.netns, name=TRAP)
    # The compromised monitor points its copy of the socket elsewhere (the
    # same open file as the actuator's fd 5; pytest holds it for the driver).
    a.lldpad.connect(TRAP)
    m = a.request(fcp.LLDPAD_SEND, fcp.lldpad_send(fcp.LQ_PING))
    assert m.status == 0, m
    data, creds, _ = recv_with_creds(a.listener, src=a.lldpad.getsockname())
    assert data == fcp.lldpad_bytes(fcp.LQ_PING) and creds[1] == 0, (data, creds)
    trap.settimeout(0.3)
    try:
        leaked = trap.recv(4096)
    except socket.timeout:
        leaked = None
    assert leaked is None, f"the actuator's query went to the monitor's peer: {leaked!r}"
    end = a.end_record(m.seq)
    assert end["op"] == "lldpad_send" and end["result"] == "ok", end


def test_query_without_lldpad_is_refused_even_if_connected_elsewhere(lab):
    a = lab.start()                          # nobody holds lldpad's name
    a.hello()
    trap = lab.listener(a.netns, name=TRAP)
    a.lldpad.connect(TRAP)
    m = a.request(fcp.LLDPAD_SEND, fcp.lldpad_send(fcp.LQ_PING))
    assert m.status != 0, m                  # ECONNREFUSED: the name is free
    trap.settimeout(0.3)
    try:
        leaked = trap.recv(4096)
    except socket.timeout:
        leaked = None
    assert leaked is None, f"query leaked to {TRAP!r}: {leaked!r}"
    assert a.end_record(m.seq)["result"] == "fail"


def test_restarted_lldpad_fails_the_next_ping_until_reconnected(lab):
    """Queries name lldpad's address, so a restarted lldpad (which knows
    nothing of the monitor's attach) would receive them silently.  The
    monitor's keepalive ping still fails, as over the old connection, until
    it connects (and attaches) again: the actuator checks with a private
    socket connected at LLDPAD_CONNECT."""
    a = lab.start(listen_lldpad=True)
    a.hello()
    a.listener.close()                       # lldpad restarts at once ...
    lst = lab.listener(a.netns)
    m = a.request(fcp.LLDPAD_SEND, fcp.lldpad_send(fcp.LQ_PING))
    assert m.status == errno.ECONNREFUSED, m
    lst.settimeout(0.3)
    try:
        got = lst.recv(4096)
    except socket.timeout:
        got = None
    assert got is None, f"the new lldpad got {got!r} before any connect"
    m = a.request(fcp.LLDPAD_CONNECT)
    assert m.status == 0, m
    m = a.request(fcp.LLDPAD_SEND, fcp.lldpad_send(fcp.LQ_PING))
    assert m.status == 0, m
    data, creds, _ = recv_with_creds(lst, src=a.lldpad.getsockname())
    assert data == b"P" and creds[1] == 0, (data, creds)
