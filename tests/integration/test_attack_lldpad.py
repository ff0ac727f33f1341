"""Issue 11, item 4: the lldpad socket is shared with the monitor, which
can connect() it anywhere.  The actuator's uid-0 queries must still go to
lldpad's address (@/com/intel/lldpad) and nowhere else."""

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
    data, creds, _ = recv_with_creds(a.listener)
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
