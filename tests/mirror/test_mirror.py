# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
"""Build check (no daemon process): the tests' Python codecs of the wire
formats agree with the C headers they mirror.

For each header the test reads which enums, numeric and string #defines and
wire structs (those with a _Static_assert on their size) it declares,
writes a C program that prints the value of each, the size, offset and
signedness of each struct field and the C names of enum values, builds it
with the header's sources and compares the output with the module's
C_MIRROR table, both ways: a name one side has and the other lacks fails,
as does any value, size or offset that differs.  Python's struct formats
are packed ("<"), so an offset that differs also catches padding the
compiler added.
"""

import os
import pathlib
import re
import struct
import subprocess
import sys
import tempfile

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "integration"))
import ctlrec  # noqa: E402
import fcp  # noqa: E402

MIRRORS = {"fcp.py": fcp.C_MIRROR, "ctlrec.py (ctl)": ctlrec.CTL_MIRROR,
           "ctlrec.py (clif)": ctlrec.CLIF_MIRROR}
CC = os.environ.get("CC", "cc")


def parse_header(text):
    """What a header declares: {enum: [member]}, {define: 'num'|'str'},
    {wire struct: [(field, is_array)]}."""
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"//[^\n]*", " ", text)
    enums = {}
    for m in re.finditer(r"\benum\s+(\w+)\s*\{([^}]*)\}", text):
        enums[m.group(1)] = [x.split("=")[0].strip()
                             for x in m.group(2).split(",") if x.strip()]
    consts = {}
    for m in re.finditer(r"^[ \t]*#[ \t]*define[ \t]+(\w+)[ \t]+(\S.*?)\s*$",
                         text, re.M):
        v = m.group(2)
        if re.fullmatch(r"(0[xX][0-9a-fA-F]+|\d+)[uUlL]*", v):
            consts[m.group(1)] = "num"
        elif re.fullmatch(r'"[^"\\]*"', v):
            consts[m.group(1)] = "str"
    wire = set(re.findall(r"_Static_assert\s*\(\s*sizeof\s*\(\s*struct\s+"
                          r"(\w+)\s*\)", text))
    structs = {}
    for m in re.finditer(r"\bstruct\s+(\w+)\s*\{([^}]*)\}\s*;", text):
        if m.group(1) not in wire:
            continue
        fields = []
        for decl in m.group(2).split(";"):
            f = re.search(r"(\w+)\s*(\[[^\]]*\])?\s*$", decl.strip())
            if f:
                fields.append((f.group(1), f.group(2) is not None))
        structs[m.group(1)] = fields
    return enums, consts, structs


def c_program(header, mirror, enums, consts, structs):
    out = ["#include <stddef.h>", "#include <stdio.h>",
           f'#include "{header}"', "int main(void) {"]
    for e, members in enums.items():
        for n in members:
            out.append(f'printf("enum {e} {n} %lld\\n", (long long){n});')
    for n, kind in consts.items():
        if kind == "num":
            out.append(f'printf("const {n} %lld\\n", (long long)({n}));')
        else:
            out.append(f'printf("str {n} %s\\n", {n});')
    for s, fields in structs.items():
        out.append(f'printf("struct {s} %zu\\n", sizeof(struct {s}));')
        for f, array in fields:
            m = f"((struct {s} *)0)->{f}"
            sign = "0" if array else f"((__typeof__({m}))-1 < 0)"
            out.append(f'printf("field {s} {f} %zu %zu %d\\n", '
                       f"offsetof(struct {s}, {f}), sizeof({m}), {sign});")
    for e, (func, _) in mirror.get("names", {}).items():
        for n in enums.get(e, []):
            out.append(f'printf("name {e} %lld %s\\n", (long long){n}, '
                       f'{func}({n}) ? {func}({n}) : "(null)");')
    out += ["return 0;", "}"]
    return "\n".join(out) + "\n"


