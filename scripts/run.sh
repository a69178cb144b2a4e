#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make run: boot every machine of qemu/machines/ and tell, for each, what
# happened: the MSI doorbells the irqchips registered, the edu devices'
# verdict and page count, and for each way of taking them with VFIO
# (type1, iommufd's compat container, vfio cdev + iommufd) what the kernel
# said, what the capability said, and whether the MSI arrived.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

# The attack: one edu device's DMA aimed at the doorbell, with the other's
# MSI payload.  Two sentences: what was tried, and what happened.
forge() {	# forge CONSOLE MODE
	local part
	part=$(awk -v b="msi-doorbell: begin vfio-forge:$2" '$0 == b { p = 1 }
		p { print } p && /^msi-doorbell: end / { exit }' "$1")
	echo "   attack ($2):"
	if echo "$part" | grep -aq "attach: refused"; then
		echo "     The attacker never gets its device: VFIO refused both groups, naming the doorbell."
		return
	fi
	echo "$part" | grep -a "forge: to doorbell" |
		sed 's/^[^:]*: forge: to doorbell \([^ ]*\) (\(.*\)),.*/     The attacker DMAs to doorbell \1 (\2)./'
	echo "$part" | grep -a "control: " |
		sed 's/^[^:]*: control: .*fired its own interrupt.*/     First its own MSI message: its own interrupt fired (the control: the doorbell takes its DMA for its own)./;
		     s/^[^:]*: control: .*fired nothing.*/     First its own MSI message: nothing fired: this QEMU'"'"'s DMA carries no requester ID./'
	echo "$part" | grep -a "result: " |
		sed 's/^[^:]*: result: forged.*/     Then the victim'"'"'s message: the victim'"'"'s interrupt fired though the victim raised nothing: forged./;
		     s/^[^:]*: result: isolated.*/     Then the victim'"'"'s message: the victim heard nothing; the ITS took the writer'"'"'s DeviceID: isolated./;
		     s/^[^:]*: result: SKIP.*/     Then the victim'"'"'s message: nothing either, which proves nothing: isolation cannot be shown on this QEMU (SKIP)./'
	echo "$part" | grep -a "alias: test-msi's vector 0 \(fired\|did not\)" |
		sed 's/^.*fired from the attacker.*$/     test-msi (DeviceID 0) fired from the attacker'"'"'s DMA, which carries DeviceID 0 too: an ITS isolates DeviceIDs, not devices./;
		     s/^.*did not fire.*$/     test-msi (DeviceID 0, armed) did not fire from the same DMA: it carries the attacker'"'"'s DeviceID./'
}

# The platform devices: the wired-only one, then the one with MSIs, played
# by the program, which writes each message to the doorbell.
platform() {	# platform CONSOLE MODE
	local part
	part=$(awk -v b="msi-doorbell: begin vfio-platform:$2" '$0 == b { p = 1 }
		p { print } p && /^msi-doorbell: end / { exit }' "$1")
	echo "   platform devices ($2):"
	echo "$part" | grep -a "wired: SPI" | sed 's/^[^:]*: wired: /     test-wired (wired only, no override): /'
	echo "$part" | grep -a "^vfio-platform test-[a-z]*: \(refused\|runs with\)" | sed 's/^/     kernel: /'
	echo "$part" | grep -a "attach: refused\|enable refused" | sed 's/^[^:]*: [a-z]*: /     test-msi: /'
	echo "$part" | grep -a "irq: test-msi index 1:\|msi: enabled:" | sed 's/^[^:]*: \(irq\|msi\): \(test-msi \)\{0,1\}/     test-msi: /'
	w=$(echo "$part" | grep -ac ": message written to the doorbell ")
	n=$(echo "$part" | grep -ac ": message written to the doorbell .*: delivered")
	[ "$w" -gt 0 ] && echo "$part" | grep -a -m1 "message written" |
		sed 's/^[^:]*: msi: vector 0: message written to the doorbell \(0x[0-9a-f]*\).*/     test-msi: the CPU, playing the device, wrote '"$w"' messages to the doorbell \1: '"$n"' reached their eventfds/'
	return 0
}

# The fuzzer and the fault injection: one line each.
summary() {	# summary CONSOLE PROG MODE
	awk -v b="msi-doorbell: begin $2:$3" '$0 == b { p = 1 }
		p { print } p && /^msi-doorbell: end / { exit }' "$1" |
		grep -a ": \(answered\|after\|faults\|kmemleak: [0-9]\)" |
		sed 's/^\([a-z-]*\)\[[^]]*\]: /     /' |
		sed "1s/^/   ${2#vfio-} (${3%%/*}):\n/"
}

story() {	# story MACHINE
	local m=$1 c=$OUT/qemu-$1.console mode
	echo
	echo "== $m: $(sed -n '/^#/!q; s/^# //p' "$TOP/qemu/machines/$m" | paste -sd' ')"
	echo "   QEMU: $(cat "$OUT/qemu-$m.emulator" 2>/dev/null)"
	echo "   registered MSI doorbells (/sys/kernel/debug/irq/msi_doorbells):"
	sed -n '/^msi-doorbell: begin doorbells/,/^msi-doorbell: end doorbells/p' "$c" |
		sed '1d;$d' | awk '{ printf "     %-12s %-5s %-7s %s\n", $1, $2, $3, $4 }'
	# The user's tool, before any attach: its table and its answers.
	awk '$0 == "msi-doorbell: begin msi-doorbell" { p = 1; print "   msi-doorbell (the tool, before any attach):"; next }
	     p && /^msi-doorbell: end / { exit } p { print "     " $0 }' "$c"
	awk '/^msi-doorbell: begin msi-doorbell:/ { p = 1; next }
	     p && /^msi-doorbell: end / { p = 0 } p { print "   msi-doorbell " $0 }' "$c"
	grep -a "^ *# msi_doorbell_stress_test: " "$c" |
		sed 's/^ *# msi_doorbell_stress_test: /   registry stress at boot: /'
	for run in $(grep -ao '^msi-doorbell: begin vfio-[a-z]*:[a-z0-9/]*' "$c" | cut -d' ' -f3); do
		prog=${run%%:*}
		mode=${run#*:}
		if [ "$prog" = vfio-forge ]; then
			forge "$c" "$mode"
			continue
		fi
		if [ "$prog" = vfio-platform ]; then
			platform "$c" "$mode"
			continue
		fi
		if [ "$prog" = vfio-fuzz ] || [ "$prog" = vfio-faults ]; then
			summary "$c" "$prog" "$mode"
			continue
		fi
		awk -v b="msi-doorbell: begin vfio-msi:$mode" '$0 == b { p = 1 }
			p { print } p && /^msi-doorbell: end / { exit }' "$c" > "$c.$mode"
		echo "   $mode:"
		grep -a "^vfio-msi\[$mode\]: attach:" "$c.$mode" | sed 's/^[^:]*: /     /'
		grep -a "^vfio-pci .*: \(refused\|runs with\)" "$c.$mode" | sed 's/^/     kernel: /'
		grep -a "^vfio-msi\[$mode\]: cap:" "$c.$mode" | sed 's/^[^:]*: cap: /     GET_INFO capability: /'
		grep -a "^vfio-msi\[$mode\]: msi: \(arrived\|did not\)" "$c.$mode" | sed 's/^[^:]*: msi: /     MSI raised by edu: /'
		rm -f "$c.$mode"
	done
	vmm "$c"
	grep -a "qemu-$m:" "$OUT/run-$m.out" | sed 's/^/   checks: /'
}

# A real VMM (qemu/vmm.c): Debian's QEMU inside the machine passes edu to
# a nested guest.  Its own "vmm: MACHINE SETUP: ..." lines, QEMU's
# refusal, and the host kernel's line about the group.
vmm() {	# vmm CONSOLE
	grep -ao '^msi-doorbell: begin vmm:[a-z0-9/]*' "$1" | cut -d' ' -f3 |
	while read -r run; do
		awk -v b="msi-doorbell: begin $run" '$0 == b { p = 1 }
			p { print } p && /^msi-doorbell: end / { exit }' "$1" |
			grep -a "^vmm: \|^vfio-pci .*: \(refused\|runs with\)" |
			sed 's/^vfio-pci /   kernel: vfio-pci /; s/^vmm: /   vmm: /'
	done
}

# The story's programs: the tool's prediction, the verdict and the
# kernel's refusal, the capability, the MSI, the attack, the platform
# devices and a real VMM.  The fuzzing and fault sweeps are make
# check's.
export STORY="msi-doorbell vfio-msi vfio-forge vfio-platform vmm"
rc=0
for f in "$TOP"/qemu/machines/*; do
	m=$(basename "$f")
	# A machine that runs none of the story's programs (its-selftests)
	# is make check's alone.
	grep -qE "^(story)?run ($(echo $STORY | tr ' ' '|'))([: ]|\$)" "$f" || continue
	bash "$TOP/scripts/qemu.sh" "$m" > "$OUT/run-$m.out" 2>&1 || rc=1
	story "$m"
done
exit $rc
