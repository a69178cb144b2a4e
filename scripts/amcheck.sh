#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make am-check: patches/series applies with git am to pristine linux
# unpacked afresh from Debian's tarball, apart from the tree make tree
# keeps (only the files the patches touch are unpacked: git am needs no
# more), and gives exactly the files of the tree's branch 'series'.
# Writes out/results/am.
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
git -C "$tmp/linux" am -q "${mails[@]}" ||
	die "patches/ does not apply to pristine linux $KVER with git am"
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
echo "1 0" > "$OUT/results/am"
