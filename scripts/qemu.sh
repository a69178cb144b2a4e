#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# scripts/qemu.sh MACHINE: boot one of the test machines of qemu/machines/
# and check what it must print.  A machine file is data, one directive a
# line:
#
#   machine OPTS      qemu-system-aarch64 -machine OPTS
#   emulator debian   boot in Debian's own qemu-system-aarch64 ($QEMU_DEBIAN,
#                     unpatched), not the rig's ($QEMU, scripts/qemu-build.sh)
#   kernel NAME       out/arm64/NAME (Image; make stress: Image-kcsan)
#   initrd NAME       out/arm64/NAME (initramfs.cpio; make bench:
#                     initramfs-bench.cpio, its module the benchmark's)
#   qemu ARGS...      more QEMU arguments (the edu devices)
#   append ARGS...    more kernel command line
#   timeout SECONDS   how long the boot may take before it is killed and
#                     counts as a failure (default 180)
#   estimate SECONDS  about how long the boot takes: qemu-all.sh starts
#                     the longest first, and a cold run has no last time
#   dtb FILE A...     boot with the device tree QEMU makes for the machine
#                     plus qemu/dts/FILE, with @1@, @2@... replaced by A...
#   run PROG[:ARG]    run /bin/PROG ARG from /init; the checks that follow
#                     look at its part of the console only, from
#                     "msi-doorbell: begin PROG[:ARG]" to its end line
#   storyrun PROG[:ARG] the same, but in make run only (with its checks),
#                     not in make check: a case too slow for a cold make
#                     check's budget, whose kind make check runs once
#   expect LINE       LINE is a whole line of that part of the console,
#                     after the kernel's "[    1.234567] " stamp
#   stock LINE        the same, for a line stock 7.3 prints as well: a
#                     regression check, counted apart from the proof
#   reject TEXT       no line of that part contains TEXT (counted as a
#                     regression check: an absence proves little)
#   kselftest [stock|noskip] the program's kselftest KTAP: every case
#                     it planned is reported, and each is a check, passed
#                     if "ok" (skips included, unless "noskip"); "stock":
#                     stock 7.3 passes too
#   kfail CASE        (before its kselftest line) an upstream case that
#                     fails on stock 7.3 too: it must be reported "not ok"
#   kunit CASE        KUnit reports CASE passed (not skipped): at boot,
#                     or, after a run, in the KTAP that program printed
#                     as "ktap: " lines (a suite it ran through debugfs)
#   include NAME A..  the directives of qemu/expect/NAME, with @1@, @2@,
#                     ... replaced by A...
#
# In expect, stock and reject lines, @group:DEV@ stands for the IOMMU group
# number the kernel gave DEV ("pci DEV: Adding to iommu group N" at boot):
# group numbers follow probe order, which is not ours to pin.  In expect
# and stock lines, @n@ stands for any decimal number: the file
# descriptors QEMU names in its messages, which depend on what else it
# opened.
#   nokunit           the machine boots with KUnit off or without suites
#                     (make bench's): no KUnit results are expected
#
# Checks before the first "run" look at the boot, KUnit included.  A line
# that starts with '#' is a comment.  Also
# checked, always: the boot reaches /init and powers off within the
# timeout; no Oops, BUG, WARNING, KASAN or lockdep report anywhere; the
# KUnit results (KTAP, parsed by kunit.py parse), counted one per case.
# Writes out/qemu-MACHINE.log and out/results/qemu-MACHINE.  MACHINES_DIR
# names another directory of machine files (make bench: qemu/bench/).
set -uo pipefail
. "$(dirname "$0")/lib.sh"
need python3 timeout dtc

m=$1
def=${MACHINES_DIR:-$TOP/qemu/machines}/$m
timeout=${QEMU_TIMEOUT:-180}
initrd=$OUT/arm64/initramfs.cpio
log=$OUT/qemu-$m.log
res=$OUT/results/qemu-$m
mkdir -p "$OUT/results"
rm -f "$OUT/qemu-$m".part*
echo "0 1" > "$res"
[ -f "$def" ] || die "no machine $m: $(ls "${MACHINES_DIR:-$TOP/qemu/machines}" | tr '\n' ' ')"

