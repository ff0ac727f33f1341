# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
"""FCoE operations on each kernel interface: the exact bytes written to
exactly which files, the reply, the audit records, and kernel errors relayed
unchanged."""

import errno

import pytest

import fcp
from conftest import (ANY, PRI_NOTICE, check_begin, check_end, ctlr_dir, issue_lip,
                      param_dir, scsi_scan)

KIFS = ["bus", "libfcoe"]
CTLR = ctlr_dir("veth0", 0)


def expected_writes(kif, op, name="veth0", mode=fcp.MODE_FABRIC):
    """{file: bytes} the contract says `op` writes on kernel interface kif."""
    if op == fcp.FCOE_RESET:
        return {issue_lip(name): b"1"}
    if op == fcp.FCOE_SCAN:
        return {scsi_scan(name): b"- - -"}
    if kif == "bus":
        c = ctlr_dir(name, 0)
        return {
            fcp.FCOE_CREATE: ({"/sys/bus/fcoe/ctlr_create": name.encode(),
                               f"{c}/enabled": b"1"} |
                              ({f"{c}/mode": b"VN2VN"} if mode == fcp.MODE_VN2VN else {})),
            fcp.FCOE_DESTROY: {"/sys/bus/fcoe/ctlr_destroy": name.encode()},
            fcp.FCOE_ENABLE: {f"{c}/enabled": b"1"},
            fcp.FCOE_DISABLE: {f"{c}/enabled": b"0"},
        }[op]
    d = param_dir(kif)
    f = {fcp.FCOE_CREATE: "create_vn2vn" if mode == fcp.MODE_VN2VN else "create",
         fcp.FCOE_DESTROY: "destroy", fcp.FCOE_ENABLE: "enable",
         fcp.FCOE_DISABLE: "disable"}[op]
    return {f"{d}/{f}": name.encode()}


def payload(op, name="veth0", mode=fcp.MODE_FABRIC):
    return fcp.fcoe_create(name, mode) if op == fcp.FCOE_CREATE else fcp.ifreq(name)


def args_of(op, name="veth0", mode=fcp.MODE_FABRIC):
    a = [("ifname", name)]
    if op == fcp.FCOE_CREATE:
        a.append(("mode", fcp.MODE_NAMES[mode]))
    return a


def expected_obj(kif, op):
    if op in (fcp.FCOE_RESET, fcp.FCOE_SCAN):
        return "host2"
    if op == fcp.FCOE_CREATE and kif == "bus":
        return "ctlr_0"
    return ANY


OPS = [(fcp.FCOE_CREATE, fcp.MODE_FABRIC), (fcp.FCOE_CREATE, fcp.MODE_VN2VN),
       (fcp.FCOE_DESTROY, None), (fcp.FCOE_ENABLE, None), (fcp.FCOE_DISABLE, None),
       (fcp.FCOE_RESET, None), (fcp.FCOE_SCAN, None)]


@pytest.fixture(params=KIFS)
def kact(request, lab):
    """A running actuator on a tree offering one kernel interface (after HELLO)."""
    a = lab.start(kifs=(request.param,))
    a.kif = request.param
    assert a.hello().kif == fcp.KIF_BY_NAME[request.param]
    return a


def test_every_operation_writes_exactly_what_the_kernel_expects(kact):
    kif = kact.kif
    for op, mode in OPS:
        mode = mode or fcp.MODE_FABRIC
        m = kact.request(op, payload(op, mode=mode))
        what = f"{fcp.TYPE_NAMES[op]} {fcp.MODE_NAMES[mode]} on {kif}"
        assert m.status == 0, (what, m)
        assert kact.sysfs.take() == expected_writes(kif, op, mode=mode), what
        assert all(n == 1 for n in kact.sysfs.counts.values()), (what, kact.sysfs.counts)
        begins = kact.begin_records(m.seq)
        assert len(begins) == 1, (what, begins)
        check_begin(begins[0], op=fcp.TYPE_NAMES[op], args=args_of(op, mode=mode),
                    pri=PRI_NOTICE)
        check_end(kact.end_record(m.seq), op=fcp.TYPE_NAMES[op],
                  args=args_of(op, mode=mode), kif=kif, result="ok", err=0,
                  obj=expected_obj(kif, op), pri=PRI_NOTICE)
    # two records per request, all sharing the request's seq, nothing else
    seqs = [int(r["seq"]) for r in kact.audit.audit() if r["phase"] in ("begin", "end")]
    assert seqs == [s for s in range(1, kact.seq + 1) for _ in (0, 1)], seqs
    assert kact.alive()


