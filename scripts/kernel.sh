#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make kernel: cross-build the arm64 test kernel with ccache: allnoconfig
# + Kconfig.fragment at out/arm64/Image.  scripts/kernel.sh KIND... builds
# those kinds instead, arm64-X with Kconfig.X.fragment on top at
# out/arm64/Image-X (make stress: arm64-kcsan, out/arm64/Image-kcsan).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need make aarch64-linux-gnu-gcc ccache bc bison flex perl openssl

mkdir -p "$OUT/arm64"
# arm64: VFIO type1, iommufd's VFIO compat container (on /dev/iommu) and
# iommufd (cdev); arm64-kcsan: KCSAN in place of KASAN (make stress only).
for kind in "${@:-arm64}"; do
	configure $kind
	# merge_config.sh names what it could not set: that is an error,
	# but for an option asked to be unset that the kernel cannot have.
	if grep -A1 "Value requested for" "$BUILD/$kind/merge_config.log" |
	   grep -B1 "^Requested value:" | grep -v "^--$" |
	   paste - - | grep -v "is not set$" >&2; then
		die "the fragments ask for options the $kind kernel cannot have"
	fi
	start=$(date +%s)
	# And its modules, where it has them (the test kernel: the KUnit
	# suites; make initramfs puts them in).
	targets=Image
	grep -qx CONFIG_MODULES=y "$BUILD/$kind/.config" && targets="Image modules"
	kmake $kind -s -j"$(nproc)" $targets > "$OUT/arm64/build-$kind.log" 2>&1 ||
		{ tail -30 "$OUT/arm64/build-$kind.log" >&2; die "$kind build failed"; }
	img=Image
	[ $kind = arm64 ] || img=Image-${kind#arm64-}
	cp "$BUILD/$kind/arch/arm64/boot/Image" "$OUT/arm64/$img"
	echo "kernel: out/arm64/$img ($(( $(date +%s) - start ))s)"
done
