#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make selftests: upstream's VFIO and iommufd selftests, built from the
# tree with the series, on the series' kernel (out/arm64/Image) and on
# stock 7.3 built with the same Kconfig.fragment from a worktree of the
# pristine tree (out/arm64/Image-stock), on each machine of
# qemu/selftests/machines/.  Writes out/selftests.md: a row per test
# program and IOMMU mode, the cases that passed, failed and were skipped
# on each kernel, out/selftests-summary.md the same per program, and
# out/selftests-diff.txt: every case whose result
# differs.  Not part of make check: the stock kernel is a build of its own.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

stock=$CACHE/linux-$KVER-stock
[ -d "$stock" ] ||
	git -C "$TREE" worktree add -q --detach "$stock" refs/tags/pristine ||
	die "cannot add the stock worktree $stock"
start=$(date +%s)
(
	TREE=$stock BUILD=$CACHE/build-$KVER-stock
	configure arm64
	kmake arm64 -s -j"$(nproc)" Image
) > "$OUT/arm64/build-stock.log" 2>&1 ||
	{ tail -20 "$OUT/arm64/build-stock.log" >&2; die "stock build failed"; }
cp "$CACHE/build-$KVER-stock/arm64/arch/arm64/boot/Image" "$OUT/arm64/Image-stock"
echo "selftests: out/arm64/Image-stock ($(( $(date +%s) - start ))s)"

dir=$OUT/selftests-machines
rm -rf "$dir"
mkdir -p "$dir"
rc=0
machines=()
for def in "$TOP"/qemu/selftests/machines/*; do
	m=$(basename "$def")
	for k in series stock; do
		img=Image
		[ $k = stock ] && img=Image-stock
		# KUnit off on both: the series' suites are not what is compared.
		{ printf 'kernel %s\nappend kunit.enable=0\nnokunit\n' $img
		  cat "$def"; } > "$dir/st-$m-$k"
		MACHINES_DIR=$dir bash "$TOP/scripts/qemu.sh" "st-$m-$k" |
			tail -1 || rc=1
	done
	machines+=("$m")
done

python3 "$TOP/scripts/selftests-report.py" "$OUT" "${machines[@]}"
exit $rc
