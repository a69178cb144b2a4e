#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make bisect: build every commit of the series on its own (incrementally,
# with ccache) in each kernel configuration the series is tested in.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need git make gcc ccache aarch64-linux-gnu-gcc aarch64-linux-gnu-nm

# Build every commit, oldest first, in every configuration, configured
# afresh where a commit changes a Kconfig file; then come back to the tip.
# uml (KUnit's) and arm64 (the test kernel's): each is configured here, in
# the build directory make kunit and make kernel use, which the walk
# leaves holding the series' last commit.
# BISECT_KINDS chooses: make check walks arm64 alone, to keep a cold
# check within its time (every file of the series that UML's build reads,
# arm64's reads too); make bisect walks both.
kinds=${BISECT_KINDS:-uml arm64}
# SERIES=N-name walks that series alone (its commits, on the series
# before it); the whole stack otherwise.
range=refs/tags/pristine..series
if [ -n "${SERIES:-}" ]; then
	git -C "$TREE" rev-parse -q --verify "refs/tags/series/$SERIES" >/dev/null ||
		die "no series $SERIES in the tree (series: $(series_dirs | paste -sd' '))"
	prev=refs/tags/pristine
	for d in $(series_dirs); do
		[ "$d" = "$SERIES" ] && break
		prev=refs/tags/series/$d
	done
	range=$prev..refs/tags/series/$SERIES
fi
mkdir -p "$OUT/results"
echo "0 1" > "$OUT/results/bisect"

# The same commits built in the same configurations give the same
# result: a bisect that passed is not redone until one of them changes.
key=$( (git -C "$TREE" rev-list "$range"
	cat "$TOP/Kconfig.fragment" "$TOP/kunit/.kunitconfig"
	echo "$KUNIT_DIRS"
	echo "$kinds"
	cat "$0") | sha1sum | cut -d' ' -f1)
if [ -f "$BUILD/bisect-ok-$key" ]; then
	cat "$BUILD/bisect-ok-$key"
	echo "bisect: (as built before for these very commits and configurations)"
	cp "$BUILD/bisect-ok-$key.result" "$OUT/results/bisect"
	exit 0
