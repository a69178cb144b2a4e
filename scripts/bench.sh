#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench: the measurements, not part of make check (which runs the
# registry's benchmark at its smallest, 1, 8 and 64 doorbells, at every boot,
# and vfio-bench 5 times on the its machine).
#
#  1. The registry against the 2016 design (msi_doorbell_bench, KUnit):
#     N = 1 .. BENCH_MAX (4096) doorbells, BENCH_BATCHES (11) batches,
#     under UML without lockdep or KASAN (kunit/bench.kunitconfig) and on
#     the its machine's kernel (KASAN, lockdep, TCG).
#  2. VFIO on edu, the series against stock 6.12 (out/arm64/Image-stock,
#     built here once from the pristine tree with the same fragments):
#     qemu/bench/vfio-series and vfio-stock, in turns, BENCH_ROUNDS (3)
#     times each.
#  3. Boot: the kernel's time stamps of the doorbells registered at boot
#     and of /init, from the its and v2m consoles of the last make check
#     or make run.
#
# Prints one table and writes out/bench/*.csv.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
need python3 qemu-system-aarch64 git

max=${BENCH_MAX:-4096}
batches=${BENCH_BATCHES:-11}
rounds=${BENCH_ROUNDS:-3}
args="msi_doorbell_bench.max_doorbells=$max msi_doorbell_bench.batches=$batches"
bench=$OUT/bench
mkdir -p "$bench"
rm -f "$bench"/*.txt "$bench"/*.csv
rc=0

# 1. The registry, under UML.
echo "bench: registry, UML ($args)"
(cd "$TREE" && python3 tools/testing/kunit/kunit.py run \
	--arch=um --jobs="$(nproc)" --timeout=3600 \
	--build_dir="$BUILD/uml-bench" --kunitconfig="$TOP/kunit/bench.kunitconfig" \
	--make_options "CC=ccache gcc" --kernel_args "$args" \
	'msi_doorbell_bench') > "$OUT/bench-uml.log" 2>&1 || rc=1
grep -a "msi-doorbell-bench: " "$BUILD/uml-bench/test.log" |
	sed 's/^.*msi-doorbell-bench: //' > "$bench/registry-uml.txt"

# 1. The registry, on the its machine's kernel.
echo "bench: registry, arm64 its"
QEMU_APPEND="$args" MACHINES_DIR=$TOP/qemu/bench \
	bash "$TOP/scripts/qemu.sh" registry-its > "$OUT/bench-registry-its.out" 2>&1 || rc=1
tail -1 "$OUT/bench-registry-its.out"
grep -a "msi-doorbell-bench: " "$OUT/qemu-registry-its.console" |
	sed 's/^.*msi-doorbell-bench: //' > "$bench/registry-arm64.txt"

# 2. Stock 6.12: a worktree of the pristine tree, the same fragments.
stock=$CACHE/linux-$KVER-stock
if [ ! -f "$OUT/arm64/Image-stock" ]; then
	echo "bench: building stock $KVER (once)"
	[ -d "$stock" ] ||
		git -C "$TREE" worktree add -q --detach "$stock" refs/tags/pristine
	TREE=$stock BUILD=$CACHE/build-$KVER-stock configure arm64
	# The series' own options are what stock does not have.
	grep "^Value requested for" "$CACHE/build-$KVER-stock/arm64/merge_config.log" |
		sed 's/^Value requested for \([A-Z0-9_]*\).*/\1/' | sort -u | tr '\n' ' ' |
		sed 's/^/bench: options stock does not have: /; s/$/\n/'
	TREE=$stock BUILD=$CACHE/build-$KVER-stock kmake arm64 -s -j"$(nproc)" Image \
		> "$OUT/arm64/build-stock.log" 2>&1 ||
		{ tail -20 "$OUT/arm64/build-stock.log"; die "stock build failed"; }
	cp "$CACHE/build-$KVER-stock/arm64/arch/arm64/boot/Image" "$OUT/arm64/Image-stock"
fi
for r in $(seq "$rounds"); do
	for k in series stock; do
		echo "bench: VFIO, $k, round $r of $rounds"
		MACHINES_DIR=$TOP/qemu/bench bash "$TOP/scripts/qemu.sh" vfio-$k \
			> "$OUT/bench-vfio-$k.out" 2>&1 || { rc=1; tail -3 "$OUT/bench-vfio-$k.out"; }
		grep -a "^vfio-bench\[.*\]: .*: n=" "$OUT/qemu-vfio-$k.console" |
			sed "s/^/$k $r /" >> "$bench/vfio.txt"
	done
done

# 3. Boot, from the consoles make check left.
for m in its v2m; do
	[ -f "$OUT/qemu-$m.log" ] || continue
	tr -d '\r' < "$OUT/qemu-$m.log" |
		awk '/msi-doorbell: begin doorbells/ { p = 1 } p || /Run \/init/ { print }
		     /msi-doorbell: end doorbells/ { p = 0 }' |
		sed "s/^/$m /" >> "$bench/boot.txt"
done

python3 "$TOP/scripts/bench-report.py" "$bench" | tee "$bench/report.txt"
echo "bench: tables in $bench/*.csv"
exit $rc