def test_bus_create_vn2vn_order_of_writes(lab):
    """mode must be set before the controller is enabled (EBUSY otherwise):
    check that `mode` was written before `enabled` by making `enabled`
    fail and seeing mode written anyway, then rolled back."""
    a = lab.start(extra_setup=f"mount --bind /dev/full {CTLR}/enabled")
    a.hello()
    m = a.request(fcp.FCOE_CREATE, fcp.fcoe_create("veth0", fcp.MODE_VN2VN))
    assert m.status == errno.ENOSPC, m
    assert a.sysfs.take() == {"/sys/bus/fcoe/ctlr_create": b"veth0",
                              f"{CTLR}/mode": b"VN2VN",
                              "/sys/bus/fcoe/ctlr_destroy": b"veth0"}


@pytest.mark.parametrize("how,err", [
    ("full", errno.ENOSPC), ("chmod", errno.EACCES), ("rofs", errno.EROFS)])
def test_bus_create_rolls_back_when_enable_fails(lab, how, err):
    f = f"{CTLR}/enabled"
    setup = {"full": f"mount --bind /dev/full {f}",
             "rofs": f"mount --bind {f} {f} && mount -o remount,bind,ro {f}",
             "chmod": ""}[how]
    prep = (lambda s: s.chmod(f, 0o400)) if how == "chmod" else None
    a = lab.start(extra_setup=setup, prepare=prep)
    a.hello()
    m = a.request(fcp.FCOE_CREATE, fcp.fcoe_create("veth0"))
    assert m.status == err, m
    assert a.sysfs.take() == {"/sys/bus/fcoe/ctlr_create": b"veth0",
                              "/sys/bus/fcoe/ctlr_destroy": b"veth0"}
    check_end(a.end_record(m.seq), op="fcoe_create", args=args_of(fcp.FCOE_CREATE),
              kif="bus", result="fail", err=err, extra=("rollback",))
    # it keeps serving
    m = a.request(fcp.FCOE_DESTROY, fcp.ifreq("veth0"))
    assert m.status == 0 and a.sysfs.take() == {"/sys/bus/fcoe/ctlr_destroy": b"veth0"}


@pytest.mark.parametrize("mode", [fcp.MODE_FABRIC, fcp.MODE_VN2VN])
def test_bus_create_disabled_never_writes_enabled(lab, mode):
    """An instance made before link-up (disabled=1): the ctlr is born
    disabled, so the bus create stops before `enabled`."""
    a = lab.start()
    a.hello()
    m = a.request(fcp.FCOE_CREATE, fcp.fcoe_create("veth0", mode, b"\x01\0\0"))
    assert m.status == 0, m
    assert a.sysfs.take() == {"/sys/bus/fcoe/ctlr_create": b"veth0"} | (
        {f"{CTLR}/mode": b"VN2VN"} if mode == fcp.MODE_VN2VN else {})
    check_end(a.end_record(m.seq), op="fcoe_create",
              args=args_of(fcp.FCOE_CREATE, mode=mode) + [("disabled", "1")],
              kif="bus", result="ok", err=0, obj="ctlr_0")


@pytest.mark.parametrize("kif", ["libfcoe"])
def test_param_create_disabled_is_create_then_disable(lab, kif):
    """libfcoe's create starts the instance: disabled=1 adds `disable`; if
    that fails the instance is destroyed again, nothing is left running."""
    d = param_dir(kif)
    a = lab.start(kifs=(kif,))
    a.hello()
    m = a.request(fcp.FCOE_CREATE, fcp.fcoe_create("veth0", fcp.MODE_VN2VN, b"\x01\0\0"))
    assert m.status == 0, m
    assert a.sysfs.take() == {f"{d}/create_vn2vn": b"veth0", f"{d}/disable": b"veth0"}
    b = lab.start(kifs=(kif,), prepare=lambda s: s.chmod(f"{d}/disable", 0o400))
    b.hello()
    m = b.request(fcp.FCOE_CREATE, fcp.fcoe_create("veth0", fcp.MODE_FABRIC, b"\x01\0\0"))
    assert m.status == errno.EACCES, m
    assert b.sysfs.take() == {f"{d}/create": b"veth0", f"{d}/destroy": b"veth0"}
    check_end(b.end_record(m.seq), op="fcoe_create",
              args=args_of(fcp.FCOE_CREATE) + [("disabled", "1")], kif=kif,
              result="fail", err=errno.EACCES, extra=("rollback",))