fi
fail=0
ok=0
: > "$OUT/bisect.summary"
rm -f "$BUILD"/*/.undefined-*

# reads KIND COMMIT: does KIND's build, as its last make left it, read a
# file that COMMIT changes?  Kbuild's own record says (the sources and
# headers each object was made from, in its .cmd file); a Makefile is read
# if the build descended into its directory; a Kconfig file is judged by
# the configuration it gives, compared below; anything else counts as
# read.  What it does not read, make would not rebuild: the commit builds
# as its parent did.
reads() {
	local f
	[ -f "$BUILD/$1/vmlinux" ] || return 0
	for f in $(git -C "$TREE" diff --name-only "$2~" "$2"); do
		case "$f" in
		Documentation/*|MAINTAINERS|tools/testing/*) ;;
		Kconfig*|*/Kconfig*) ;;
		*.[ch])
			grep -rqF --include='*.cmd' "$TREE/$f" "$BUILD/$1" &&
				return 0 ;;
		*/Makefile|*/Kbuild)
			[ -d "$BUILD/$1/${f%/*}" ] && return 0 ;;
		*) return 0 ;;
		esac
	done
	return 1
}
# undefined KIND: the symbols KIND's vmlinux.o leaves undefined, with
# their kind (U, or w: weak), sorted.
undefined() {
	local nm=nm
	[ "$1" = uml ] || nm=aarch64-linux-gnu-nm
	$nm -u "$BUILD/$1/vmlinux.o" | awk '{ print $1, $2 }' | sort -u
}
# report KIND RC DONE WHAT: count KIND's build of WHAT, which exited RC
# (its log: out/bisect-KIND.log); "bisect: DONE" if it passed.
report() {
	if [ "$2" = 0 ]; then
		echo "bisect: $3" | tee -a "$OUT/bisect.summary"
		ok=$((ok + 1))
	else
		echo "bisect: FAILS ($1): $4" >&2
		tail -20 "$OUT/bisect-$1.log" >&2
		fail=$((fail + 1))
	fi
}
trap 'git -C "$TREE" checkout -q -f series' EXIT
first=1
for c in $(git -C "$TREE" rev-list --reverse "$range"); do
	subj=$(git -C "$TREE" log -1 --format=%s "$c")
	# A commit that changes no file the kernel's build reads builds as
	# its parent did.  tools/testing/ is userspace: lint compiles the
	# selftests there, with the series' uAPI, at the tip.
	if ! git -C "$TREE" diff --name-only "$c~" "$c" |
	     grep -qvE '^(Documentation/|MAINTAINERS$|tools/testing/)'; then
		for k in $kinds; do
			echo "bisect: builds ($k, no built file changed): $subj" |
				tee -a "$OUT/bisect.summary"
			ok=$((ok + 1))
		done
		continue
	fi
	git -C "$TREE" checkout -q -f "$c"
	# The configuration is a function of the fragments and of the
	# Kconfig files: configure afresh at every commit that changes a
	# Kconfig file; between those it is the same.  The first commit is
	# built whatever it changes: the build directories hold the tip.
	reconf=${first:-0}
	git -C "$TREE" diff --name-only "$c~" "$c" | grep -q 'Kconfig' && reconf=1
	# The kinds are configured and built side by side, each in its own
	# directory: one's link, a single thread, runs beside the other's
	# compiles.  A kind whose configuration this commit leaves as it was
	# and whose build reads no file the commit changes is not built.
	for k in $kinds; do
		pid=pid_${k//-/_}
		( start=$(date +%s)
		  same=1
		  if [ $reconf = 1 ]; then
			# None yet on a cold cache: configure makes the first.
			cp "$BUILD/$k/.config" "$BUILD/$k/.config.bisect" \
				2>/dev/null || :
			configure "$k" || exit 1
			cmp -s "$BUILD/$k/.config" "$BUILD/$k/.config.bisect" ||
				same=0
		  fi
		  if [ -z "$first" ] && [ $same = 1 ] && ! reads "$k" "$c"; then
			echo "bisect: reads no file it changes"
			exit 0
		  fi
		  # Every commit up to vmlinux.o, which modpost checks
		  # (section mismatches, the modules' imports), and whose
		  # undefined symbols must be among the tip's, which the
		  # tip's whole link below shows the linker script
		  # defines: a call into a function no commit up to it
		  # defines shows there.  Skipped: the final link's
		  # kallsyms passes, 10 s a commit.
		  targets=vmlinux_o
		  # And the modules, where the configuration has them
		  # (arm64's: the test options, checked by modpost).
		  grep -qx CONFIG_MODULES=y "$BUILD/$k/.config" &&
			targets="$targets modules"
		  kmake "$k" -j"$(nproc)" $targets &&
		  undefined "$k" > "$BUILD/$k/.undefined-$c" &&
		  echo "bisect: $(( $(date +%s) - start ))s") \
			> "$OUT/bisect-$k.log" 2>&1 &
		eval "$pid=$!"
	done
	for k in $kinds; do
		pid=pid_${k//-/_}
		rc=0
		wait "${!pid}" || rc=$?
		report "$k" $rc "builds ($k, $(tail -1 "$OUT/bisect-$k.log" |
			sed 's/^bisect: //')): $subj" "$subj"
	done
	first=
done
# The tip, linked whole, as make kernel and the machines take it.
git -C "$TREE" checkout -q -f series
for k in $kinds; do
	targets=vmlinux
	grep -qx CONFIG_MODULES=y "$BUILD/$k/.config" &&
		targets="vmlinux modules"
	rc=0
	kmake "$k" -j"$(nproc)" $targets > "$OUT/bisect-$k.log" 2>&1 || rc=$?
	report "$k" $rc "links ($k): the tip" "the tip's link"
	# What each commit's vmlinux.o left undefined, the tip's must too.
	# A commit that fails this does not build: its count moves from
	# passed to failed.
	[ $rc = 0 ] || continue
	undefined "$k" > "$BUILD/$k/.undefined.linked"
	for c in $(git -C "$TREE" rev-list --reverse "$range"); do
		u=$BUILD/$k/.undefined-$c
		[ -f "$u" ] || continue
		new=$(comm -23 "$u" "$BUILD/$k/.undefined.linked")
		rm -f "$u"
		[ -n "$new" ] || continue
		echo "undefined in its vmlinux.o, and not by the linker script:" \
			$new > "$OUT/bisect-$k-undefined.log"
		ok=$((ok - 1))
		report "$k-undefined" 1 "" "$(git -C "$TREE" log -1 --format=%s "$c")"
	done
done
echo "$ok $fail" > "$OUT/results/bisect"
if [ $fail -eq 0 ]; then
	cp "$OUT/bisect.summary" "$BUILD/bisect-ok-$key"
	cp "$OUT/results/bisect" "$BUILD/bisect-ok-$key.result"
fi
[ $fail -eq 0 ]
