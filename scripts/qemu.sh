#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# scripts/qemu.sh MACHINE: boot out/arm64/Image on one of the test machines,
# with an edu PCI device behind an SMMUv3, and check it:
#  - the KUnit suites the kernel ran at boot (KTAP on the console, parsed
#    by kunit.py parse);
#  - that the boot reached our /init and powered off before the timeout;
#  - the edu device's verdict the integration suite printed: safe and one
#    page behind the ITS, unsafe behind a v2m frame or an MBI;
#  - what qemu/vfio-msi.c saw taking edu with VFIO: behind the ITS the
#    attach is allowed, the capability says safe and 1 page, the MSI
#    arrives; behind the v2m frame the attach is refused with EPERM and the
#    kernel names the frame's doorbell; with allow_unsafe_interrupts=1
#    (v2m-unsafe) it is allowed, says unsafe, and the MSI arrives; hostile
#    GET_INFO sizes and SET_IRQS ranges get an error or data;
#  - no Oops, BUG, WARNING, KASAN or lockdep report on the console.
# Writes out/qemu-MACHINE.log and out/results/qemu-MACHINE.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

m=$1
timeout=${QEMU_TIMEOUT:-180}
image=$OUT/arm64/Image
initrd=$OUT/arm64/initramfs.cpio
log=$OUT/qemu-$m.log
res=$OUT/results/qemu-$m
mkdir -p "$OUT/results"
echo "0 1" > "$res"
[ -f "$image" ] || die "$image missing: run 'make kernel'"
[ -f "$initrd" ] || die "$initrd missing: run 'make initramfs'"

# QEMU's GICv3 does not set GICD_TYPER.MBIS, so the kernel never probes
# an MBI there whatever the DTB says: there is no MBI machine.
# The doorbells are at fixed places of QEMU's virt memory map: the ITS at
# 0x08080000 (GITS_TRANSLATER 0x08090040), the v2m frame at 0x08020000
# (MSI_SETSPI_NS 0x08020040).
machine=virt,iommu=smmuv3
append="console=ttyAMA0 panic=-1 oops=panic msi_doorbell.run=vfio-msi"
case "$m" in
its)	machine=$machine,gic-version=3,its=on
	expect="safe, 1 page(s)"
	vfio=("attach: allowed" "cap: msi-doorbell version=1 safe=1 pages=1 pgsize=4096"
	      "msi: arrived")
	;;
v2m)	machine=$machine,gic-version=2
	expect="unsafe, 1 page(s)"
	vfio=("attach: refused: Operation not permitted"
	      "can forge MSIs through the unsafe doorbell 0x0000000008020040 (:intc@8000000:v2m@8020000-5); set vfio_iommu_type1.allow_unsafe_interrupts=1")
	;;
v2m-unsafe)
	machine=$machine,gic-version=2
	append="$append vfio_iommu_type1.allow_unsafe_interrupts=1"
	expect="unsafe, 1 page(s)"
	vfio=("attach: allowed" "cap: msi-doorbell version=1 safe=0 pages=1 pgsize=4096"
	      "runs with unsafe interrupts (allow_unsafe_interrupts): 0000:00:01.0 can forge MSIs through the doorbell 0x0000000008020040"
	      "msi: arrived")
	;;
*)	die "unknown machine $m (its, v2m, v2m-unsafe)" ;;
esac
if [ "${vfio[0]}" = "attach: allowed" ]; then
	# GET_INFO: below the 16 bytes of argsz, flags and iova_pgsizes an
	# error; at or above, data.  SET_IRQS past the vector count: errors.
	vfio+=("get-info: argsz=0 ret=-1 errno=Invalid argument"
	       "get-info: argsz=1 ret=-1 errno=Invalid argument"
	       "get-info: argsz=8 ret=-1 errno=Invalid argument"
	       "get-info: argsz=16 ret=0"
	       "get-info: argsz=24 ret=0"
	       "get-info: argsz=28 ret=0"
	       "get-info: argsz=65536 ret=0"
	       "set-irqs: start=0xffffffff count=0x2 ret=-1 errno=Invalid argument"
	       "set-irqs: start=0x1 count=0xffffffff ret=-1 errno=Invalid argument"
	       "set-irqs: start=0x80000000 count=0x80000000 ret=-1 errno=Invalid argument")
fi
qemu=(qemu-system-aarch64 -machine "$machine" -cpu max,pauth-impdef=on
      -smp 2 -m 1024 -nographic -no-reboot -nic none -device edu)


start=$(date +%s)
timeout -k 5 "$timeout" "${qemu[@]}" -kernel "$image" \
	-initrd "$initrd" -append "$append" < /dev/null > "$log" 2>&1
rc=$?
secs=$(( $(date +%s) - start ))

passed=0
failed=0
check() {	# check NAME OK(0/1) [DETAILS]
	if [ "$2" = 0 ]; then
		passed=$((passed + 1))
		echo "ok   $m: $1"
	else
		failed=$((failed + 1))
		echo "FAIL $m: $1${3:+: $3}"
	fi
}

ok=1
[ $rc -eq 0 ] && grep -aq "msi-doorbell: power off" "$log" && ok=0
check "boots and powers off within ${timeout}s (took ${secs}s, rc=$rc)" $ok

ok=1
grep -aF "[1234:11e8]: $expect" "$log" >/dev/null && ok=0
check "edu [1234:11e8] is $expect" $ok "$(grep -ao '\[1234:11e8\]: .*' "$log" | head -1)"

# The one WARN expected: msi_doorbell's suite refusing a double unregister,
# which runs where the platform registered no doorbell.
for v in "${vfio[@]}"; do
	ok=1
	grep -aF -- "$v" "$log" >/dev/null && ok=0
	check "vfio: $v" $ok
done

splat=$(grep -anE "Oops|BUG:|WARNING:|KASAN|possible recursive|possible circular|INFO: |Kernel panic" "$log" |
	grep -v "WARNING: CPU: [0-9]* PID: [0-9]* at kernel/irq/msi-doorbell.c:[0-9]* msi_doorbell_unregister" | head -5)
ok=1
[ -z "$splat" ] && ok=0
check "no Oops, BUG, WARNING, KASAN or lockdep report" $ok "$splat"

# The KUnit suites the kernel ran at boot.
(cd "$TREE" && python3 tools/testing/kunit/kunit.py parse "$log") \
	> "$OUT/qemu-$m.kunit" 2>&1
tally=$(grep -a "Ran [0-9]* tests" "$OUT/qemu-$m.kunit" | tail -1)
kp=$(echo "$tally" | sed -n 's/.*passed: \([0-9]*\).*/\1/p')
kf=$(echo "$tally" | sed -n 's/.*failed: \([0-9]*\).*/\1/p')
ks=$(echo "$tally" | sed -n 's/.*skipped: \([0-9]*\).*/\1/p')
if [ -z "$tally" ] || [ $(( ${kp:-0} + ${kf:-0} + ${ks:-0} )) -eq 0 ]; then
	check "KUnit results on the console" 1 "none parsed"
else
	passed=$((passed + ${kp:-0}))
	failed=$((failed + ${kf:-0}))
	grep -a "FAILED\|Expected\|but$" "$OUT/qemu-$m.kunit" | sed 's/^\[[0-9:]*\] //' | head -20
	echo "     $m: KUnit: ${kp:-0} passed, ${kf:-0} failed, ${ks:-0} skipped"
fi

echo "$passed $failed" > "$res"
echo "qemu-$m: $passed passed, $failed failed (log: $log)"
[ $failed -eq 0 ]
