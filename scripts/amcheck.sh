#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make am-check: each series of patches/ applies with git am, in order,
# the first onto pristine linux unpacked afresh from Debian's tarball and
# each onto the ones before it, apart from the tree make tree keeps (only
# the files the patches touch are unpacked: git am needs no more); the
# whole stack gives exactly the files of the tree's branch 'series'.
# Writes out/results/am: one check per series, and one for the stack.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need git tar xz

mkdir -p "$OUT/results"
echo "0 1" > "$OUT/results/am"
bash "$TOP/scripts/tree.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

mapfile -t mails < <(series_patches)
[ ${#mails[@]} -gt 0 ] || die "patches/series lists no patch"
# Every file a patch names, old or new side; the new ones are not there.
sed -n "s#^diff --git a/\\([^ ]*\\) b/.*#$KSRC_PKG/\\1#p" "${mails[@]}" |
	sort -u > "$tmp/files"
mkdir "$tmp/linux"
tar -xJf "$TARBALL" -C "$tmp/linux" --strip-components=1 \
	--files-from="$tmp/files" --ignore-failed-read 2>/dev/null || true
git -C "$tmp/linux" init -q
git -C "$tmp/linux" add -A -f .
git -C "$tmp/linux" commit -q -m pristine
ok=0
for d in $(series_dirs); do
	for p in $(series_patches "$d"); do
		authored "$p" | git -C "$tmp/linux" am -q ||
			die "$d/$(basename "$p") does not apply with git am onto $(git -C "$tmp/linux" log -1 --format=%s)"
	done
	echo "am: $d: $(series_patches "$d" | wc -l) patches apply with git am onto $(git -C "$tmp/linux" log -1 --format=%s HEAD~"$(series_patches "$d" | wc -l)" | cut -c1-50)"
	ok=$((ok + 1))
done
bad=0
while read -r f; do
	f=${f#$KSRC_PKG/}
	if git -C "$TREE" cat-file -e "series:$f" 2>/dev/null; then
		git -C "$TREE" show "series:$f" | cmp -s - "$tmp/linux/$f" ||
			{ echo "am-check: $f differs from the tree" >&2; bad=1; }
	elif [ -e "$tmp/linux/$f" ]; then
		echo "am-check: $f exists, not in the tree" >&2
		bad=1
	fi
done < "$tmp/files"
[ $bad = 0 ] || die "git am of patches/ does not give the series' tree"
echo "am: ${#mails[@]} patches apply to pristine linux $KVER with git am, and give the tree"
echo "$((ok + 1)) 0" > "$OUT/results/am"