def test_bus_create_rolls_back_when_mode_fails(lab):
    a = lab.start(prepare=lambda s: s.chmod(f"{CTLR}/mode", 0o400))
    a.hello()
    m = a.request(fcp.FCOE_CREATE, fcp.fcoe_create("veth0", fcp.MODE_VN2VN))
    assert m.status == errno.EACCES, m
    assert a.sysfs.take() == {"/sys/bus/fcoe/ctlr_create": b"veth0",
                              "/sys/bus/fcoe/ctlr_destroy": b"veth0"}
    check_end(a.end_record(m.seq), op="fcoe_create",
              args=args_of(fcp.FCOE_CREATE, mode=fcp.MODE_VN2VN),
              kif="bus", result="fail", err=errno.EACCES, extra=("rollback",))


def test_bus_create_failure_of_ctlr_create_is_not_rolled_back(lab):
    a = lab.start(prepare=lambda s: s.chmod("/sys/bus/fcoe/ctlr_create", 0o400))
    a.hello()
    m = a.request(fcp.FCOE_CREATE, fcp.fcoe_create("veth0"))
    assert m.status == errno.EACCES, m
    assert a.sysfs.take() == {}


def test_bus_create_without_ctlr_dir(lab):
    """ctlr_create accepted but no ctlr_N appears under the interface."""
    a = lab.start()
    a.hello()
    m = a.request(fcp.FCOE_CREATE, fcp.fcoe_create("veth1"))
    assert m.status == errno.ENOENT, m
    w = a.sysfs.take()
    assert w.get("/sys/bus/fcoe/ctlr_create") == b"veth1", w
    assert set(w) <= {"/sys/bus/fcoe/ctlr_create", "/sys/bus/fcoe/ctlr_destroy"}, w
    check_end(a.end_record(m.seq), op="fcoe_create",
              args=args_of(fcp.FCOE_CREATE, "veth1"), kif="bus", result="fail",
              err=errno.ENOENT, extra=("rollback",))


@pytest.mark.parametrize("op", [fcp.FCOE_ENABLE, fcp.FCOE_DISABLE, fcp.FCOE_RESET,
                                fcp.FCOE_SCAN])
def test_no_ctlr_dir_is_enoent(lab, op):
    a = lab.start()
    a.hello()
    m = a.request(op, fcp.ifreq("veth1"))          # exists, but no FCoE on it
    assert m.status == errno.ENOENT, m
    assert a.sysfs.take() == {}
    check_end(a.end_record(m.seq), op=fcp.TYPE_NAMES[op], args=[("ifname", "veth1")],
              kif="bus", result="fail", err=errno.ENOENT)


def test_nonexistent_interface_is_enodev(kact):
    for op, mode in OPS:
        m = kact.request(op, payload(op, "nosuch0", mode or 0))
        assert m.status == errno.ENODEV, (fcp.TYPE_NAMES[op], m)
        check_end(kact.end_record(m.seq), op=fcp.TYPE_NAMES[op],
                  args=args_of(op, "nosuch0", mode or 0), kif=kact.kif,
                  result="fail", err=errno.ENODEV)
    assert kact.sysfs.take() == {}


def test_fifteen_byte_name_is_valid(kact):
    """15 bytes is the longest name: accepted, then the kernel says ENODEV."""
    name = "abcdefghijklmno"
    m = kact.request(fcp.FCOE_DESTROY, fcp.ifreq(name))
    assert m.status == errno.ENODEV, m
    check_end(kact.end_record(m.seq), op="fcoe_destroy", args=[("ifname", name)],
              kif=kact.kif, result="fail", err=errno.ENODEV)