def run_c(tmp_path, header, mirror):
    enums, consts, structs = parse_header((ROOT / header).read_text())
    src = tmp_path / "mirror.c"
    src.write_text(c_program(header, mirror, enums, consts, structs))
    exe = tmp_path / "mirror"
    cc = subprocess.run([CC, "-std=gnu11", "-D_GNU_SOURCE", "-I", str(ROOT),
                         "-o", str(exe), str(src),
                         *[str(ROOT / s) for s in mirror["sources"]]],
                        capture_output=True, text=True)
    assert cc.returncode == 0, f"building the {header} printer:\n{cc.stderr}"
    res = subprocess.run([str(exe)], capture_output=True, text=True,
                         check=True)
    got = {"enum": {}, "const": {}, "struct": {}, "field": {}, "name": {}}
    for line in res.stdout.splitlines():
        kind, rest = line.split(" ", 1)
        if kind == "enum":
            e, n, v = rest.split(" ")
            got["enum"].setdefault(e, {})[n] = int(v)
        elif kind in ("const", "str"):
            n, v = rest.split(" ", 1)
            got["const"][n] = int(v) if kind == "const" else v
        elif kind == "struct":
            s, size = rest.split(" ")
            got["struct"][s] = int(size)
        elif kind == "field":
            s, f, off, size, signed = rest.split(" ")
            got["field"].setdefault(s, []).append(
                (f, int(off), int(size), signed == "1"))
        elif kind == "name":
            e, v, n = rest.split(" ", 2)
            got["name"].setdefault(e, {})[int(v)] = n
    return got


def both_ways(what, c_names, py_names, header, module):
    only_c = sorted(set(c_names) - set(py_names))
    only_py = sorted(set(py_names) - set(c_names))
    assert not only_c, f"{header} has {what} {only_c} that {module} lacks"
    assert not only_py, f"{module} has {what} {only_py} that {header} lacks"


def py_fields(fields):
    """(name, offset, size, signed) of a packed struct format."""
    out, off = [], 0
    for name, f in fields:
        size = struct.calcsize("<" + f)
        out.append((name, off, size, f[-1] in "bhilq"))
        off += size
    return out, off


@pytest.fixture(params=list(MIRRORS), scope="module")
def mirror(request, tmp_path_factory):
    m = MIRRORS[request.param]
    got = run_c(tmp_path_factory.mktemp("mirror"), m["header"], m)
    return request.param, m, got


def test_enums(mirror):
    module, m, got = mirror
    c = {e: v for e, v in got["enum"].items() if e not in m["not_mirrored"]}
    both_ways("enums", c, m["enums"], m["header"], module)
    for e, members in c.items():
        both_ways(f"enum {e} members", members, m["enums"][e], m["header"],
                  module)
        assert members == m["enums"][e], f"enum {e}: {m['header']} has " \
            f"{members}, {module} {m['enums'][e]}"


def test_enum_names(mirror):
    module, m, got = mirror
    for e, (func, names) in m.get("names", {}).items():
        c = {v: n for v, n in got["name"].get(e, {}).items()
             if not n.startswith("(null)")}
        # the _MAX end marker is a member but names nothing
        c = {v: n for v, n in c.items()
             if v in names or v != max(got["enum"][e].values())}
        assert c == names, f"{func}() names {c}, {module} {names}"


def test_consts(mirror):
    module, m, got = mirror
    both_ways("constants", got["const"], m["consts"], m["header"], module)
    for n, v in got["const"].items():
        assert m["consts"][n] == v, f"{n}: {m['header']} {v!r}, " \
            f"{module} {m['consts'][n]!r}"


def test_structs(mirror):
    module, m, got = mirror
    both_ways("wire structs", got["struct"], m["structs"], m["header"],
              module)
    for s, size in got["struct"].items():
        fields, py_size = py_fields(m["structs"][s])
        both_ways(f"struct {s} fields", [f[0] for f in got["field"][s]],
                  [f[0] for f in fields], m["header"], module)
        assert got["field"][s] == fields, \
            f"struct {s}: {m['header']} (name, offset, size, signed) " \
            f"{got['field'][s]}, {module} {fields}"
        assert size == py_size, f"sizeof(struct {s}) {size}, {module} " \
            f"{py_size}"