# The directives, includes expanded: "KEYWORD REST" lines.
# make run tells the story, not every test: with STORY set to a list of
# programs, a machine runs only those, and checks only their lines (and
# the boot's).
machine_lines() {
	if [ -z "${STORY:-}" ]; then
		directives "$def" | awk '
			$1 == "run" || $1 == "storyrun" { seen = 1; keep = $1 == "run" }
			!seen || keep { print }'
		return
	fi
	directives "$def" | awk -v story=" $STORY " '
		$1 == "storyrun" { $1 = "run" }
		$1 == "run" { seen = 1; p = $2; sub(/:.*/, "", p); keep = index(story, " " p " ") > 0 }
		!seen || keep { print }'
}

directives() {	# directives FILE [ARG...]
	local file=$1 key rest i
	shift
	while IFS= read -r line || [ -n "$line" ]; do
		case "$line" in \#*|"") continue ;; esac
		for i in 1 2 3 4 5 6 7 8 9; do
			line=${line//@$i@/${!i:-}}
		done
		key=${line%% *}
		rest=${line#"$key"}
		rest=${rest# }
		if [ "$key" = include ]; then
			# shellcheck disable=SC2086
			directives "$TOP/qemu/expect/${rest%% *}" ${rest#* }
		else
			printf '%s %s\n' "$key" "$rest"
		fi
	done < "$file"
}

machine=
emulator=$QEMU
nokunit=
kernel=Image
qargs=()
append="console=ttyAMA0 panic=-1 oops=panic"
runs=()
dtb=
while IFS= read -r line; do
	key=${line%% *}
	rest=${line#* }
	case "$key" in
	machine) machine=$rest ;;
	emulator)
		[ "$rest" = debian ] || die "$def: emulator debian, or none"
		emulator=$QEMU_DEBIAN ;;
	kernel) kernel=$rest ;;
	# shellcheck disable=SC2206
	qemu) qargs+=($rest) ;;
	append) append="$append $rest" ;;
	dtb) dtb=$rest ;;
	initrd) initrd=$OUT/arm64/$rest ;;
	timeout) timeout=${QEMU_TIMEOUT:-$rest} ;;
	estimate) ;;
	run) runs+=("$rest") ;;
	nokunit) nokunit=1 ;;
	expect|stock|reject|kunit|kselftest|kfail) ;;
	*) die "$def: unknown directive '$key'" ;;
	esac
