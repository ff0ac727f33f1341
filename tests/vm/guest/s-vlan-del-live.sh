# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# Scenario "vlan-del-live" (tests/vm/run.sh): "vlan", but the VLAN is
# deleted while up, as an admin would: on 6.1 the daemon's disable (the
# unregister's own link-down event) races the unregister and the kernel
# deadlocks (repro-vlan-del-deadlock.sh shows it without any daemon).  Runs
# last: when it wedges, rtnl stays held and nothing else can run.
LIVE=1
. /guest/s-vlan.sh
