#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench: the measurements, not part of make check (which runs
# vfio-bench 5 times on the its machine).
#
#  1. The registry against the 2016 design (bench/msi_doorbell_bench.c, a
#     KUnit suite in a module built out of tree against the series'
#     kernel, not part of the series): N = 1 .. BENCH_MAX (4096)
#     doorbells, BENCH_BATCHES (11) batches, on the its machine with
#     out/arm64/Image-bench (Kconfig.bench.fragment: the test kernel
#     without lockdep, KASAN, kmemleak, fault injection) and
#     out/arm64/initramfs-bench.cpio (the test initramfs, its modules
#     replaced by the benchmark's).
#  2. VFIO on edu, the series against stock 7.3: Image-bench against
#     Image-bench-stock, the same fragments on the pristine tree (in a
#     worktree of it, built here once), qemu/bench/vfio-series and
#     vfio-stock, in turns, BENCH_ROUNDS (3) times each.
#  3. Boot: the doorbells registered at boot, priced at the registry's
#     measured cost, against the kernel's time stamp of /init, on the its
#     and v2m machines with Image-bench.
#
# BENCH_PARTS chooses among registry, vfio and boot (all three by
# default): vfio builds stock 7.3 too.
#
# Prints one table and writes out/bench/*.csv.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
need python3 git

max=${BENCH_MAX:-4096}
batches=${BENCH_BATCHES:-11}
rounds=${BENCH_ROUNDS:-3}
parts=" ${BENCH_PARTS:-registry vfio boot} "
part() { [ "${parts#* $1 }" != "$parts" ]; }
args="msi_doorbell_bench.max_doorbells=$max msi_doorbell_bench.batches=$batches"
bench=$OUT/bench
mkdir -p "$bench"
rm -f "$bench"/*.txt "$bench"/*.csv
rc=0

# bench_kernel NAME: out/arm64/NAME from $TREE, configured arm64-bench
# in $BUILD, and its modules (the benchmark's build reads their
# Module.symvers).
bench_kernel() {
	local start
	start=$(date +%s)
	configure arm64-bench
	kmake arm64-bench -s -j"$(nproc)" Image modules > "$OUT/arm64/build-$1.log" 2>&1 ||
		{ tail -20 "$OUT/arm64/build-$1.log" >&2; die "$1 build failed"; }
	cp "$BUILD/arm64-bench/arch/arm64/boot/Image" "$OUT/arm64/$1"
	echo "bench: out/arm64/$1 ($(( $(date +%s) - start ))s)"
}

# The series' kernel without the debugging options; stock 7.3, the
# same, from a worktree of the pristine tree.
bench_kernel Image-bench
# The benchmark, built out of tree against Image-bench's build, and the
# initramfs whose one module it is (the test kernel's modules are not
# this kernel's).
rm -rf "$bench/module" "$OUT/arm64/initramfs-bench"
kmake arm64-bench -s M="$TOP/bench" MO="$bench/module" modules \
	> "$OUT/arm64/build-bench-module.log" 2>&1 ||
	{ tail -20 "$OUT/arm64/build-bench-module.log" >&2; die "the benchmark module does not build"; }
cp -a "$OUT/arm64/initramfs" "$OUT/arm64/initramfs-bench"
rm -rf "$OUT/arm64/initramfs-bench/lib/modules"
mkdir -p "$OUT/arm64/initramfs-bench/lib/modules"
cp "$bench/module/msi_doorbell_bench.ko" "$OUT/arm64/initramfs-bench/lib/modules/"
echo msi_doorbell_bench.ko > "$OUT/arm64/initramfs-bench/lib/modules/order"
(cd "$OUT/arm64/initramfs-bench" && find . | sort | cpio -o -H newc --quiet) \
	> "$OUT/arm64/initramfs-bench.cpio"
if part vfio; then
	stock=$CACHE/linux-$KVER-stock
	[ -d "$stock" ] ||
		git -C "$TREE" worktree add -q --detach "$stock" refs/tags/pristine
	TREE=$stock BUILD=$CACHE/build-$KVER-stock bench_kernel Image-bench-stock
	# What the two kernels' configurations differ in: the series' own
	# options.
	diff <(grep "^CONFIG_" "$BUILD/arm64-bench/.config" | sort) \
		<(grep "^CONFIG_" "$CACHE/build-$KVER-stock/arm64-bench/.config" | sort) |
		sed -n 's/^< \(CONFIG_[A-Z0-9_]*\)=.*/\1/p; s/^> \(CONFIG_[A-Z0-9_]*\)=.*/stock: \1/p' |
		tr '\n' ' ' | sed 's/^./bench: only Image-bench has &/; s/ $/\n/'
fi

# 1. The registry, on the its machine.
if part registry; then
	echo "bench: registry, arm64 its"
	QEMU_APPEND="$args" MACHINES_DIR=$TOP/qemu/bench \
		bash "$TOP/scripts/qemu.sh" registry-its > "$OUT/bench-registry-its.out" 2>&1 || rc=1
	tail -1 "$OUT/bench-registry-its.out"
	grep -a "msi-doorbell-bench: " "$OUT/qemu-registry-its.console" |
		sed 's/^.*msi-doorbell-bench: //' > "$bench/registry-arm64.txt"
fi

# 2. VFIO, the two kernels in turns.
part vfio || rounds=0
for r in $(seq "$rounds"); do
	for k in series stock; do
		echo "bench: VFIO, $k, round $r of $rounds"
		MACHINES_DIR=$TOP/qemu/bench bash "$TOP/scripts/qemu.sh" vfio-$k \
			> "$OUT/bench-vfio-$k.out" 2>&1 || { rc=1; tail -3 "$OUT/bench-vfio-$k.out"; }
		grep -a "^vfio-bench\[.*\]: .*: n=" "$OUT/qemu-vfio-$k.console" |
			sed "s/^/$k $r /" >> "$bench/vfio.txt"
	done
done

# 3. Boot, on Image-bench: the its machine's from vfio-series' last
# console, the v2m machine's from a boot of its own.
if part boot; then
	echo "bench: boot, v2m"
	MACHINES_DIR=$TOP/qemu/bench bash "$TOP/scripts/qemu.sh" boot-v2m \
		> "$OUT/bench-boot-v2m.out" 2>&1 || { rc=1; tail -3 "$OUT/bench-boot-v2m.out"; }
	for m in its:vfio-series v2m:boot-v2m; do
		[ -f "$OUT/qemu-${m#*:}.log" ] || continue
		tr -d '\r' < "$OUT/qemu-${m#*:}.log" |
			awk '/msi-doorbell: begin doorbells/ { p = 1 } p || /Run \/init/ { print }
			     /msi-doorbell: end doorbells/ { p = 0 }' |
			sed "s/^/${m%%:*} /" >> "$bench/boot.txt"
	done
fi

python3 "$TOP/scripts/bench-report.py" "$bench" | tee "$bench/report.txt"
echo "bench: tables in $bench/*.csv"
exit $rc
