#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# KUnit through kunit.py, as a maintainer runs it: each .kunitconfig of
# the series, with lockdep and KASAN on top (kunit/.kunitconfig).
#   make kunit                  UML: the directories that build there
#                               (KUNIT_DIRS)
#     ./tools/testing/kunit/kunit.py run --kunitconfig=kernel/irq
#   KUNIT_ARCH=arm64 make kunit kunit.py's own arm64 QEMU machine, no extra
#                               device: every directory (KUNIT_DIRS_ARM64)
#     ./tools/testing/kunit/kunit.py run --kunitconfig=DIR --arch=arm64 \
#         --cross_compile=aarch64-linux-gnu- \
#         --kconfig_add CONFIG_OF_OVERLAY=y \
#         --kconfig_add CONFIG_GIC_V5_MSI_DOORBELL_KUNIT_TEST=y \
#         --qemu_args='-machine gic-version=3,its=off'
#   The GICv5 suite is added to drivers/irqchip's .kunitconfig on the
#   command line: it builds on arm64 only, and that .kunitconfig is
#   upstream's, for UML too.  A GICv3 without ITS registers no doorbell,
#   so the registry's suite runs whole (kunit.py's virt machine has a
#   GICv2m frame otherwise).
# make check runs neither: its arm64 test kernel runs the same suites, as
# modules, on the machine qemu/machines/kunit and at every boot; a
# kunit.py kernel would be one more cold build.  Writes
# out/kunit[-ARCH].log and out/results/kunit[-ARCH] ("passed failed").
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need make gcc ccache bc bison flex perl python3 git

arch=${KUNIT_ARCH:-um}
case "$arch" in
um)	dirs=$KUNIT_DIRS
	build=$BUILD/uml
	name=kunit
	archopts=(--arch=um --make_options "CC=ccache gcc") ;;
arm64)	need aarch64-linux-gnu-gcc qemu-system-aarch64
	dirs=$KUNIT_DIRS_ARM64
	build=$BUILD/kunit-arm64
	name=kunit-arm64
	archopts=(--arch=arm64 --cross_compile=aarch64-linux-gnu-
		  --make_options "CC=ccache aarch64-linux-gnu-gcc"
		  --kconfig_add CONFIG_OF_OVERLAY=y
		  --kconfig_add CONFIG_GIC_V5_MSI_DOORBELL_KUNIT_TEST=y
		  --qemu_args='-machine gic-version=3,its=off') ;;
*)	die "KUNIT_ARCH=$arch: um or arm64" ;;
esac

mkdir -p "$OUT/results" "$build"
log=$OUT/$name.log
rm -f "$OUT/results/$name"

cd "$TREE"
set +e
python3 tools/testing/kunit/kunit.py run \
	"${archopts[@]}" --jobs="$(nproc)" --timeout=600 \
	--build_dir="$build" \
	$(for d in $dirs; do echo "--kunitconfig=$d"; done) \
	--kunitconfig="$TOP/kunit/.kunitconfig" \
	--json="$OUT/$name.json" > "$log" 2>&1
rc=$?
set -e

# The parser's tally: "Ran N tests: passed: P, failed: F, skipped: S".
tally=$(grep -a "Ran [0-9]* tests" "$log" | tail -1 || true)
passed=$(echo "$tally" | sed -n 's/.*passed: \([0-9]*\).*/\1/p')
failed=$(echo "$tally" | sed -n 's/.*failed: \([0-9]*\).*/\1/p')
passed=${passed:-0}
failed=${failed:-0}
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
	failed=1	# build error, crash or timeout: no tally to trust
fi
# The whole console is also checked for splats the tests would not see:
# no WARN is expected, none is filtered out.
console=$OUT/$name-console.log
cp "$build/test.log" "$console" 2>/dev/null || : > "$console"
if grep -aE "BUG:|INFO: possible|WARNING:|Kernel panic|Oops" "$console"; then
	echo "$name: a KASAN, lockdep or kernel splat is in $console" >&2
	failed=$((failed + 1))
fi
echo "$passed $failed" > "$OUT/results/$name"
grep -a -E "^\[[0-9:]+\] (=+|\[|Testing|Ran|Elapsed)" "$log" | sed 's/^\[[0-9:]*\] //' |
	grep -v "^\[PASSED\]" || true
echo "$name: $passed passed, $failed failed (log: $log)"
[ "$failed" -eq 0 ]
