#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make run: boot the arm64 kernel on the its, v2m and v2m-unsafe machines
# and tell, for each, what happened: the MSI doorbells the irqchips
# registered, the edu device's verdict and page count, what VFIO said when
# a program took edu, and whether its MSI arrived.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

story() {	# story MACHINE TITLE
	local m=$1 log=$OUT/qemu-$1.log
	echo
	echo "== $2"
	echo "   registered MSI doorbells (/sys/kernel/debug/msi_doorbells):"
	sed -n '/^msi-doorbell: begin doorbells/,/^msi-doorbell: end doorbells/p' "$log" |
		sed '1d;$d' | awk '{ printf "     %-12s %-5s %-7s %s\n", $1, $2, $3, $4 }'
	grep -ao '\[1234:11e8\]: .*' "$log" | head -1 |
		sed 's/^\[1234:11e8\]: \(.*\)/   edu [1234:11e8] reaches them: \1/'
	grep -a "^vfio-msi: attach:" "$log" | sed 's/^vfio-msi: attach: /   VFIO type1 attach of its group: /'
	grep -a "vfio: group .*: 0000:00:01.0 \|vfio: group [0-9]* runs with" "$log" |
		grep -v "0x000000003f000000\|0x0000000040000000" | tail -1 |
		sed 's/^\[ *[0-9.]*\] /   kernel: /'
	grep -a "^vfio-msi: cap:" "$log" | sed 's/^vfio-msi: cap: msi-doorbell /   GET_INFO MSI doorbell capability: /'
	grep -a "^vfio-msi: msi:" "$log" | tail -1 | sed 's/^vfio-msi: msi: /   MSI raised by edu: /'
	grep -a "qemu-$m:" "$OUT/run-$m.out" | sed 's/^/   checks: /'
}

rc=0
for m in its v2m v2m-unsafe; do
	bash "$TOP/scripts/qemu.sh" "$m" > "$OUT/run-$m.out" 2>&1 || rc=1
done
story its "GICv3 + ITS (virt,gic-version=3,its=on,iommu=smmuv3)"
story v2m "GICv2 + v2m frame (virt,gic-version=2,iommu=smmuv3)"
story v2m-unsafe "GICv2 + v2m frame, vfio_iommu_type1.allow_unsafe_interrupts=1"
exit $rc