done < <(machine_lines)
[ -n "$machine" ] || die "$def: no machine line"
[ -x "$emulator" ] || die "$emulator missing: run 'make deps'"
# Which QEMU booted it, for make run's story.
qemu_version=$("$emulator" --version | head -1)
[ "$emulator" = "$QEMU_DEBIAN" ] && qemu_version="$qemu_version (Debian's, unpatched)"
[ "$emulator" = "$QEMU" ] && qemu_version="$qemu_version (the rig's, qemu/patches/)"
echo "$qemu_version" > "$OUT/qemu-$m.emulator"
[ -f "$initrd" ] || die "$initrd missing: run 'make initramfs'"
image=$OUT/arm64/$kernel
[ -f "$image" ] || die "$image missing: run 'make kernel'"
# make stress: the same machine, its stress cases run longer.
append="$append ${QEMU_APPEND:-}"
[ ${#runs[@]} -eq 0 ] ||
	append="$append msi_doorbell.run=$(IFS=,; echo "${runs[*]}")"

common=(-cpu max,pauth-impdef=on -smp 2 -m 2048 -nographic -no-reboot -nic none)

# The machine's own device tree, as QEMU makes it for these very options,
# with the nodes of qemu/dts/FILE added.
if [ -n "$dtb" ]; then
	set -- $dtb
	src=$TOP/qemu/dts/$1
	shift
	[ -f "$src" ] || die "$def: no $src"
	timeout 60 "$emulator" -machine "$machine,dumpdtb=$OUT/qemu-$m.base.dtb" \
		"${common[@]}" "${qargs[@]}" < /dev/null > /dev/null 2>&1 ||
		die "qemu -machine dumpdtb= failed for $m"
	sub=()
	for i in 1 2 3 4 5 6 7 8 9; do
		sub+=(-e "s|@$i@|${!i:-}|g")
	done
	{ dtc -q -I dtb -O dts "$OUT/qemu-$m.base.dtb"; sed "${sub[@]}" "$src"; } |
		dtc -q -I dts -O dtb -o "$OUT/qemu-$m.dtb" - ||
		die "$src does not compile into the device tree of $m"
	qargs+=(-dtb "$OUT/qemu-$m.dtb")
fi

start=$(date +%s)
timeout -k 5 "$timeout" "$emulator" -machine "$machine" \
	"${common[@]}" "${qargs[@]}" -kernel "$image" -initrd "$initrd" \
	-append "$append" < /dev/null > "$log" 2>&1
rc=$?
secs=$(( $(date +%s) - start ))

passed=0
failed=0
regress=0
check() {	# check NAME OK(0/1) [DETAILS]
	if [ "$2" = 0 ]; then
		passed=$((passed + 1))
		echo "ok   $m: $1"
	else
		failed=$((failed + 1))
		echo "FAIL $m: $1${3:+: $3}"
	fi
}

# The console without the kernel's time stamps and carriage returns, cut
# into parts: part 0 the boot (KUnit, the doorbells /init lists), part N
# the Nth program run by /init.
norm=$OUT/qemu-$m.console
# A kernel line can land inside a program's line on the console, before
# its newline: "write 1: ok[   10.56] iommu: ...".  Cut it out onto a
# line of its own.
sed -e 's/\r$//' -e 's/\(.\)\(\[ *[0-9]*\.[0-9]*\] \)/\1\n\2/g' "$log" |
	sed -e 's/^\[ *[0-9]*\.[0-9]*\] //' > "$norm"
part() {	# part N: the lines of part N
	awk -v n="$1" '/^msi-doorbell: begin / && !/ doorbells$/ { p++ }
		       p == n { print }
		       n && p == n && /^msi-doorbell: end / { exit }' "$norm"
}

# @group:DEV@ -> DEV's IOMMU group, from the boot's own lines.
declare -A group=()
while read -r dev nr; do
	group[$dev]=$nr
done < <(awk '/: Adding to iommu group [0-9]+$/ {
		dev = $(NF - 5); sub(/:$/, "", dev); print dev, $NF }' "$norm")
groups() {	# groups LINE: LINE with every @group:DEV@ replaced
	local line=$1 dev
	for dev in "${!group[@]}"; do
		line=${line//@group:$dev@/${group[$dev]}}
	done
	printf '%s\n' "$line"
}
has() {	# has N LINE: part N has LINE, whole (@n@: any decimal number)
	local re
	case "$2" in
	*@n@*)
		re=$(printf '%s\n' "$2" | sed -e 's/[][\.*^$+?(){}|]/\\&/g' \
			-e 's/@n@/[0-9]+/g')
		part "$1" | grep -axE -- "$re" > /dev/null ;;
	*)	part "$1" | grep -axF -- "$2" > /dev/null ;;
	esac
}

ok=1
[ $rc -eq 0 ] && grep -aqx "msi-doorbell: power off" "$norm" && ok=0
check "boots and powers off within ${timeout}s (took ${secs}s, rc=$rc)" $ok
regress=$((regress + 1))

# KTAP parsed by kunit.py: ktap FILE OUT.
ktap() {
	(cd "$TREE" && python3 tools/testing/kunit/kunit.py parse "$1") > "$2" 2>&1
}
# The KUnit suites the kernel ran at boot and as /init loaded the
# modules, as /init printed them from debugfs ("ktap: " lines of part 0):
# the kernel's own KTAP on the console can come late, in a program's
# part.  Each suite's results are a KTAP document of their own, of which
# kunit.py parses the first only: parse each apart.
part 0 > "$OUT/qemu-$m.boot"
rm -f "$OUT/qemu-$m.boot".ktap*
sed -n 's/^ktap: //p' "$OUT/qemu-$m.boot" |
	awk -v out="$OUT/qemu-$m.boot.ktap" '/^KTAP version [0-9]+$/ { k++ }
		k { print > (out k) }'
: > "$OUT/qemu-$m.kunit"
for f in "$OUT/qemu-$m.boot".ktap*; do
	[ -f "$f" ] || continue
	ktap "$f" "$f.parsed"
	cat "$f.parsed" >> "$OUT/qemu-$m.kunit"
done

# /init loads every module of the initramfs (its lib/modules/order), the KUnit suites' (*kunit*) only with KUnit on, or none on a
# kernel without modules.  Stock 7.3 has not the symbols the series'
# modules need.
case $kernel in
*-stock) ;;
*)
	want=$(if [ -n "$nokunit" ]; then grep -v kunit; else cat; fi \
		< "${initrd%.cpio}/lib/modules/order" | wc -l)
	loaded=$(part 0 | grep -acE '^msi-doorbell: module [^ ]+ loaded$')
	bad=$(part 0 | grep -aE '^msi-doorbell: module [^ ]+: ' | head -3)
	ok=1
	[ -z "$bad" ] && { [ "$loaded" -eq "$want" ] || [ "$loaded" -eq 0 ]; } && ok=0
	check "/init loads $want module(s) (or none, on a kernel without modules): $loaded loaded" $ok "$bad"
	;;
