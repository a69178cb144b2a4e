#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Developer helper: scripts/refresh.sh
# After an earlier patch of the series changed, rewrites every later diff
# of the repo against the file as the patches before it now leave it:
# each diff is applied with fuzz to that state and written out again, so
# that its offsets and context match (tree.sh applies without fuzz).
# Stops at the first diff that does not apply even with fuzz, to be
# fixed by hand.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need git patch diff

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/a"

for e in $(series_entries); do
	for f in $(series_files "$e"); do
		case "$f" in
		*.diff) ;;
		*:*) path=${f#*:}; mkdir -p "$work/a/$(dirname "$path")"
		     cp "$TOP/${f%%:*}" "$work/a/$path"; continue ;;
		*) mkdir -p "$work/a/$(dirname "$f")"
		   cp "$TOP/$f" "$work/a/$f"; continue ;;
		esac
		path=$(sed -n '1s|^--- a/||p' "$TOP/$f")
		if [ ! -f "$work/a/$path" ]; then
			mkdir -p "$work/a/$(dirname "$path")"
			git -C "$TREE" show "refs/tags/pristine:$path" \
				> "$work/a/$path"
		fi
		cp "$work/a/$path" "$work/before"
		if ! patch -s -F3 --no-backup-if-mismatch -r - \
				"$work/a/$path" < "$TOP/$f"; then
			die "$f does not apply to the series before $(basename "$e")"
		fi
		diff -u --label "a/$path" --label "b/$path" \
			"$work/before" "$work/a/$path" > "$work/new" || true
		if ! cmp -s "$work/new" "$TOP/$f"; then
			cp "$work/new" "$TOP/$f"
			echo "refresh: rewrote $f"
		fi
	done
done
