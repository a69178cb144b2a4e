#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# KUnit under UML: each .kunitconfig of the series (KUNIT_DIRS), run as a
# maintainer runs it,
#   ./tools/testing/kunit/kunit.py run --kunitconfig=DIR
# with lockdep and KASAN on top (kunit/.kunitconfig).  Suites that need
# arm64 or a real device run in the arm64 test kernel at boot (qemu/).
# Writes out/kunit.log and out/results/kunit ("passed failed").
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need make gcc ccache bc bison flex perl python3 git

mkdir -p "$OUT/results" "$BUILD/uml"
log=$OUT/kunit.log
rm -f "$OUT/results/kunit"

cd "$TREE"
set +e
python3 tools/testing/kunit/kunit.py run \
	--arch=um --jobs="$(nproc)" --timeout=600 \
	--build_dir="$BUILD/uml" \
	$(for d in $KUNIT_DIRS; do echo "--kunitconfig=$d"; done) \
	--kunitconfig="$TOP/kunit/.kunitconfig" \
	--make_options "CC=ccache gcc" \
	--json="$OUT/kunit.json" > "$log" 2>&1
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
console=$OUT/kunit-console.log
cp "$BUILD/uml/test.log" "$console" 2>/dev/null || : > "$console"
if grep -aE "BUG:|INFO: possible|WARNING:|Kernel panic|Oops" "$console"; then
	echo "kunit: a KASAN, lockdep or kernel splat is in $console" >&2
	failed=$((failed + 1))
fi
echo "$passed $failed" > "$OUT/results/kunit"
grep -a -E "^\[[0-9:]+\] (=+|\[|Testing|Ran|Elapsed)" "$log" | sed 's/^\[[0-9:]*\] //' |
	grep -v "^\[PASSED\]" || true
echo "kunit: $passed passed, $failed failed (log: $log)"
[ "$failed" -eq 0 ]
