# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
"""Issue 11, item 1: a compromised monitor floods the actuator with harmless
or refused requests to push a destroy's record out of the log (journald
drops a unit's lines past its rate limit).  Repeats are coalesced into
counts, distinct noise is slowed (the requester waits; no record is
dropped), and every record carries the run id and its number in the run,
so a lost record shows as a gap.  Counted in records, never timed."""

import fcp
from conftest import check_begin, check_end, check_head


def requests(a, type_, payload, n):
    for _ in range(n):
        a.request(type_, payload)


def numbered(a):
    """All audit records so far: one run, numbered 1, 2, 3... without gap."""
    recs = a.audit.audit()
    runs = {r["run"] for r in recs}
    assert len(runs) == 1, runs
    assert [int(r["rec"]) for r in recs] == list(range(1, len(recs) + 1)), \
        [r["rec"] for r in recs]
    return recs


def accounted(recs, op):
    """Requests of op in the records: full end records plus repeat counts."""
    ends = [r for r in recs if r.get("op") == op and r.get("phase") == "end"]
    reps = [r for r in recs if r.get("op") == op and r.get("phase") == "repeat"]
    return len(ends) + sum(int(r["count"]) for r in reps), len(ends) + len(reps)


def test_repeated_flood_is_coalesced_and_the_destroy_recorded(lab):
    a = lab.start()                      # no lldpad: every ping fails alike
    a.hello()
    n = 3000
    requests(a, fcp.LLDPAD_SEND, fcp.lldpad_send(fcp.LQ_PING), n)
    requests(a, fcp.FCOE_DESTROY, fcp.ifreq("../x"), n)     # denied, EINVAL
    m = a.request(fcp.FCOE_DESTROY, fcp.ifreq("veth0"))
    assert m.status == 0, m
    end = a.end_record(m.seq)
    check_end(end, op="fcoe_destroy", args=[("ifname", "veth0")], result="ok",
              err=0, kif="bus", obj=None)
    (begin,) = a.begin_records(m.seq)
    check_begin(begin, op="fcoe_destroy", args=[("ifname", "veth0")])
    assert int(begin["rec"]) < int(end["rec"])
    recs = numbered(a)
    start = a.audit.wait(event="start")
    assert start["run"] == end["run"] and start["run"] == begin["run"], start
    pings, ping_recs = accounted(recs, "lldpad_send")
    denied, denied_recs = accounted(recs, "fcoe_destroy")
    assert pings == n, pings
    assert denied == n + 1, denied          # and the real destroy
    # 6,000 requests, a handful of records: 2 for the first of each kind,
    # one repeat record per 1,000 (and perhaps one per idle second)
    assert ping_recs <= 12 and denied_recs <= 14, (ping_recs, denied_recs)
    assert len(recs) < 40, len(recs)
    for r in recs:
        check_head(r)
    rep = next(r for r in recs if r.get("phase") == "repeat")
    assert rep["op"] == "lldpad_send" and rep["kind"] == "ping", rep
    assert rep["result"] == "fail" and rep["errno"] == "107", rep   # ENOTCONN


def test_distinct_flood_is_slowed_never_dropped(lab):
    """200 refused queries that differ (no coalescing): 400 records, more
    than the harmless class's burst of 256.  The actuator records that it
    throttled, writes every record, and the destroy after them is recorded
    too."""
    a = lab.start()
    a.hello()
    n = 200
    for i in range(n):
        payload = bytearray(fcp.lldpad_send(fcp.LQ_PING))
        payload[0] = 99                    # no such query kind: EINVAL
        payload[4:8] = i.to_bytes(4, "little")
        m = a.request(fcp.LLDPAD_SEND, bytes(payload))
        assert m.status != 0, m
    m = a.request(fcp.FCOE_DESTROY, fcp.ifreq("veth0"))
    assert m.status == 0, m
    end = a.end_record(m.seq, timeout=30)
    assert end["result"] == "ok", end
    recs = numbered(a)
    throttles = [r for r in recs if r.get("event") == "throttle"]
    assert [t["class"] for t in throttles] == ["query"], throttles
    refused = [r for r in recs if r.get("op") == "lldpad_send"
               and r.get("phase") == "end" and r.get("result") == "denied"]
    assert len(refused) == n, len(refused)
    assert not [r for r in recs if r.get("phase") == "repeat"]


def test_a_burst_of_500_changes_is_not_slowed(lab):
    """A NIC whose VLANs come up together asks one enable per VLAN at once:
    500 state-changing requests (1,000 records) pass without a throttle;
    the budget still holds beyond (20 more: the first overdraft of the
    state-changing class is recorded), and every request is recorded."""
    a = lab.start()
    a.hello()
    ops = (fcp.FCOE_ENABLE, fcp.FCOE_DISABLE)
    for i in range(500):
        m = a.request(ops[i % 2], fcp.ifreq("veth0"))
        assert m.status == 0, m
    a.end_record(m.seq, timeout=30)
    assert not [r for r in numbered(a) if r.get("event") == "throttle"]
    for i in range(20):
        m = a.request(ops[i % 2], fcp.ifreq("veth0"))
        assert m.status == 0, m
    a.end_record(m.seq, timeout=30)
    recs = numbered(a)
    throttles = [r for r in recs if r.get("event") == "throttle"]
    assert [t["class"] for t in throttles] == ["change"], throttles
    ends = [r for r in recs if r.get("phase") == "end" and r.get("result") == "ok"
            and r.get("op") in ("fcoe_enable", "fcoe_disable")]
    assert len(ends) == 520, len(ends)
