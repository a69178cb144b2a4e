#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Developer helper: scripts/mkdiff.sh PATH EDITED [OUT]
# Writes the unified diff from pristine upstream PATH to the file EDITED,
# as a diff kept beside its path in the repo (default PATH.diff).
# BASE=REV diffs against REV of the tree instead, for a file that an
# earlier patch of the series changes too.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
path=$1
edited=$2
out=${3:-$TOP/$path.diff}
orig=$(mktemp)
trap 'rm -f "$orig"' EXIT
git -C "$TREE" show "${BASE:-refs/tags/pristine}:$path" > "$orig"
mkdir -p "$(dirname "$out")"
diff -u --label "a/$path" --label "b/$path" "$orig" "$edited" > "$out" || true
echo "wrote $out"
