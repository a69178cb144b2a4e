#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# scripts/qemu.sh MACHINE [PROGS]: boot out/arm64/Image on one of the test
# machines, with an edu PCI device behind an SMMUv3, and check it:
#  - the KUnit suites the kernel ran at boot (KTAP on the console, parsed
#    by kunit.py parse);
#  - that the boot reached our /init and powered off before the timeout;
#  - the edu device's verdict the integration suite printed: safe and one
#    page behind the ITS, unsafe behind a v2m frame or an MBI;
#  - no Oops, BUG, WARNING, KASAN or lockdep report on the console.
# PROGS (comma-separated, from the initramfs' /bin) run after the suites.
# Writes out/qemu-MACHINE.log and out/results/qemu-MACHINE.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

m=$1
progs=${2:-}
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
machine=virt,iommu=smmuv3
case "$m" in
its)	machine=$machine,gic-version=3,its=on; expect="safe, 1 page(s)" ;;
v2m)	machine=$machine,gic-version=2; expect="unsafe, 1 page(s)" ;;
*)	die "unknown machine $m (its, v2m)" ;;
esac
qemu=(qemu-system-aarch64 -machine "$machine" -cpu max,pauth-impdef=on
      -smp 2 -m 1024 -nographic -no-reboot -nic none -device edu)

append="console=ttyAMA0 panic=-1 oops=panic"
[ -n "$progs" ] && append="$append msi_doorbell.run=$progs"

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
