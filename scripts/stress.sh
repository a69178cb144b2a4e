#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make stress: the registry's stress cases for STRESS_MS each (default
# 30000) instead of make check's 1000: under UML (lockdep, KASAN), then on
# the its machine (KASAN, beside VFIO) and its-kcsan (KCSAN: a kernel of
# its own, out/arm64/Image-kcsan, and a machine of qemu/stress/, as
# neither is part of make check).  The figures are the suites' own lines:
# operations per second, register/unregister pairs beside VFIO, MSIs
# raised and arrived.  Then the fault sweeps (qemu/stress/its-faults,
# its-faults-cdev), upstream's iommufd selftest (its-iommufd) and its
# iommufd_fail_nth (its-iommufd-fail-nth): too long for make check.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
need python3

ms=${STRESS_MS:-30000}
arg="msi_doorbell_stress_kunit.stress_ms=$ms"
rc=0
mkdir -p "$OUT"
(cd "$TREE" && python3 tools/testing/kunit/kunit.py run \
	--arch=um --jobs="$(nproc)" --timeout=$((ms / 1000 * 4 + 600)) \
	--build_dir="$BUILD/uml" \
	$(for d in $KUNIT_DIRS; do echo "--kunitconfig=$d"; done) \
	--kunitconfig="$TOP/kunit/.kunitconfig" \
	--make_options "CC=ccache gcc" --kernel_args "$arg" \
	'msi_doorbell_stress*') > "$OUT/stress-uml.log" 2>&1 || rc=1
# The suites' own lines are in the raw console, kunit.py's tally in its log.
grep -a "# msi_doorbell_stress_test: " "$BUILD/uml/test.log" | sed 's/^ *#/uml: #/'
grep -a "Ran [0-9]* tests" "$OUT/stress-uml.log" | sed 's/^\[[0-9:]*\] */uml: /'
bash "$TOP/scripts/kernel.sh" arm64-kcsan || exit 1
for m in machines/its stress/its-kcsan; do
	d=$TOP/qemu/${m%/*}
	m=${m#*/}
	# The stress case at boot, each program once: slack.
	QEMU_APPEND="$arg" QEMU_TIMEOUT=$((ms / 1000 * 12 + 900)) MACHINES_DIR=$d \
		bash "$TOP/scripts/qemu.sh" $m > "$OUT/stress-$m.out" 2>&1 || rc=1
	grep -a "# msi_doorbell_stress_test: " \
		"$OUT/qemu-$m.console" | sed "s/^ *#/$m: #/"
	tail -1 "$OUT/stress-$m.out"
done
# The fault sweeps (type1, then vfio cdev and iommufd) and upstream's
# iommufd selftest: machines of qemu/stress/, too long for make check.
for m in its-faults its-faults-cdev its-iommufd; do
	MACHINES_DIR=$TOP/qemu/stress bash "$TOP/scripts/qemu.sh" $m \
		> "$OUT/stress-$m.out" 2>&1 || rc=1
	grep -a "boots and powers off\|kmemleak:" "$OUT/stress-$m.out" |
		sed 's/^[a-zA-Z]* *//'
	tail -1 "$OUT/stress-$m.out"
done
# iommufd's own fault sweep, upstream's iommufd_fail_nth, on the mock
# IOMMU: its cases and their time, with the machine's own timeout.
MACHINES_DIR=$TOP/qemu/stress bash "$TOP/scripts/qemu.sh" its-iommufd-fail-nth \
	> "$OUT/stress-its-iommufd-fail-nth.out" 2>&1 || rc=1
grep -a "boots and powers off\|\[kselftest\] [0-9]* of" "$OUT/stress-its-iommufd-fail-nth.out" |
	sed 's/^[a-zA-Z]* *//'
tail -1 "$OUT/stress-its-iommufd-fail-nth.out"
exit $rc
