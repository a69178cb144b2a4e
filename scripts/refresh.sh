#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make refresh: write the tree's branch 'series' back into patches/, one
# directory per series, as git format-patch writes it, deterministically
# (zero commit ids, no signature, fixed abbrev, no numbers in the
# subjects), each directory's 'series' in that order.  A commit belongs to
# the series its git note names (make tree writes them, rebase carries
# them over); a commit without one (made since) to the series of the
# commit before it; 'git notes edit' moves a commit to another series,
# which must keep the series in order.  Only the files whose content
# changed are rewritten; the patches no commit gives any more are
# removed.  Each cover letter keeps its subject and text; its shortlog
# and diffstat are git's.  Nobody is named: the From: line is dropped,
# and nobody signs (make mail does, as the sender).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need git python3

[ "$(git -C "$TREE" rev-parse --abbrev-ref HEAD)" = series ] ||
	die "$TREE is not on branch 'series' (finish the rebase first)"
git -C "$TREE" diff --quiet HEAD ||
	die "$TREE has uncommitted changes: commit them (git commit --fixup=...) first"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Each commit's series, in order; the series must follow each other.
cur=
: > "$tmp/map"
for c in $(git -C "$TREE" rev-list --reverse refs/tags/pristine..series); do
	s=$(series_of "$c")
	s=${s:-$cur}
	[ -n "$s" ] || die "commit $(git -C "$TREE" log -1 --format='%h %s' "$c") has no series: 'git -C $TREE notes add -m \"series: N-name\" $c'"
	if [ -n "$cur" ] && [ "$s" != "$cur" ] && grep -q " $s\$" "$tmp/map"; then
		die "series $s comes again after $cur at $(git -C "$TREE" log -1 --format='%h %s' "$c"): a series is one run of commits"
	fi
	if [ -n "$cur" ] && [ "$s" != "$cur" ] && [ "${s%%-*}" -le "${cur%%-*}" ]; then
		die "series $s follows $cur: the series go in the order of their numbers"
	fi
	echo "$c $s" >> "$tmp/map"
	cur=$s
done

changed=0
base=refs/tags/pristine
for t in $(git -C "$TREE" tag -l 'series/*'); do git -C "$TREE" tag -d "$t" >/dev/null; done
for s in $(awk '{ print $2 }' "$tmp/map" | uniq); do
	last=$(awk -v s="$s" '$2 == s { c = $1 } END { print c }' "$tmp/map")
	git -C "$TREE" tag "series/$s" "$last"
	out=$tmp/$s
	mkdir -p "$out"
	# --base names pristine and, for a series on top of others, the
	# patch ids of those (prerequisite-patch-id).
	git -C "$TREE" -c core.abbrev=12 -c diff.noprefix=false format-patch -q \
		--zero-commit --no-signature --no-numbered --abbrev=12 --cover-letter \
		--base=refs/tags/pristine -o "$out" "$base..$last"
	# Nobody's name: no From: line in the patches, none in the shortlog.
	for f in "$out"/*.patch; do
		sed -i '1,/^$/{/^From: /d}' "$f"
	done
	python3 "$TOP/scripts/cover.py" merge "$out/0000-cover-letter.patch" \
		"$PATCHES/$s/0000-cover-letter.patch" "$GIT_AUTHOR_NAME"
	(echo "# The series $s, in order (quilt's format); written by 'make refresh'."
	 cd "$out" && ls ./*.patch | sed 's|^\./||' | grep -v '^0000-cover-letter') > "$out/series"
	mkdir -p "$PATCHES/$s"
	for f in "$out"/*; do
		n=$(basename "$f")
		if ! cmp -s "$f" "$PATCHES/$s/$n"; then
			cp "$f" "$PATCHES/$s/$n"
			echo "refresh: $s/$n"
			changed=$((changed + 1))
		fi
	done
	for f in "$PATCHES/$s"/*; do
		n=$(basename "$f")
		[ -f "$out/$n" ] || {
			rm -f "$f"
			echo "refresh: removed $s/$n"
			changed=$((changed + 1))
		}
	done
	base=$last
done
# A series no commit belongs to any more goes.
for d in $(series_dirs); do
	grep -q " $d\$" "$tmp/map" || {
		rm -rf "${PATCHES:?}/$d"
		echo "refresh: removed series $d"
		changed=$((changed + 1))
	}
done

# The tree now is what patches/ says: make tree has nothing to redo.
git -C "$TREE" config msidoorbell.stamp "$(queue_stamp)"
git -C "$TREE" config msidoorbell.tip "$(git -C "$TREE" rev-parse HEAD)"
echo "refresh: $changed file(s) changed in patches/"
