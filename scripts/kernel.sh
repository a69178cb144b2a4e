#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make kernel: cross-build the arm64 test kernel (allnoconfig +
# Kconfig.fragment) with ccache, and leave it at out/arm64/Image.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

mkdir -p "$OUT/arm64"
configure arm64
# merge_config.sh names what it could not set: that is an error here.
if grep -A1 "Value requested for" "$BUILD/arm64/merge_config.log" >&2; then
	die "Kconfig.fragment asks for options the arm64 kernel cannot have"
fi
start=$(date +%s)
kmake arm64 -s -j"$(nproc)" Image > "$OUT/arm64/build.log" 2>&1 ||
	{ tail -30 "$OUT/arm64/build.log" >&2; die "arm64 build failed"; }
cp "$BUILD/arm64/arch/arm64/boot/Image" "$OUT/arm64/Image"
echo "kernel: out/arm64/Image ($(( $(date +%s) - start ))s)"
