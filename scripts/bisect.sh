#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make bisect: build every commit of the series on its own (incrementally,
# with ccache) in each kernel configuration the series is tested in.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need git make gcc ccache aarch64-linux-gnu-gcc

# Build every commit, oldest first, in every configuration, each
# configured afresh for that commit; then come back to the tip.
kinds=$(kinds)
[ -n "$kinds" ] || die "no kernel configured yet: run 'make kunit' first"
mkdir -p "$OUT/results"
echo "0 1" > "$OUT/results/bisect"

# The same commits built in the same configurations give the same
# result: a bisect that passed is not redone until one of them changes.
key=$( (git -C "$TREE" rev-list refs/tags/pristine..series
	cat "$TOP/Kconfig.fragment" "$TOP/kunit/.kunitconfig"
	echo "$kinds") | sha1sum | cut -d' ' -f1)
if [ -f "$BUILD/bisect-ok-$key" ]; then
	cat "$BUILD/bisect-ok-$key"
	echo "bisect: (as built before for these very commits and configurations)"
	cp "$BUILD/bisect-ok-$key.result" "$OUT/results/bisect"
	exit 0
fi
fail=0
ok=0
: > "$OUT/bisect.summary"

# reads KIND COMMIT: does KIND's build, as its last make left it, read a
# file that COMMIT changes?  Kbuild's own record says (the sources and
# headers each object was made from, in its .cmd file); a change to a
# Makefile, Kconfig or anything but C counts as read.  What it does not
# read, make would not rebuild: the commit builds as its parent did.
reads() {
	local f
	[ -f "$BUILD/$1/vmlinux" ] || return 0
	for f in $(git -C "$TREE" diff --name-only "$2~" "$2"); do
		case "$f" in
		Documentation/*|MAINTAINERS) ;;
		*.[ch])
			grep -rqF --include='*.cmd' "$TREE/$f" "$BUILD/$1" &&
				return 0 ;;
		*) return 0 ;;
		esac
	done
	return 1
}
trap 'git -C "$TREE" checkout -q -f series' EXIT
for c in $(git -C "$TREE" rev-list --reverse refs/tags/pristine..series); do
	subj=$(git -C "$TREE" log -1 --format=%s "$c")
	# A commit that changes no built file builds as its parent did.
	if ! git -C "$TREE" diff --name-only "$c~" "$c" |
	     grep -qvE '^(Documentation/|MAINTAINERS$)'; then
		for k in $kinds; do
			echo "bisect: builds ($k, no built file changed): $subj" |
				tee -a "$OUT/bisect.summary"
			ok=$((ok + 1))
		done
		continue
	fi
	git -C "$TREE" checkout -q -f "$c"
	# The configuration is a function of the fragments and of the
	# Kconfig files: configure afresh at the first commit and at every
	# commit that changes a Kconfig file; between those it is the same.
	reconf=${reconf:-1}
	git -C "$TREE" diff --name-only "$c~" "$c" | grep -q 'Kconfig' && reconf=1
	# The kinds build side by side, each in its own directory: one's
	# link, a single thread, runs beside the other's compiles.
	for k in $kinds; do
		pid=pid_${k//-/_}
		if [ $reconf = 0 ] && ! reads "$k" "$c"; then
			echo "bisect: builds ($k, reads no file it changes): $subj" |
				tee -a "$OUT/bisect.summary"
			ok=$((ok + 1))
			eval "$pid="
			continue
		fi
		( ([ $reconf = 0 ] || configure "$k") &&
		  kmake "$k" -j"$(nproc)" vmlinux) > "$OUT/bisect-$k.log" 2>&1 &
		eval "$pid=$!"
	done
	for k in $kinds; do
		pid=pid_${k//-/_}
		[ -n "${!pid}" ] || continue
		if wait "${!pid}"; then
			echo "bisect: builds ($k): $subj" | tee -a "$OUT/bisect.summary"
			ok=$((ok + 1))
		else
			echo "bisect: FAILS ($k): $subj" >&2
			tail -20 "$OUT/bisect-$k.log" >&2
			fail=$((fail + 1))
		fi
	done
	reconf=0
done
echo "$ok $fail" > "$OUT/results/bisect"
if [ $fail -eq 0 ]; then
	cp "$OUT/bisect.summary" "$BUILD/bisect-ok-$key"
	cp "$OUT/results/bisect" "$BUILD/bisect-ok-$key.result"
fi
[ $fail -eq 0 ]
