#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make modules: the series' test options are modules in the test kernel
# (Kconfig.fragment sets them to m), where modpost checks each module's
# imports: the build break of v1 (a suite using EXPORT_SYMBOL_IF_KUNIT()
# symbols without MODULE_IMPORT_NS("EXPORTED_FOR_KUNIT_TESTING")) fails
# the build, at every commit make bisect builds and here at the tip.
# Each option of the fragment set to m must be m in the configuration,
# and every object its Makefile line names must come out as a .ko.
# Writes out/modules.log and out/results/modules ("passed failed").
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need make aarch64-linux-gnu-gcc ccache

kind=arm64
b=$BUILD/$kind
log=$OUT/modules.log
mkdir -p "$OUT/results"
echo "0 1" > "$OUT/results/modules"
start=$(date +%s)

configure "$kind"
pass=0
fail=0
objs=()
for opt in $(sed -n 's/^CONFIG_\([A-Z0-9_]*\)=m$/\1/p' "$TOP/Kconfig.fragment"); do
	if ! grep -qx "CONFIG_$opt=m" "$b/.config"; then
		echo "modules: FAIL CONFIG_$opt is not a module: $(grep "^CONFIG_$opt=\|^# CONFIG_$opt " "$b/.config" || echo unset)"
		fail=$((fail + 1))
		continue
	fi
	# The Makefile lines of the tree that build it: obj-$(CONFIG_X) += a.o b.o
	mapfile -t lines < <(cd "$TREE" && grep -rn --include=Makefile \
		"^obj-\$(CONFIG_$opt)[[:space:]]*+=" . | sed 's|^\./||')
	[ ${#lines[@]} -gt 0 ] || { echo "modules: FAIL no Makefile builds CONFIG_$opt"; fail=$((fail + 1)); continue; }
	for l in "${lines[@]}"; do
		dir=$(dirname "${l%%:*}")
		for o in ${l#*+=}; do
			objs+=("$dir/${o%.o}.ko:$opt")
		done
	done
done

if ! kmake "$kind" -j"$(nproc)" vmlinux modules > "$log" 2>&1; then
	grep -E 'ERROR|error:' "$log" | head -20 | sed 's/^/modules: /'
	echo "modules: FAIL the build (log: $log)"
	echo "$pass $((fail + 1))" > "$OUT/results/modules"
	exit 1
fi
for e in "${objs[@]}"; do
	ko=${e%%:*}
	if [ -f "$b/$ko" ]; then
		echo "modules: ok   $ko (CONFIG_${e#*:}=m), modpost found its imports"
		pass=$((pass + 1))
	else
		echo "modules: FAIL $ko (CONFIG_${e#*:}=m) was not built"
		fail=$((fail + 1))
	fi
done
echo "$pass $fail" > "$OUT/results/modules"
echo "modules: $pass built, $fail failed ($(( $(date +%s) - start ))s; log: $log)"
[ $fail -eq 0 ]
