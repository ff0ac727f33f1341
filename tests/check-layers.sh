#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# The monitor's rooms (doc/HACKING): which room may include which, no
# libevent or libnl below the control servers, and no call circle between
# monitor files (the objects' symbols, nm, fed to tsort).  Prints the table;
# fails on the first kind of violation it finds, after listing them all.
cd "$(dirname "$0")/.." || exit 1
fail=0
no() { echo "FAIL: $*"; fail=1; }

# room: the rooms (and top-level directories) its files may include, its
# own always allowed.  Listed top to bottom: a room includes only rooms
# listed after it.  main is monitor/main.c.
TABLE='main    io control engine dcb config wire util proto privsep
io      control engine dcb config wire util proto privsep
control engine dcb config wire util proto common
engine  dcb config wire util proto common
dcb     wire util
config  util
wire    util proto
util    -'
# Rooms that must stay pure of the event loop and of netlink.
PURE='engine dcb wire config util'

echo "room     may include (besides itself)"
echo "$TABLE" | awk '{ printf "%-8s", $1; for (i = 2; i <= NF; i++)
	printf " %s", $i; print "" }'
echo "no <event2/...> or <netlink/...> in: $PURE"
echo "  (but wire/ may parse with libnl's <netlink/msg.h> and <netlink/attr.h>:"
echo "   bytes in, struct out, no socket and no cache)"

# doc/HACKING shows the same table: every line of it must be there.
echo "$TABLE" | while read -r line; do
	norm=$(echo "$line" | tr -s ' ')
	tr -s ' ' < doc/HACKING | grep -qxF " $norm" ||
	    { echo "FAIL: doc/HACKING lacks the table line: $line"; exit 1; }
done || fail=1

room_of() {	# monitor/engine/eng_run.c -> engine; monitor/main.c -> main
	case $1 in
	monitor/*/*) r=${1#monitor/}; echo "${r%%/*}" ;;
	monitor/*) echo main ;;
	*) r=${1%%/*}; echo "$r" ;;
	esac
}

allowed() {	# room target -> 0 if room may include target
	[ "$1" = "$2" ] && return 0
	echo "$TABLE" | awk -v r="$1" -v t="$2" '$1 == r { for (i = 2; i <= NF;
	    i++) if ($i == t) ok = 1 } END { exit !ok }'
}

rank() {	# position in the table, 0 = top
	echo "$TABLE" | awk -v r="$1" '$1 == r { print NR - 1; f = 1 }
	    END { if (!f) print 99 }'
}

files=$(find monitor -name '*.[ch]' | sort)
for f in $files; do
	room=$(room_of "$f")
	if ! echo "$TABLE" | awk -v r="$room" '$1 == r { f = 1 } END { exit !f }'
	then
		no "$f: room '$room' is not in the table"
		continue
	fi
	for inc in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f"); do
		case $inc in
		*/*) ;;
		*) no "$f: #include \"$inc\" is not rooted (-I.)"; continue ;;
		esac
		t=$(room_of "$inc")
		if ! allowed "$room" "$t"; then
			if [ "$(rank "$t")" -lt "$(rank "$room")" ]; then
				no "$f: $room includes $inc, a room above it"
			else
				no "$f: $room may not include $inc ($t)"
			fi
		fi
	done
	case " $PURE " in
	*" $room "*)
		if grep -nE '^[[:space:]]*#[[:space:]]*include[[:space:]]*<(event2|netlink)/' "$f" |
		    { [ "$room" = wire ] && grep -vE '<netlink/(msg|attr)\.h>' || cat; } |
		    grep .; then
			no "$f: $room includes libevent or libnl"
		fi ;;
	esac
done

# Call circles: an edge from each object to the objects defining what it
# calls; tsort reports a loop.  Files calling each other inside one file
# are not edges.
make -s build/fcoemond-monitor >/dev/null || no "make build/fcoemond-monitor"
objs=$(find build/mon/monitor -name '*.o' | sort)
tmp=$(mktemp)
trap 'rm -f "$tmp" "$tmp.def" "$tmp.edges"' EXIT
for o in $objs; do
	nm --defined-only -g "$o" | awk -v o="$o" 'NF == 3 { print $3, o }'
done | sort > "$tmp.def"
for o in $objs; do
	nm -u "$o" | awk -v o="$o" '{ print $NF, o }'
done | sort | join - "$tmp.def" | awk '$2 != $3 { print $2, $3 }' |
    sed 's|build/mon/||g; s|\.o\>|.c|g' | sort -u > "$tmp.edges"
if ! tsort "$tmp.edges" > /dev/null 2> "$tmp"; then
	no "call circle between monitor files:"
	sed 's/^tsort: /  /' "$tmp"
fi
echo "calls between monitor files: $(wc -l < "$tmp.edges") edges, checked for circles"
# A call into a room the table does not allow is a violation too.
while read -r from to; do
	allowed "$(room_of "$from")" "$(room_of "$to")" ||
	    no "$from calls $to ($(room_of "$from") -> $(room_of "$to"))"
done < "$tmp.edges"

[ "$fail" = 0 ] && echo "layers: ok"
exit "$fail"
