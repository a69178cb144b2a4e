#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Apply out/patches/ to pristine linux with git am and check that the
# result is exactly the series.  Writes out/results/am.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need git

mkdir -p "$OUT/results"
echo "0 1" > "$OUT/results/am"
trap 'git -C "$TREE" am --abort >/dev/null 2>&1 || true
      git -C "$TREE" checkout -q -f series
      git -C "$TREE" branch -q -D am-check >/dev/null 2>&1 || true' EXIT

git -C "$TREE" checkout -q -f -B am-check refs/tags/pristine
mapfile -t mails < <(ls "$OUT"/patches/*.patch | grep -v /0000-cover-letter)
[ ${#mails[@]} -gt 0 ] || die "no patches in $OUT/patches: run 'make patches'"
git -C "$TREE" am -q "${mails[@]}" ||
	die "the series does not apply to pristine linux $KVER with git am"
if ! git -C "$TREE" diff --quiet series am-check; then
	git -C "$TREE" diff --stat series am-check >&2
	die "git am of out/patches/ does not give the series' tree"
fi
echo "am: ${#mails[@]} patches apply to pristine linux $KVER with git am"
echo "1 0" > "$OUT/results/am"
