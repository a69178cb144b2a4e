#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The kernel git tree: its first commit, tagged pristine, is upstream as
# Debian's linux-source-7.3 ships it; branch series is patches/ applied
# with git am, series after series, one commit per patch, each commit's
# series in a git note (which rebase carries over: notes.rewriteRef), the
# last commit of each tagged series/DIR.  The tree lives in the cache outside
# the clone, and is rebuilt only when the queue changes.  Commits made in
# the tree and not yet written back by 'make refresh' are never thrown
# away: make tree stops and says so.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need tar xz git

[ -f "$TARBALL" ] || die "$TARBALL missing (run 'make deps')"
[ -n "$(series_dirs)" ] || die "$PATCHES holds no series (N-name/series)"

if ! git -C "$TREE" rev-parse -q --verify refs/tags/pristine >/dev/null 2>&1; then
	echo "tree: unpacking linux $KVER into $TREE (once)"
	rm -rf "$TREE.tmp"
	mkdir -p "$TREE.tmp"
	tar -xf "$TARBALL" -C "$TREE.tmp" --strip-components=1
	git -C "$TREE.tmp" init -q -b upstream
	git -C "$TREE.tmp" config core.autocrlf false
	git -C "$TREE.tmp" config gc.auto 0
	git -C "$TREE.tmp" add -A -f .
	git -C "$TREE.tmp" commit -q -m "Linux $KVER (Debian $KSRC_PKG $KSRC_VERSION)"
	git -C "$TREE.tmp" tag pristine
	rm -rf "$TREE"
	mv "$TREE.tmp" "$TREE"
fi

# The queue, hashed: rebuild only on change.
stamp=$(queue_stamp)
head=$(git -C "$TREE" rev-parse -q --verify HEAD)
tip=$(git -C "$TREE" config --get msidoorbell.tip || true)
if [ "$(git -C "$TREE" config --get msidoorbell.stamp || true)" = "$stamp" ] &&
   [ "$(git -C "$TREE" rev-parse --abbrev-ref HEAD)" = series ]; then
	exit 0
fi
# The queue changed: is there work in the tree that patches/ lacks?
if [ -n "$tip" ] && git -C "$TREE" rev-parse -q --verify series >/dev/null &&
   [ "$(git -C "$TREE" rev-parse series)" != "$tip" ]; then
	die "$TREE has commits on 'series' that patches/ does not hold: 'make refresh' writes them back (or 'git -C $TREE reset --hard $tip' drops them)"
fi
[ -d "$TREE/.git/rebase-apply" ] && git -C "$TREE" am --abort

echo "tree: applying patches/ to linux $KVER with git am"
git -C "$TREE" checkout -q -f -B series refs/tags/pristine
git -C "$TREE" clean -q -fdx
git -C "$TREE" config notes.rewriteRef refs/notes/commits
git -C "$TREE" update-ref -d refs/notes/commits
for t in $(git -C "$TREE" tag -l 'series/*'); do git -C "$TREE" tag -d "$t" >/dev/null; done
for d in $(series_dirs); do
	for p in $(series_patches "$d"); do
		[ -f "$p" ] || die "patches/$d/series names $(basename "$p"), which does not exist"
		if ! out=$(authored "$p" | git -C "$TREE" am -q --whitespace=nowarn 2>&1); then
			echo "$out" >&2
			git -C "$TREE" am --abort
			git -C "$TREE" config --unset msidoorbell.tip || true
			die "$d/$(basename "$p") no longer applies to linux $KVER (the file and hunk are named above)"
		fi
		git -C "$TREE" notes add -f -m "series: $d" HEAD
	done
	git -C "$TREE" tag "series/$d" HEAD
done
git -C "$TREE" config msidoorbell.stamp "$stamp"
git -C "$TREE" config msidoorbell.tip "$(git -C "$TREE" rev-parse HEAD)"
echo "tree: $TREE at $(git -C "$TREE" log --oneline -1 | cut -c1-60)"
