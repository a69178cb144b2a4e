#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The VMM of qemu/vmm.c, in $VMM_ROOT: Debian $VMM_SUITE's arm64
# qemu-system-arm package and every package it depends on, unpacked as
# Debian ships them.  apt resolves the dependencies against an empty
# package state of our own (nothing counts as installed), so that it
# downloads all of them; the system's apt configuration and state stay
# untouched.  make initramfs takes from it the binary and the shared
# libraries it loads.  Idempotent.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need dpkg-deb apt-get flock

# One fetch at a time: make check's, in the background, and make
# initramfs's, which waits for it.
mkdir -p "$CACHE"
exec 9> "$CACHE/vmm-root.lock"
flock 9
[ -x "$VMM_ROOT/usr/bin/qemu-system-aarch64" ] && exit 0
mirror=$(debian_mirror)
[ -n "$mirror" ] || die "vmm-root: no Debian mirror in /etc/apt/sources.list*"
apt=$CACHE/apt-vmm
mkdir -p "$apt/debs/partial"
echo "deb [arch=arm64 signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror $VMM_SUITE main" \
	> "$apt/sources.list"
: > "$apt/status"
opts=(-o APT::Architecture=arm64 -o APT::Architectures::=arm64
      -o "Dir::State::status=$apt/status" -o "Dir::Cache::archives=$apt/debs")
echo "vmm-root: fetching $VMM_SUITE's arm64 qemu-system-arm and its dependencies from $mirror"
papt "$apt" get "${opts[@]}" -qq update ||
	die "vmm-root: apt-get update of $VMM_SUITE (arm64) failed (see above)"
papt "$apt" get "${opts[@]}" -y -qq --no-install-recommends \
	install --download-only qemu-system-arm > /dev/null ||
	die "vmm-root: downloading qemu-system-arm (arm64) from $VMM_SUITE failed (see above)"
ver=$(dpkg-deb -f "$(ls "$apt"/debs/qemu-system-arm_*.deb)" Version)
rm -rf "$VMM_ROOT.tmp"
mkdir -p "$VMM_ROOT.tmp"
for deb in "$apt"/debs/*.deb; do
	dpkg-deb -x "$deb" "$VMM_ROOT.tmp"
done
rm -rf "$VMM_ROOT" "$apt/debs"
mv "$VMM_ROOT.tmp" "$VMM_ROOT"
echo "vmm-root: qemu-system-arm $ver (arm64) in $VMM_ROOT"
