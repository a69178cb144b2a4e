#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make check: every test stage, then one line "N passed, N failed" that
# adds up out/results/*.  Exits non-zero if anything failed.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
need renice

rm -rf "$OUT/results"
mkdir -p "$OUT/results"
status=0
# The rig's QEMU builds beside the first stages, at the lowest priority:
# it takes what a kernel build leaves idle (links, modpost, the walk
# between commits).  make qemu-test waits for it (make qemu).
# So does the VMM of the *-vmm machines (make initramfs waits for it).
if [ -n "${QEMU_LATER:-}" ]; then
	nice -n 19 bash "$TOP/scripts/qemu-build.sh" > "$OUT/qemu-build.log" 2>&1 &
	qemu_build=$!
	bash "$TOP/scripts/vmm-root.sh" > "$OUT/vmm-root.log" 2>&1 &
	vmm_root=$!
fi
# A stage written A+B runs make A and, at the lowest priority, make B
# beside it, once the boots' prerequisites are made (the kernel, the
# initramfs and the rig's QEMU: qemu-test's, made here first, so that
# neither of the two makes builds in the kernel's build directory while
# the other does).  lint beside qemu-test: two guests leave about a
# tenth of the two cores idle (warm, 7 %), which lint takes; at the same
# priority it would take half of the guests' time, and a boot of
# upstream's selftests would run twice as long.  A's output is printed
# as it comes, B's when B ends.
stage() {	# stage NAME [VAR=VALUE]: make NAME, timed; non-zero if it failed
	local start=$(date +%s) rc=0
	echo "=== $1"
	make -s -C "$TOP" "$@" || rc=$?
	[ $rc = 0 ] || echo "$1 failed"
	echo "=== $1: $(( $(date +%s) - start ))s"
	return $rc
}
for s in "$@"; do
	case "$s" in
	*+*)
		a=${s%%+*}
		b=${s#*+}
		stage boots || { status=1; continue; }
		(renice -n 19 $BASHPID > /dev/null
		 stage "$b") > "$OUT/check-$b.out" 2>&1 &
		pid=$!
		stage "$a" BUILT=1 || status=1
		wait $pid || status=1
		cat "$OUT/check-$b.out"
		;;
	*)
		stage "$s" || status=1
		;;
	esac
done
if [ -n "${vmm_root:-}" ] && ! wait "$vmm_root"; then
	status=1
	echo "the VMM was not fetched: $OUT/vmm-root.log"
fi
if [ -n "${qemu_build:-}" ] && ! wait "$qemu_build"; then
	status=1
	echo "the rig's QEMU did not build: $OUT/qemu-build.log"
fi
passed=0
failed=0
regress=0
for r in "$OUT"/results/*; do
	read -r p f g < "$r"
	passed=$((passed + p))
	failed=$((failed + f))
	regress=$((regress + ${g:-0}))
done
# Checks that stock 7.3 passes too guard against regressions; they prove
# nothing of the series.  Say how many there are, apart.
echo "of the checks, $regress are regression checks that stock 7.3 passes too"
# A stage that failed without counting anything still counts as a failure.
if [ $status -ne 0 ] && [ $failed -eq 0 ]; then
	failed=1
fi
[ $failed -eq 0 ] || status=1
echo "$passed passed, $failed failed"
exit $status