def test_fcp_table():
    """Each request type's payload sizes and name as proto/fcp.c's table."""
    types = [n for n in fcp.C_MIRROR["enums"]["fcp_type"]
             if not n.endswith("_MAX")]
    prog = ["#include <stdio.h>", '#include "proto/fcp.h"',
            "int main(void) { const struct fcp_msg *m; unsigned t;",
            "for (t = 0; t < FCP_TYPE_MAX + 4; t++) {",
            "if ((m = fcp_msg(t)) == NULL) continue;",
            'printf("%u %s %u %u\\n", t, m->name, (unsigned)m->req_size,'
            " (unsigned)m->rep_size); } return 0; }"]
    got = compile_and_run("\n".join(prog), ["proto/fcp.c"])
    c = {int(t): (n, int(q), int(r)) for t, n, q, r in
         (line.split() for line in got.splitlines())}
    py = {v: (fcp.TYPE_NAMES[v], *fcp.SIZES[v]) for v in fcp.SIZES
          if v not in fcp.NOTICES}
    assert types, "fcp.py mirrors no type"
    assert c == py, f"proto/fcp.c's table {c}, fcp.py {py}"


def test_fcp_notices():
    """Each notice type's sizes and name as proto/fcp.c's notice table, and
    no type is both a request and a notice (the direction of each)."""
    prog = ["#include <stdio.h>", '#include "proto/fcp.h"',
            "int main(void) { const struct fcp_notice *m; unsigned t;",
            "for (t = 0; t < FCP_TYPE_MAX + 4; t++) {",
            "if ((m = fcp_notice(t)) == NULL) continue;",
            'printf("%u %s %u %u %d\\n", t, m->name, (unsigned)m->size,'
            " (unsigned)m->max_extra, fcp_msg(t) != NULL); } return 0; }"]
    got = compile_and_run("\n".join(prog), ["proto/fcp.c"])
    c = {int(t): (n, int(s), int(x), int(r)) for t, n, s, x, r in
         (line.split() for line in got.splitlines())}
    py = {v: (fcp.TYPE_NAMES[v], *fcp.NOTICES[v], 0) for v in fcp.NOTICES}
    assert c == py, f"proto/fcp.c's notice table {c}, fcp.py {py}"


def test_lldpad_queries():
    """fcp.lldpad_bytes() says what fcp_lldpad_format() writes."""
    prog = ["#include <stdio.h>", '#include "proto/fcp.h"',
            "int main(void) { char out[64]; unsigned k;",
            'char name[FCP_IFNAMSIZ] = "eth2", none[FCP_IFNAMSIZ] = "";',
            "for (k = 0; k < FCP_LQ_MAX; k++) {",
            "int n = fcp_lldpad_format(k, name, out, sizeof(out));",
            "if (n <= 0) n = fcp_lldpad_format(k, none, out, sizeof(out));",
            "/* attach, detach and ping take no name */",
            'if (n > 0) printf("%u %.*s\\n", k, n, out); } return 0; }']
    got = compile_and_run("\n".join(prog), ["proto/fcp.c"])
    c = dict((int(k), v) for k, v in (line.split() for line in
                                        got.splitlines()))
    py = {k: fcp.lldpad_bytes(k, "eth2").decode() for k in fcp.LQ_NAMES}
    assert c == py


def compile_and_run(src, sources):
    with tempfile.TemporaryDirectory() as d:
        p = pathlib.Path(d)
        (p / "t.c").write_text(src)
        cc = subprocess.run([CC, "-std=gnu11", "-D_GNU_SOURCE", "-I",
                             str(ROOT), "-o", str(p / "t"), str(p / "t.c"),
                             *[str(ROOT / s) for s in sources]],
                            capture_output=True, text=True)
        assert cc.returncode == 0, cc.stderr
        return subprocess.run([str(p / "t")], capture_output=True,
                              text=True, check=True).stdout
