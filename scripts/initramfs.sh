#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# out/arm64/initramfs.cpio: our /init, the test programs of qemu/,
# tools/msi-doorbell and upstream's VFIO and iommufd selftests, static
# aarch64, and the test kernel's modules.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need make rsync cpio aarch64-linux-gnu-gcc aarch64-linux-gnu-ar

root=$OUT/arm64/initramfs
# The programs use this series' uAPI, not the cross libc's older copy.
kmake arm64 -s headers_install INSTALL_HDR_PATH="$OUT/arm64/uapi" >/dev/null
rm -rf "$root"
mkdir -p "$root/bin" "$root/dev" "$root/proc" "$root/sys"
cc=(aarch64-linux-gnu-gcc -static -O2 -Wall -Wextra -Werror)
"${cc[@]}" -o "$root/init" "$TOP/qemu/init.c"
# Each program of qemu/ with what they share, qemu/lib/.
# Two at a time: make check waits for them.
ls "$TOP"/qemu/*.c | grep -v '/init\.c$' |
	xargs -P "$(nproc)" -I{} sh -c '
		src=$1; shift
		exec "$@" -o "'"$root"'/bin/$(basename "$src" .c)" "$src" "'"$TOP"'"/qemu/lib/*.c
	' _ {} "${cc[@]}" -I"$OUT/arm64/uapi/include" ||
	die "a program of qemu/ does not build"
# The user's tool, built by its own Makefile into a directory of ours:
# never a binary of the source tree, which may be the host's.
make -s -C "$TOP/tools/msi-doorbell" CC=aarch64-linux-gnu-gcc \
	O="$OUT/arm64/tool" >/dev/null
cp "$OUT/arm64/tool/msi-doorbell" "$root/bin/msi-doorbell"
# Upstream's VFIO selftests, from the tree (the series applied), static,
# against the series' uAPI; qemu/selftest.c runs them on edu.  Their
# library links -luuid (SR-IOV VF tokens): qemu/selftests/ has ours.
st=$OUT/arm64/selftests
mkdir -p "$st/uuid"
aarch64-linux-gnu-gcc -O2 -Wall -Werror -I"$TOP/qemu/selftests/include" \
	-c -o "$st/uuid/uuid.o" "$TOP/qemu/selftests/uuid.c"
aarch64-linux-gnu-ar rcs "$st/uuid/libuuid.a" "$st/uuid/uuid.o"
make -s -j"$(nproc)" -C "$TREE/tools/testing/selftests/vfio" ARCH=arm64 \
	CROSS_COMPILE=aarch64-linux-gnu- CC=aarch64-linux-gnu-gcc OUTPUT="$st" \
	KHDR_INCLUDES="-isystem $OUT/arm64/uapi/include" \
	EXTRA_CFLAGS="-static -I$TOP/qemu/selftests/include" \
	LDFLAGS="-static -pthread -L$st/uuid" >/dev/null
for t in vfio_pci_device_test vfio_dma_mapping_test vfio_iommufd_setup_test \
	 vfio_pci_driver_test vfio_msi_isolation_test; do
	cp "$st/$t" "$root/bin/$t"
done
# And iommufd's, on its mock IOMMU (CONFIG_IOMMUFD_TEST).  They link
# -lcap to drop CAP_IPC_LOCK: qemu/selftests/cap.c is ours, as above.
mkdir -p "$st/cap" "$st/iommu"
aarch64-linux-gnu-gcc -O2 -Wall -Werror -isystem "$OUT/arm64/uapi/include" \
	-I"$TOP/qemu/selftests/include" \
	-c -o "$st/cap/cap.o" "$TOP/qemu/selftests/cap.c"
aarch64-linux-gnu-ar rcs "$st/cap/libcap.a" "$st/cap/cap.o"
make -s -j"$(nproc)" -C "$TREE/tools/testing/selftests/iommu" ARCH=arm64 \
	CROSS_COMPILE=aarch64-linux-gnu- CC=aarch64-linux-gnu-gcc \
	OUTPUT="$st/iommu" KHDR_INCLUDES="-isystem $OUT/arm64/uapi/include" \
	USERCFLAGS="-static -I$TOP/qemu/selftests/include" \
	USERLDFLAGS="-static -L$st/cap" >/dev/null
cp "$st/iommu/iommufd" "$st/iommu/iommufd_fail_nth" "$root/bin/"
# The test kernel's modules (the KUnit suites whose options are tristate,
# the test device's MSI count), as its build's modules.order lists them:
# /init loads them in that order.  Built here if make kernel did not.
kmake arm64 -s -j"$(nproc)" modules > "$OUT/arm64/build-modules.log" 2>&1 ||
	{ tail -20 "$OUT/arm64/build-modules.log" >&2; die "the modules do not build"; }
mkdir -p "$root/lib/modules"
: > "$root/lib/modules/order"
while read -r o; do
	ko=${o%.o}.ko
	cp "$BUILD/arm64/$ko" "$root/lib/modules/"
	basename "$ko" >> "$root/lib/modules/order"
done < "$BUILD/arm64/modules.order"
# The rig's own modules (qemu/modules), out of tree, into /lib/rig: the
# programs that need one load it.
rm -rf "$OUT/arm64/rig-modules"
mkdir -p "$OUT/arm64/rig-modules" "$root/lib/rig"
kmake arm64 -s M="$TOP/qemu/modules" MO="$OUT/arm64/rig-modules" modules \
	> "$OUT/arm64/build-rig-modules.log" 2>&1 ||
	{ tail -20 "$OUT/arm64/build-rig-modules.log" >&2; die "qemu/modules does not build"; }
cp "$OUT/arm64/rig-modules"/*.ko "$root/lib/rig/"
cpio_of() {	# cpio_of DIR FILE: DIR's tree, as a newc archive, into FILE
	(cd "$1" && find . | sort | cpio -o -H newc --quiet) > "$2"
}
cpio_of "$root" "$OUT/arm64/initramfs.cpio"
echo "initramfs: $(cd "$root" && find . -type f | sort | tr '\n' ' ')"

# The machines that run a VMM (qemu/vmm.c) boot initramfs-vmm.cpio: the
# above, and after it a second archive (the kernel unpacks both) with
# Debian's qemu-system-aarch64 and the shared libraries it loads, as
# Debian ships them ($VMM_ROOT, scripts/vmm-root.sh), and what the nested
# guest boots: this kernel, and /init with /bin/vmm-guest alone.
bash "$TOP/scripts/vmm-root.sh"
vmm=$OUT/arm64/vmm
rm -rf "$vmm" "$OUT/arm64/guest"
mkdir -p "$vmm/usr/bin" "$vmm/usr/lib/aarch64-linux-gnu" "$vmm/lib" \
	"$vmm/vmm" "$OUT/arm64/guest/bin"
cp "$VMM_ROOT/usr/bin/qemu-system-aarch64" "$vmm/usr/bin/"
# The libraries: the binary's DT_NEEDED, and theirs, found where the
# dynamic loader looks.
todo=("$VMM_ROOT/usr/bin/qemu-system-aarch64")
declare -A seen=()
while [ ${#todo[@]} -gt 0 ]; do
	f=${todo[0]}
	todo=("${todo[@]:1}")
	for lib in $(aarch64-linux-gnu-readelf -d "$f" |
		     sed -n 's/.*(NEEDED).*\[\(.*\)\]$/\1/p'); do
		[ -z "${seen[$lib]:-}" ] || continue
		seen[$lib]=1
		src=$VMM_ROOT/usr/lib/aarch64-linux-gnu/$lib
		[ -e "$src" ] || die "vmm: $lib (needed by ${f##*/}) is not in $VMM_ROOT"
		cp -L "$src" "$vmm/usr/lib/aarch64-linux-gnu/$lib"
		todo+=("$src")
	done
done
# Where the binary's PT_INTERP names the loader.
ln -s /usr/lib/aarch64-linux-gnu/ld-linux-aarch64.so.1 "$vmm/lib/ld-linux-aarch64.so.1"
cp "$root/init" "$OUT/arm64/guest/init"
cp "$root/bin/vmm-guest" "$OUT/arm64/guest/bin/"
cpio_of "$OUT/arm64/guest" "$vmm/vmm/guest.cpio"
cp "$BUILD/arm64/arch/arm64/boot/Image" "$vmm/vmm/Image"
cpio_of "$vmm" "$OUT/arm64/vmm.cpio"
cat "$OUT/arm64/initramfs.cpio" "$OUT/arm64/vmm.cpio" > "$OUT/arm64/initramfs-vmm.cpio"
rm "$OUT/arm64/vmm.cpio"
# Its first archive's tree, where qemu.sh counts the modules /init loads.
ln -sfn initramfs "$OUT/arm64/initramfs-vmm"
echo "initramfs-vmm: the above, and qemu-system-aarch64 with ${#seen[@]} libraries, the nested guest's Image and guest.cpio"
