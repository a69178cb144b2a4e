#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# out/patches/: the series as git format-patch mails with a cover letter.
# With --bisect, also build every commit on its own (incrementally, with
# ccache) in each kernel configuration the series is tested in.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

bash "$TOP/scripts/tree.sh"
rm -rf "$OUT/patches"
mkdir -p "$OUT/patches"
git -C "$TREE" format-patch -q --cover-letter --no-signature \
	--base=refs/tags/pristine -o "$OUT/patches" refs/tags/pristine..series

# The cover letter's subject and blurb come from series/cover-letter.
cover=$OUT/patches/0000-cover-letter.patch
subject=$(head -1 "$TOP/series/cover-letter")
python3 - "$cover" "$subject" "$TOP/series/cover-letter" <<'PY'
import sys
path, subject, blurb = sys.argv[1], sys.argv[2], sys.argv[3]
text = open(path).read()
body = open(blurb).read().split("\n", 2)[2]
text = text.replace("*** SUBJECT HERE ***", subject)
text = text.replace("*** BLURB HERE ***\n", body)
open(path, "w").write(text)
PY
ls "$OUT/patches"

[ "${1:-}" = --bisect ] || exit 0

# Build every commit, oldest first, in every configuration, each
# configured afresh for that commit; then come back to the tip.
kinds=$(kinds)
[ -n "$kinds" ] || die "no kernel configured yet: run 'make kunit' first"
fail=0
ok=0
mkdir -p "$OUT/results"
echo "0 1" > "$OUT/results/bisect"
trap 'git -C "$TREE" checkout -q -f series' EXIT
for c in $(git -C "$TREE" rev-list --reverse refs/tags/pristine..series); do
	git -C "$TREE" checkout -q -f "$c"
	subj=$(git -C "$TREE" log -1 --format=%s "$c")
	for k in $kinds; do
		if (configure "$k" && kmake "$k" -j"$(nproc)" all) \
			> "$OUT/bisect.log" 2>&1; then
			echo "bisect: builds ($k): $subj"
			ok=$((ok + 1))
		else
			echo "bisect: FAILS ($k): $subj" >&2
			tail -20 "$OUT/bisect.log" >&2
			fail=$((fail + 1))
		fi
	done
done
echo "$ok $fail" > "$OUT/results/bisect"
[ $fail -eq 0 ]