@pytest.mark.parametrize("kif", ["libfcoe"])
def test_missing_parameter_file_is_enoent(lab, kif):
    d = param_dir(kif)
    a = lab.start(kifs=(kif,), prepare=lambda s: s.remove(f"{d}/create_vn2vn"))
    a.hello()
    m = a.request(fcp.FCOE_CREATE, fcp.fcoe_create("veth0", fcp.MODE_VN2VN))
    assert m.status == errno.ENOENT, m
    assert a.sysfs.take() == {}          # in particular: not created (no O_CREAT)
    check_end(a.end_record(m.seq), op="fcoe_create",
              args=args_of(fcp.FCOE_CREATE, mode=fcp.MODE_VN2VN), kif=kif,
              result="fail", err=errno.ENOENT)


@pytest.mark.parametrize("kif", KIFS)
@pytest.mark.parametrize("op", [fcp.FCOE_DESTROY, fcp.FCOE_ENABLE, fcp.FCOE_DISABLE])
def test_unwritable_file_is_eacces(lab, kif, op):
    target = next(iter(expected_writes(kif, op)))
    a = lab.start(kifs=(kif,), prepare=lambda s: s.chmod(target, 0o400))
    a.hello()
    m = a.request(op, fcp.ifreq("veth0"))
    assert m.status == errno.EACCES, m
    assert a.sysfs.take() == {}
    check_end(a.end_record(m.seq), op=fcp.TYPE_NAMES[op], args=[("ifname", "veth0")],
              kif=kif, result="fail", err=errno.EACCES)


@pytest.mark.parametrize("op,target", [(fcp.FCOE_RESET, issue_lip()),
                                       (fcp.FCOE_SCAN, scsi_scan())])
def test_reset_scan_errors_relayed(lab, op, target):
    a = lab.start(extra_setup=f"mount --bind /dev/full {target}")
    a.hello()
    m = a.request(op, fcp.ifreq("veth0"))
    assert m.status == errno.ENOSPC, m
    check_end(a.end_record(m.seq), op=fcp.TYPE_NAMES[op], args=[("ifname", "veth0")],
              kif="bus", result="fail", err=errno.ENOSPC, obj=ANY)
    assert a.sysfs.take() == {}


@pytest.mark.parametrize("kif", KIFS)
def test_full_device_is_enospc(lab, kif):
    if kif == "bus":
        target = "/sys/bus/fcoe/ctlr_destroy"
    else:
        target = f"{param_dir(kif)}/destroy"
    a = lab.start(kifs=(kif,), extra_setup=f"mount --bind /dev/full {target}")
    a.hello()
    m = a.request(fcp.FCOE_DESTROY, fcp.ifreq("veth0"))
    assert m.status == errno.ENOSPC, m
    check_end(a.end_record(m.seq), op="fcoe_destroy", args=[("ifname", "veth0")],
              kif=kif, result="fail", err=errno.ENOSPC)


def test_no_kernel_interface_is_enopkg(lab):
    a = lab.start(kifs=())
    assert a.hello().kif == fcp.KIF_NONE
    for op, mode in OPS[:5]:
        m = a.request(op, payload(op, mode=mode or 0))
        assert m.status == errno.ENOPKG, (fcp.TYPE_NAMES[op], m)
        check_end(a.end_record(m.seq), op=fcp.TYPE_NAMES[op],
                  args=args_of(op, mode=mode or 0), kif="none", result="fail",
                  err=errno.ENOPKG)
    assert a.sysfs.take() == {}


def test_no_kernel_interface_reset_scan(lab):
    """Empty tree: no FCoE module and no controller: an error, no write."""
    a = lab.start(kifs=(), ctlrs={})
    a.hello()
    for op in (fcp.FCOE_RESET, fcp.FCOE_SCAN):
        m = a.request(op, fcp.ifreq("veth0"))
        assert m.status in (errno.ENOPKG, errno.ENOENT), m
    assert a.sysfs.take() == {}


