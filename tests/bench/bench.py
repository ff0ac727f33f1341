#!/usr/bin/python3
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
"""fcoemond benchmark (not a test: it reports numbers, it asserts nothing).

    make bench                 # or: /usr/bin/python3 tests/bench/bench.py [--idle 60]

Runs the real fcoemond + fcoemond-monitor as the integration suite does
(fresh network and mount namespaces, fake FCoE sysfs, legacy kernel
interface) and reports:
  * a storm of link changes over 1,000 interfaces: link events per second
    through the daemon, from the first `ip link set` to the end of the
    daemon's last work (its CPU time still), and the actuator requests it
    caused;
  * start-up with 4,094 cfg files: exec to "sandbox" (config read,
    adoption checked, links dumped);
  * idle wakeups of the monitor over --idle seconds, without and with a
    DCB entry (lldpad simulator attached: only the 10 s keepalive);
  * CPU time of both processes per 1,000 link events (/proc, whatever
    the harness's pace);
  * resident memory of both processes with 1, 1,000 and 4,094 interfaces
    (the 4,094 as cfg files whose interfaces do not exist).
Needs root.
"""

import argparse
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "integration"))

from conftest import Lab                      # noqa: E402
from daemon import CFG_DCB, CFG_NO_DCB, Daemon  # noqa: E402
from lldpad_sim import IfState, LldpadSim     # noqa: E402


def status(pid, key):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return line.split()[1]
    return None


def cpu_s(pid):
    """CPU time of pid so far, in seconds: the scheduler's own sum
    (/proc/PID/schedstat, nanoseconds).  /proc/PID/stat's utime + stime
    are sampled at the timer tick (10 ms), which a process that works in
    bursts of microseconds can miss entirely: the monitor of a storm read
    0 ticks for 4,000 events."""
    with open(f"/proc/{pid}/schedstat") as f:
        return int(f.read().split()[0]) / 1e9


def rss_kb(d):
    act, mon = pids(d)
    return int(status(act, "VmRSS")), int(status(mon, "VmRSS"))


def wakeups(pid):
    return int(status(pid, "voluntary_ctxt_switches")) + \
        int(status(pid, "nonvoluntary_ctxt_switches"))


def smaps(pid):
    """Resident kB of pid by kind of mapping (/proc/PID/smaps): the heap
    (brk), other anonymous memory (libc's mmap'd arenas and large
    allocations), the stack, the program's own file, shared libraries."""
    kinds = {"heap": 0, "anon": 0, "stack": 0, "program": 0, "libraries": 0}
    exe = os.readlink(f"/proc/{pid}/exe")
    kind = None
    with open(f"/proc/{pid}/smaps") as f:
        for line in f:
            head = line.split()
            if "-" in head[0] and len(head) >= 5 and not head[0].endswith(":"):
                path = head[5] if len(head) > 5 else ""
                kind = ("heap" if path == "[heap]" else
                        "stack" if path == "[stack]" else
                        "anon" if path == "" else
                        "program" if path == exe else
                        "libraries" if ".so" in path else None)
            elif head[0] == "Rss:" and kind:
                kinds[kind] += int(head[1])
    return kinds


def mem(d):
    """RSS of both processes and the monitor's by kind of mapping."""
    act, mon = pids(d)
    return rss_kb(d) + (smaps(mon),)


def pids(d):
    rec = d.log.wait(event="start")
    return d.proc.pid, int(rec["pid"])


def op_times(d, op):
    """Arrival times of the end records of op, in order."""
    return [r.t for r in d.log.audit()
            if r.get("phase") == "end" and r.get("op") == op]


def wait_ops(d, op, n, timeout):
    """The arrival time of the n-th end record of op.  Polled slowly: the
    log socket's reader shares the interpreter with this loop, and a busy
    poll would slow the daemon's audit writes, not measure them."""
    end = time.monotonic() + timeout
    while len(ts := op_times(d, op)) < n:
        if time.monotonic() > end:
            raise SystemExit(f"only {len(ts)} of {n} {op} in {timeout}s")
        time.sleep(0.5)
    return ts[n - 1]


def batch(ns, lines):
    path = Path(f"/tmp/fcbench-{os.getpid()}.batch")
    path.write_text("\n".join(lines) + "\n")
    ns.run(["ip", "-batch", str(path)])
    path.unlink()


def wait_idle(d, timeout, quiet=1.0):
    """When both processes' CPU time stopped growing (still for `quiet` s,
    read every 0.1 s from /proc: a tick is 10 ms): the time the last work
    ended.  Nothing is asked of the daemon, so the reading costs it
    nothing."""
    act, mon = pids(d)
    end = time.monotonic() + timeout
    last, since = None, time.monotonic()
    while time.monotonic() < end:
        now = (cpu_s(act), cpu_s(mon))
        if now != last:
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet:
            return since
        time.sleep(0.1)
    raise SystemExit(f"the daemon was still busy after {timeout}s")