esac

n=0
where=boot
declare -A kfail=()
while IFS= read -r line; do
	key=${line%% *}
	rest=$(groups "${line#* }")
	case "$key" in
	run)
		n=$((n + 1))
		where=$rest
		ok=1
		part $n | grep -ax "msi-doorbell: begin $rest" > /dev/null && ok=0
		check "[$where] ran" $ok
		;;
	expect)
		ok=1
		has $n "$rest" && ok=0
		check "[$where] $rest" $ok
		;;
	stock)
		ok=1
		has $n "$rest" && ok=0
		check "[$where] (stock too) $rest" $ok
		regress=$((regress + 1))
		;;
	reject)
		ok=0
		hit=$(part $n | grep -aF -- "$rest" | head -1)
		[ -n "$hit" ] && ok=1
		check "[$where] no line with: $rest" $ok "$hit"
		regress=$((regress + 1))
		;;
	kselftest)
		# The kselftest harness's KTAP of the program: the plan, and a
		# check per case ("ok N NAME", with or without "# SKIP").
		# The plan that follows the harness's "TAP version" line: a
		# module's KTAP header, late on the console, may come first.
		plan=$(part $n | awk '/^TAP version / { t = 1; next }
			t && /^1\.\.[0-9]+$/ { sub(/^1\.\./, ""); print; exit }')
		cases=$(part $n | grep -acE '^(not )?ok [0-9]+ ')
		ok=1
		[ -n "$plan" ] && [ "$plan" = "$cases" ] && ok=0
		check "[$where] [kselftest] ${cases} of ${plan:-no} planned cases reported" $ok
		[ "$rest" = stock ] && regress=$((regress + 1))
		while IFS= read -r kcase; do
			ok=1
			case "$kcase" in ok\ *) ok=0 ;; esac
			# noskip: a case that skips has shown nothing.
			case "$rest $kcase" in noskip*"# SKIP"*) ok=1 ;; esac
			name=${kcase#*ok [0-9]* }
			name=${name%% *}
			if [ -n "${kfail[$name]:-}" ]; then
				# Fails on stock 7.3 as well: it must still fail.
				ok=$((1 - ok))
				check "[$where] [kselftest] (fails on stock too) $name fails" $ok
				regress=$((regress + 1))
				continue
			fi
			check "[$where] [kselftest] $name" $ok
			[ "$rest" = stock ] && regress=$((regress + 1))
		done < <(part $n | grep -aE '^(not )?ok [0-9]+ ')
		;;
	kfail)
		kfail[$rest]=1
		;;
	kunit)
		# At boot, the boot's suites; after a run, the KTAP that
		# program printed as "ktap: " lines (a suite it ran).
		parsed=$OUT/qemu-$m.kunit
		if [ $n -gt 0 ]; then
			parsed=$OUT/qemu-$m.part$n.kunit
			[ -f "$parsed" ] || {
				part $n | sed -n 's/^ktap: //p' > "$OUT/qemu-$m.part$n.ktap"
				ktap "$OUT/qemu-$m.part$n.ktap" "$parsed"
			}
		fi
		ok=1
		grep -aq "\[PASSED\] $rest\$" "$parsed" && ok=0
		check "[$where] [kunit] $rest passed" $ok
		;;
	esac