def test_write_goes_to_the_interface_named(lab):
    """Two controllers: each request touches only its own interface's files."""
    a = lab.start(ctlrs={"veth0": (0, 2), "veth1": (3, 7)})
    a.hello()
    m = a.request(fcp.FCOE_DISABLE, fcp.ifreq("veth1"))
    assert m.status == 0
    assert a.sysfs.take() == {f"{ctlr_dir('veth1', 3)}/enabled": b"0"}
    m = a.request(fcp.FCOE_RESET, fcp.ifreq("veth1"))
    assert m.status == 0
    assert a.sysfs.take() == {issue_lip("veth1", 3, 7): b"1"}
    check_end(a.end_record(m.seq), op="fcoe_reset", args=[("ifname", "veth1")],
              kif="bus", result="ok", err=0, obj="host7")
    m = a.request(fcp.FCOE_CREATE, fcp.fcoe_create("veth1", fcp.MODE_VN2VN))
    assert m.status == 0
    assert a.sysfs.take() == {"/sys/bus/fcoe/ctlr_create": b"veth1",
                              f"{ctlr_dir('veth1', 3)}/mode": b"VN2VN",
                              f"{ctlr_dir('veth1', 3)}/enabled": b"1"}
    assert a.end_record(m.seq)["obj"] == "ctlr_3"


def test_enable_never_trusts_the_ctlr_it_found_before(lab):
    """The actuator remembers which ctlr it found under an interface (an
    enable after a flap then needs no directory read), but only as a guess
    that the open proves: once veth0's ctlr_0 is destroyed and ctlr_1 made
    (by fcoeadm, another daemon), the next enable writes ctlr_1 and names
    it; with no ctlr left, a disable fails ENOENT and writes nothing, not
    even to veth1's ctlr_0."""
    a = lab.start(ctlrs={"veth0": (0, 2), "veth1": (3, 4)})
    assert a.hello().kif == fcp.KIF_BY_NAME["bus"]
    for on in (fcp.FCOE_ENABLE, fcp.FCOE_DISABLE, fcp.FCOE_ENABLE):
        m = a.request(on, fcp.ifreq("veth0"))
        assert m.status == 0, m
        check_end(a.end_record(m.seq), op=fcp.TYPE_NAMES[on],
                  args=[("ifname", "veth0")], kif="bus", result="ok", err=0,
                  obj="ctlr_0", pri=PRI_NOTICE)
    a.sysfs.take()
    a.sysfs.remove(CTLR)
    new = ctlr_dir("veth0", 1)
    a.sysfs._file(a.sysfs.host_path(f"{new}/enabled").relative_to(a.sysfs.stage))
    a.sysfs.take()
    m = a.request(fcp.FCOE_ENABLE, fcp.ifreq("veth0"))
    assert m.status == 0, m
    assert a.sysfs.take() == {f"{new}/enabled": b"1"}
    check_end(a.end_record(m.seq), op="fcoe_enable", args=[("ifname", "veth0")],
              kif="bus", result="ok", err=0, obj="ctlr_1", pri=PRI_NOTICE)
    a.sysfs.remove(new)
    a.sysfs.take()
    m = a.request(fcp.FCOE_DISABLE, fcp.ifreq("veth0"))
    assert m.status == errno.ENOENT, m
    assert a.sysfs.take() == {}
    check_end(a.end_record(m.seq), op="fcoe_disable", args=[("ifname", "veth0")],
              kif="bus", result="fail", err=errno.ENOENT, obj=None, pri=PRI_NOTICE)
    assert a.alive()


def test_libfcoe_enable_after_a_reset_writes_the_parameter(lab):
    """Only a ctlr found on the bus path is remembered: on libfcoe's
    parameters, a reset (which finds the host under the ctlr) and then an
    enable write libfcoe's `enable`, never the ctlr's `enabled`."""
    a = lab.start(kifs=("libfcoe",))
    assert a.hello().kif == fcp.KIF_BY_NAME["libfcoe"]
    m = a.request(fcp.FCOE_RESET, fcp.ifreq("veth0"))
    assert m.status == 0, m
    assert a.sysfs.take() == {issue_lip("veth0"): b"1"}
    for op, f in ((fcp.FCOE_ENABLE, "enable"), (fcp.FCOE_DISABLE, "disable")):
        m = a.request(op, fcp.ifreq("veth0"))
        assert m.status == 0, m
        assert a.sysfs.take() == {f"{param_dir('libfcoe')}/{f}": b"veth0"}
        check_end(a.end_record(m.seq), op=fcp.TYPE_NAMES[op],
                  args=[("ifname", "veth0")], kif="libfcoe", result="ok", err=0,
                  obj=None, pri=PRI_NOTICE)
