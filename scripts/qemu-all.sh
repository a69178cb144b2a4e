#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make qemu-test: boot every machine of qemu/machines/ (scripts/qemu.sh),
# QEMU_JOBS at a time (default 2: on this 2-core machine a guest mostly
# waits on one vCPU, and two boots side by side take about half as long).
# The longest first, by each machine's time in the last run (its report),
# else by its estimate (a cold run has no report), else by its timeout;
# each machine's report is printed whole when it ends.  Exits non-zero if any machine failed.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

need xargs flock
jobs=${QEMU_JOBS:-2}
order() {
	local f m secs
	for f in "$TOP"/qemu/machines/*; do
		m=${f##*/}
		secs=$(sed -n 's/.*boots and powers off within [0-9]*s (took \([0-9]*\)s.*/\1/p' \
			"$OUT/qemu-$m.report" 2>/dev/null | tail -1)
		[ -n "$secs" ] ||
			secs=$(sed -n 's/^estimate \([0-9]*\)$/\1/p' "$f" | tail -1)
		[ -n "$secs" ] ||
			secs=$(sed -n 's/^timeout \([0-9]*\)$/\1/p' "$f" | tail -1)
		echo "${secs:-180} $m"
	done | sort -rn | cut -d' ' -f2
}

mkdir -p "$OUT"
order | xargs -P "$jobs" -I{} bash -c '
	bash "$1/scripts/qemu.sh" "$2" > "$3/qemu-$2.report.new" 2>&1
	st=$?
	mv "$3/qemu-$2.report.new" "$3/qemu-$2.report"
	flock "$3/qemu-all.lock" cat "$3/qemu-$2.report"
	exit $st' _ "$TOP" {} "$OUT"
