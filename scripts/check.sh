#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make check: every test stage, then one line "N passed, N failed" that
# adds up out/results/*.  Exits non-zero if anything failed.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

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
for stage in "$@"; do
	start=$(date +%s)
	echo "=== $stage"
	if ! make -s -C "$TOP" "$stage"; then
		status=1
		echo "$stage failed"
	fi
	echo "=== $stage: $(( $(date +%s) - start ))s"
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
