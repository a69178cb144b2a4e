#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install what the build and the tests need, with apt-get.  Idempotent and
# silent when everything is there.
set -euo pipefail

# Kernel source and build tools, static checkers, then the arm64 rig:
# cross compiler, libc for the static VFIO test program, QEMU and dtc.
pkgs=(
	linux-source-6.12
	build-essential bc bison flex libelf-dev libssl-dev cpio kmod
	ccache sparse git patch perl python3 xz-utils
	gcc-aarch64-linux-gnu libc6-dev-arm64-cross
	qemu-system-arm device-tree-compiler
)

missing=()
for p in "${pkgs[@]}"; do
	case "$p" in \#*) continue ;; esac
	dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "deps: installing ${missing[*]}"
[ "$(id -u)" -eq 0 ] || { echo "deps: need root for apt-get" >&2; exit 1; }
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
