#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Static checks, zero warnings being the bar:
#  - scripts/checkpatch.pl --strict on every patch of out/patches/;
#  - sparse (C=2) and W=1 on every C file the series adds or changes, in
#    each kernel configuration that builds it;
#  - scripts/kernel-doc -none -Wall on the C files and headers it adds.
# Writes out/lint.log and out/results/lint ("passed failed", one per check).
set -uo pipefail
. "$(dirname "$0")/lib.sh"

mkdir -p "$OUT/results"
log=$OUT/lint.log
: > "$log"
passed=0
failed=0

result() {	# result NAME OK? DETAILS-FILE
	if [ "$2" = 0 ]; then
		passed=$((passed + 1))
		echo "ok   $1"
	else
		failed=$((failed + 1))
		echo "FAIL $1"
		sed 's/^/     /' "$3"
	fi
	{ echo "== $1"; cat "$3"; } >> "$log"
}

tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT

# Files of the series: added ones, and the ones the diffs change.
changed=$(git -C "$TREE" diff --name-only refs/tags/pristine series)
added=$(git -C "$TREE" diff --name-only --diff-filter=A refs/tags/pristine series)

for p in "$OUT"/patches/0*.patch; do
	case "$p" in */0000-cover-letter.patch) continue ;; esac
	(cd "$TREE" && ./scripts/checkpatch.pl --strict --no-summary \
		--show-types "$p") > "$tmp" 2>&1
	result "checkpatch --strict $(basename "$p")" $? "$tmp"
done

for f in $(echo "$changed" | grep '\.c$'); do
	obj=${f%.c}.o
	built=0
	for k in $(kinds); do
		[ -f "$BUILD/$k/$obj" ] || continue
		built=1
		kmake "$k" C=2 W=1 "$obj" > "$tmp.out" 2>&1
		rc=$?
		# Only what is said of our own files counts: W=1 also speaks
		# of upstream headers.
		grep -E "(^|/)($(echo "$changed" | paste -sd'|'))(:[0-9]+)+: (warning|error)" \
			"$tmp.out" > "$tmp"
		[ $rc -ne 0 ] && tail -20 "$tmp.out" >> "$tmp"
		ok=0
		[ -s "$tmp" ] && ok=1
		result "sparse+W=1 $f ($k)" $ok "$tmp"
	done
	if [ $built = 0 ]; then
		echo "$obj is built by no test kernel" > "$tmp"
		result "sparse+W=1 $f" 1 "$tmp"
	fi
done
rm -f "$tmp.out"

for f in $(echo "$added" | grep -E '\.[ch]$'); do
	(cd "$TREE" && ./scripts/kernel-doc -none -Wall "$f") > "$tmp" 2>&1
	ok=0
	[ -s "$tmp" ] && ok=1
	result "kernel-doc $f" $ok "$tmp"
done

echo "$passed $failed" > "$OUT/results/lint"
echo "lint: $passed passed, $failed failed (log: $log)"
[ $failed -eq 0 ]