def requests_between(d, t0, t1):
    """Actuator requests (end records) that arrived between t0 and t1."""
    return sum(1 for r in d.log.audit()
               if r.get("phase") == "end" and t0 <= r.t <= t1)


def storm(lab, n=1000):
    ns = lab.netns(veth=None)
    batch(ns, [f"link add a{i} type veth peer name b{i}" for i in range(n)])
    d = Daemon(lab, {f"a{i}": CFG_NO_DCB for i in range(n)}, netns=ns,
               netdevs=("lo",), margs=())
    d.wait_log(r"sandbox: ", timeout=60)
    # Down at start: each instance is made before link-up.
    wait_ops(d, "fcoe_create", n, 300)
    wait_idle(d, 300)
    storm.mem = mem(d)     # every link and cfg entry known, nothing up yet
    batch(ns, [f"link set a{i} up" for i in range(n)] +
          [f"link set b{i} up" for i in range(n)])
    wait_idle(d, 300)
    act, mon = pids(d)
    rss = storm.mem
    cpu0 = (cpu_s(act), cpu_s(mon))
    # Two batches, downs then ups; the time is from the first batch's
    # start to the end of the daemon's last work (its CPU time still for
    # a second after), minus the harness's own pause between the two.
    t0 = time.monotonic()
    batch(ns, [f"link set b{i} down" for i in range(n)])
    t_down = wait_idle(d, 300) - t0
    t1 = time.monotonic()
    batch(ns, [f"link set b{i} up" for i in range(n)])
    dt = t_down + wait_idle(d, 300) - t1
    cpu = (cpu_s(act) - cpu0[0], cpu_s(mon) - cpu0[1])
    reqs = requests_between(d, t0, time.monotonic())
    # Each `ip link set bI down|up` changes bI and its peer aI: 4 events
    # per interface.
    events = 4 * n
    d.signal(15)
    d.wait(10)
    return events, dt, rss, cpu, reqs


def startup(lab, n=4094):
    ns = lab.netns()
    d = Daemon(lab, {f"v{i}": CFG_NO_DCB for i in range(1, n + 1)},
               netns=ns, margs=(), start=False)
    t0 = time.monotonic()
    d.start()
    i, _ = d.wait_log(rf": {n} interfaces configured", timeout=120)
    d.wait_log(r"sandbox: ", timeout=120, after=i)
    dt = time.monotonic() - t0
    time.sleep(1)
    rss = mem(d)
    d.signal(15)
    d.wait(10)
    return dt, rss


def idle(lab, seconds, dcb):
    ns = lab.netns()
    sim = None
    if dcb:
        sim = LldpadSim(netns=ns.path, interfaces={"veth0": IfState()})
        lab.cleanups.append(sim.close)
    d = Daemon(lab, {"veth0": CFG_DCB if dcb else CFG_NO_DCB}, netns=ns,
               margs=())
    d.wait_op("fcoe_create", "veth0", timeout=10)
    time.sleep(1)
    idle.rss = mem(d)
    _, mon = pids(d)
    w0 = wakeups(mon)
    time.sleep(seconds)
    w = wakeups(mon) - w0
    d.signal(15)
    d.wait(10)
    return w


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--idle", type=float, default=60.0,
                    help="seconds of idle measurement (default 60)")
    ap.add_argument("--interfaces", type=int, default=1000)
    a = ap.parse_args()
    lab = Lab()
    try:
        events, dt, rss, cpu, reqs = storm(lab, a.interfaces)
        print(f"link storm: {events} link events over {a.interfaces} "
              f"interfaces (DCB_REQUIRED=no), {reqs} actuator requests, "
              f"done in {dt:.2f} s: {events / dt:.0f} events/s")
        k = 1000 / events
        print(f"CPU time per 1,000 link events (the scheduler's sum, /proc/PID/schedstat): "
              f"actuator {cpu[0] * k * 1000:.0f} ms, monitor "
              f"{cpu[1] * k * 1000:.0f} ms")
        up, rss4094 = startup(lab)
        print(f"start-up with 4094 cfg files: {up:.2f} s")
        w = idle(lab, a.idle, False)
        for n, r in ((1, idle.rss), (a.interfaces, rss), (4094, rss4094)):
            print(f"resident memory with {n} interface(s): actuator "
                  f"{r[0]} kB, monitor {r[1]} kB (" +
                  ", ".join(f"{k} {v}" for k, v in r[2].items()) + ")")
        print(f"idle wakeups in {a.idle:.0f} s, no DCB entry: {w}")
        print(f"idle wakeups in {a.idle:.0f} s, one DCB entry (keepalive): "
              f"{idle(lab, a.idle, True)}")
    finally:
        lab.finish()


if __name__ == "__main__":
    main()
