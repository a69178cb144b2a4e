#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build the kernel git tree: commit 1 is pristine upstream from Debian's
# linux-source-6.12, the next commits are this project's series, one commit
# per file in series/.  The tree lives in a cache outside the clone and is
# only rebuilt when the series or the files it names change.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need tar xz git patch

[ -n "$KVER" ] || die "linux-source-6.12 is not installed (run 'make deps')"
[ -f "$TARBALL" ] || die "$TARBALL missing (run 'make deps')"

if ! git -C "$TREE" rev-parse -q --verify refs/tags/pristine >/dev/null 2>&1; then
	echo "tree: unpacking linux $KVER into $TREE (once)"
	rm -rf "$TREE.tmp"
	mkdir -p "$TREE.tmp"
	tar -xf "$TARBALL" -C "$TREE.tmp" --strip-components=1
	git -C "$TREE.tmp" init -q -b upstream
	git -C "$TREE.tmp" config core.autocrlf false
	git -C "$TREE.tmp" config gc.auto 0
	git -C "$TREE.tmp" add -A -f .
	git -C "$TREE.tmp" commit -q -m "Linux $KVER (Debian linux-source-6.12)"
	git -C "$TREE.tmp" tag pristine
	rm -rf "$TREE"
	mv "$TREE.tmp" "$TREE"
fi

# Everything that goes into the series, hashed: rebuild only on change.
stamp=$(
	sha1sum "$TOP/scripts/tree.sh"
	for e in $(series_entries); do
		sha1sum "$e"
		for f in $(series_files "$e"); do
			[ -f "$TOP/${f%%:*}" ] || die "$e names ${f%%:*}, which does not exist"
			sha1sum "$TOP/${f%%:*}"
		done
	done | sed "s|$TOP/||" | sha1sum | cut -d' ' -f1
)
if [ "$(git -C "$TREE" config --get msidoorbell.stamp || true)" = "$stamp" ] &&
   [ "$(git -C "$TREE" rev-parse --abbrev-ref HEAD)" = series ] &&
   git -C "$TREE" diff --quiet HEAD; then
	exit 0
fi

echo "tree: applying the series to linux $KVER"
git -C "$TREE" checkout -q -f -B series refs/tags/pristine
git -C "$TREE" clean -q -fd
for e in $(series_entries); do
	for f in $(series_files "$e"); do
		case "$f" in
		*.diff)
			if ! out=$(patch -d "$TREE" -p1 -F0 -N --dry-run -s \
					< "$TOP/$f" 2>&1); then
				echo "$out" >&2
				die "$f no longer applies to linux $KVER (entry $(basename "$e"))"
			fi
			patch -d "$TREE" -p1 -F0 -N -s --no-backup-if-mismatch \
				< "$TOP/$f"
			;;
		*:*)
			# kunit/foo.c:kernel/irq/foo.c, a suite placed into the tree
			mkdir -p "$TREE/$(dirname "${f#*:}")"
			cp "$TOP/${f%%:*}" "$TREE/${f#*:}"
			git -C "$TREE" add -f "${f#*:}"
			;;
		*)
			mkdir -p "$TREE/$(dirname "$f")"
			cp "$TOP/$f" "$TREE/$f"
			# Debian's tarball has a .gitignore of "/*": be explicit.
			git -C "$TREE" add -f "$f"
			;;
		esac
	done
	git -C "$TREE" add -u .
	series_message "$e" | git -C "$TREE" commit -q -F -
done
git -C "$TREE" config msidoorbell.stamp "$stamp"
echo "tree: $TREE at $(git -C "$TREE" log --oneline -1 | cut -c1-60)"