done < <(machine_lines)

splat_re="Oops|BUG:|WARNING:|KASAN|possible recursive|possible circular|^INFO: |Kernel panic|suspected memory leak"
# The positive control of the check below: each kind of report, as the
# kernel prints its first line, is seen by the same expression.
missed=$(while IFS= read -r l; do
		printf '%s\n' "$l" | grep -qE "$splat_re" || printf '%s; ' "$l"
	done <<'REPORTS'
WARNING: CPU: 1 PID: 74 at kernel/irq/msi.c:1234 msi_domain_alloc+0x40/0x90
BUG: KASAN: slab-use-after-free in msi_doorbell_snapshot+0x5c/0x120
WARNING: possible circular locking dependency detected
WARNING: possible recursive locking detected
Internal error: Oops: 0000000096000005 [#1]  SMP
BUG: sleeping function called from invalid context at kernel/locking/mutex.c:580
INFO: task kworker/0:1:12 blocked for more than 120 seconds.
Kernel panic - not syncing: Oops: Fatal exception
kmemleak: 1 new suspected memory leaks (see /sys/kernel/debug/kmemleak)
REPORTS
)
ok=1
[ -z "$missed" ] && ok=0
check "the splat check sees each kind of report (its positive control)" $ok "$missed"
splat=$(grep -anE "$splat_re" "$norm" | head -5)
ok=1
[ -z "$splat" ] && ok=0
check "no Oops, BUG, WARNING, KASAN or lockdep report" $ok "$splat"
regress=$((regress + 1))

# Each KTAP document's tally, summed.
tally=$(grep -a "Ran [0-9]* tests" "$OUT/qemu-$m.kunit")
sum() {	# sum WORD: the tallies' "WORD: N", added up (empty if none)
	echo "$tally" | sed -n "s/.*$1: \([0-9]*\).*/\1/p" |
		awk '{ n += $1; s = 1 } END { if (s) print n }'
}
kp=$(sum passed)
kf=$(sum failed)
ks=$(sum skipped)
if [ -n "$nokunit" ]; then
	[ $(( ${kp:-0} + ${kf:-0} + ${ks:-0} )) -eq 0 ] ||
		check "no KUnit results, as the machine says" 1 "$tally"
elif [ -z "$tally" ] || [ $(( ${kp:-0} + ${kf:-0} + ${ks:-0} )) -eq 0 ]; then
	check "KUnit results on the console" 1 "none parsed"
else
	passed=$((passed + ${kp:-0}))
	failed=$((failed + ${kf:-0}))
	grep -a "FAILED\|Expected\|but$" "$OUT/qemu-$m.kunit" | sed 's/^\[[0-9:]*\] //' | head -20
	echo "     $m: KUnit: ${kp:-0} passed, ${kf:-0} failed, ${ks:-0} skipped"
fi

echo "$passed $failed $regress" > "$res"
echo "qemu-$m: $passed passed, $failed failed; $regress of the checks hold on stock 7.3 too (log: $log)"
[ $failed -eq 0 ]
