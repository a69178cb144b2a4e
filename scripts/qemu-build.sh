#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The rig's qemu-system-aarch64, which every boot runs ($QEMU, a link to
# it in out/): Debian's qemu source package ($QEMU_SRC_VERSION, lib.sh),
# with the patches of qemu/patches/, configured for aarch64-softmmu alone
# with nothing optional and the devices of qemu/devices.mak, built with
# ccache into the cache.  Why: upstream QEMU sends a PCI device's DMA
# without its requester ID (qemu/patches/0001-*), so that a GICv3 ITS
# takes every DMA write for DeviceID 0 and the isolation it gives cannot
# be shown.  Run by make deps; does nothing when the build of these very
# sources, patches, devices and options is there.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need dpkg-source dpkg-deb ninja patch ccache gcc pkg-config flock

opts=(--target-list=aarch64-softmmu --without-default-features
      --without-default-devices --with-devices-aarch64=msi-doorbell
      --enable-tcg --enable-fdt=system --disable-docs --disable-download
      --disable-install-blobs --disable-debug-info)
key=$( (echo "$QEMU_SRC_VERSION $MESON_VERSION ${opts[*]}"
	cat "$TOP"/qemu/patches/*.patch "$TOP/qemu/devices.mak") |
	sha1sum | cut -c1-12)
ver=${QEMU_SRC_VERSION#*:}
dir=$CACHE/qemu-$ver
bin=$dir/build-$key/qemu-system-aarch64
mkdir -p "$dir" "$OUT"
exec 9> "$dir/lock"
flock 9
if [ ! -x "$bin" ]; then
	start=$SECONDS
	apt=$dir/apt
	mirror=$(debian_mirror)
	[ -n "$mirror" ] || die "qemu-build: no Debian mirror in /etc/apt/sources.list*"
	mkdir -p "$apt"
	{ echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror $QEMU_SRC_SUITE main"
	  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror $MESON_SUITE main"
	} > "$apt/sources.list"
	# sid's Release file names a date after which apt calls it stale:
	# the mirror this machine has (a snapshot) may be past it.  The
	# version is pinned and its files' hashes are in the signed index,
	# so a stale index cannot give other files: do not refuse it.
	papt "$apt" get -qq -o Acquire::Check-Valid-Until=false update ||
		die "qemu-build: apt-get update of $QEMU_SRC_SUITE and $MESON_SUITE failed (see above)"
	# meson, unpacked beside the source: Python, architecture-independent.
	meson=$dir/meson-$MESON_VERSION
	if [ ! -d "$meson" ]; then
		(cd "$apt" && rm -f ./*.deb &&
		 papt "$apt" get -qq download "meson=$MESON_VERSION") ||
			die "qemu-build: meson $MESON_VERSION is not on $mirror $MESON_SUITE; set MESON_VERSION in scripts/lib.sh"
		dpkg-deb -x "$apt"/meson_*.deb "$meson.tmp"
		mv "$meson.tmp" "$meson"
	fi
	# The source, unpacked afresh with Debian's patches, then ours.
	rm -rf "$dir/src" "$dir/dl"
	mkdir -p "$dir/dl"
	(cd "$dir/dl" &&
	 papt "$apt" get -qq source --download-only "qemu=$QEMU_SRC_VERSION") ||
		die "qemu-build: qemu $QEMU_SRC_VERSION's source is not on $mirror $QEMU_SRC_SUITE; set QEMU_SRC_VERSION in scripts/lib.sh"
	# apt checked every file against the signed index: no second check.
	dpkg-source --no-check -x "$dir"/dl/qemu_*.dsc "$dir/src" >/dev/null
	rm -rf "$dir/dl"
	for p in "$TOP"/qemu/patches/*.patch; do
		patch -d "$dir/src" -p1 -s < "$p" ||
			die "qemu-build: $p does not apply to qemu $QEMU_SRC_VERSION"
	done
	cp "$TOP/qemu/devices.mak" \
		"$dir/src/configs/devices/aarch64-softmmu/msi-doorbell.mak"
	rm -rf "$dir"/build-*
	mkdir "$dir/build-$key"
	export PATH=$meson/usr/bin:$PATH
	export PYTHONPATH=$meson/usr/lib/python3/dist-packages
	(cd "$dir/build-$key" &&
	 "$dir/src/configure" --python=/usr/bin/python3 --cc="ccache gcc" \
		"${opts[@]}" > configure.log 2>&1) ||
		die "qemu-build: configure failed: $dir/build-$key/configure.log"
	ninja -C "$dir/build-$key" -j"$(nproc)" qemu-system-aarch64 \
		> "$dir/build-$key/build.log" 2>&1 ||
		die "qemu-build: the build failed: $dir/build-$key/build.log"
	echo "qemu-build: $("$bin" --version | head -1), patched with $(ls "$TOP"/qemu/patches/*.patch | wc -l) patch(es), in $((SECONDS - start))s"
fi
ln -sfn "$bin" "$QEMU"
