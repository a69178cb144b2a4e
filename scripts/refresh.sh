#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make refresh: write the tree's branch 'series' back into patches/, as
# git format-patch writes it, deterministically (zero commit ids, no
# signature, fixed abbrev, no numbers in the subjects), and patches/series
# in that order.  Only the files whose content changed are rewritten; the
# patches no commit gives any more are removed.  The cover letter,
# patches/0000-cover-letter.patch, keeps its subject and text; its
# shortlog and diffstat are git's.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need git

[ "$(git -C "$TREE" rev-parse --abbrev-ref HEAD)" = series ] ||
	die "$TREE is not on branch 'series' (finish the rebase first)"
git -C "$TREE" diff --quiet HEAD ||
	die "$TREE has uncommitted changes: commit them (git commit --fixup=...) first"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git -C "$TREE" -c core.abbrev=12 -c diff.noprefix=false format-patch -q \
	--zero-commit --no-signature --no-numbered --abbrev=12 --cover-letter \
	--base=refs/tags/pristine -o "$tmp" refs/tags/pristine..series
# Our subject and text, git's shortlog and diffstat.
[ ! -f "$PATCHES/0000-cover-letter.patch" ] ||
python3 - "$tmp/0000-cover-letter.patch" "$PATCHES/0000-cover-letter.patch" <<'PY'
import re, sys
new, old = (open(p).read() for p in sys.argv[1:])
subj = re.search(r"^Subject: (.*(?:\n [^\n]*)*)", old, re.M).group(1)
blurb = old.split("\n\n", 1)[1]
# The template puts a blank line before the shortlog: keep none of ours.
blurb = blurb[:blurb.index("\nmsi-doorbell developers (")].rstrip("\n") + "\n"
new = new.replace("*** SUBJECT HERE ***", re.sub(r"^\[PATCH[^]]*\] ", "", subj))
new = new.replace("*** BLURB HERE ***\n", blurb)
open(sys.argv[1], "w").write(new)
PY

mkdir -p "$PATCHES"
changed=0
for f in "$tmp"/*.patch; do
	n=$(basename "$f")
	if ! cmp -s "$f" "$PATCHES/$n"; then
		cp "$f" "$PATCHES/$n"
		echo "refresh: $n"
		changed=$((changed + 1))
	fi
done
for f in "$PATCHES"/[0-9]*.patch; do
	n=$(basename "$f")
	[ -f "$tmp/$n" ] || {
		rm -f "$f"
		echo "refresh: removed $n"
		changed=$((changed + 1))
	}
done
(echo "# The series, in order (quilt's format); written by 'make refresh'."
 cd "$tmp" && ls ./*.patch | sed 's|^\./||' | grep -v '^0000-cover-letter') > "$tmp/series"
cmp -s "$tmp/series" "$PATCHES/series" || { cp "$tmp/series" "$PATCHES/series"; changed=$((changed + 1)); }

# The tree now is what patches/ says: make tree has nothing to redo.
stamp=$( (sha1sum "$TOP/scripts/tree.sh" "$PATCHES/series"
	  for p in $(series_patches); do sha1sum "$p"; done) |
	sed "s|$TOP/||" | sha1sum | cut -d' ' -f1)
git -C "$TREE" config msidoorbell.stamp "$stamp"
git -C "$TREE" config msidoorbell.tip "$(git -C "$TREE" rev-parse HEAD)"
echo "refresh: $changed file(s) changed in patches/"
