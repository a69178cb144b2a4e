#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make selftests: upstream's VFIO and iommufd selftests, built from the
# tree with the series, on the series' kernel (out/arm64/Image) and on
# stock 7.3 built with the same Kconfig.fragment from a worktree of the
# pristine tree (out/arm64/Image-stock), on each machine of
# qemu/selftests/machines/.  Writes out/selftests.md: a row per test
# program and IOMMU mode, the cases that passed, failed and were skipped
# on each kernel; and out/selftests-diff.txt: every case whose result
# differs.  Not part of make check: the stock kernel is a build of its own.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

stock=$CACHE/linux-$KVER-stock
[ -d "$stock" ] ||
	git -C "$TREE" worktree add -q --detach "$stock" refs/tags/pristine ||
	die "cannot add the stock worktree $stock"
start=$(date +%s)
(
	TREE=$stock BUILD=$CACHE/build-$KVER-stock
	configure arm64
	kmake arm64 -s -j"$(nproc)" Image
) > "$OUT/arm64/build-stock.log" 2>&1 ||
	{ tail -20 "$OUT/arm64/build-stock.log" >&2; die "stock build failed"; }
cp "$CACHE/build-$KVER-stock/arm64/arch/arm64/boot/Image" "$OUT/arm64/Image-stock"
echo "selftests: out/arm64/Image-stock ($(( $(date +%s) - start ))s)"

dir=$OUT/selftests-machines
rm -rf "$dir"
mkdir -p "$dir"
rc=0
machines=()
for def in "$TOP"/qemu/selftests/machines/*; do
	m=$(basename "$def")
	for k in series stock; do
		img=Image
		[ $k = stock ] && img=Image-stock
		# KUnit off on both: the series' suites are not what is compared.
		{ printf 'kernel %s\nappend kunit.enable=0\nnokunit\n' $img
		  cat "$def"; } > "$dir/st-$m-$k"
		MACHINES_DIR=$dir bash "$TOP/scripts/qemu.sh" "st-$m-$k" |
			tail -1 || rc=1
	done
	machines+=("$m")
done

python3 - "$OUT" "${machines[@]}" <<'EOF'
import collections, re, sys

out, machines = sys.argv[1], sys.argv[2:]

def results(path):
    """{(program, mode): {case: 'pass'|'fail'|'skip'}} from a console."""
    res = collections.defaultdict(dict)
    prog = None
    for line in open(path, errors='replace'):
        line = line.rstrip('\n')
        m = re.match(r'msi-doorbell: begin (\S+)', line)
        if m:
            prog = m.group(1).split(':')[-1].split('/')[0]
            continue
        m = re.match(r'(not )?ok \d+ (\S+)(.*)$', line)
        if not m or prog is None:
            continue
        parts = m.group(2).split('.')
        mode = parts[1] if len(parts) == 3 else '-'
        if prog == 'iommufd':
            mode = 'mock'
        r = 'fail' if m.group(1) else ('skip' if '# SKIP' in m.group(3) else 'pass')
        res[(prog, mode)][m.group(2)] = r
    return res

def count(d):
    c = collections.Counter(d.values())
    return '%d/%d/%d' % (c['pass'], c['fail'], c['skip'])

rows, diffs = [], []
for m in machines:
    s = results('%s/qemu-st-%s-series.console' % (out, m))
    k = results('%s/qemu-st-%s-stock.console' % (out, m))
    for key in sorted(set(s) | set(k)):
        a, b = s.get(key, {}), k.get(key, {})
        same = 'same' if a == b else 'differs'
        rows.append('| %s | %s | %s | %s | %s | %s |' %
                    (key[0], key[1], m, count(a), count(b), same))
        for case in sorted(set(a) | set(b)):
            if a.get(case) != b.get(case):
                diffs.append('%s %s: series %s, stock %s' %
                             (m, case, a.get(case, 'absent'), b.get(case, 'absent')))

with open(out + '/selftests.md', 'w') as f:
    f.write('| test | mode | machine | series pass/fail/skip | stock pass/fail/skip | |\n')
    f.write('| --- | --- | --- | --- | --- | --- |\n')
    f.write('\n'.join(rows) + '\n')
with open(out + '/selftests-diff.txt', 'w') as f:
    f.write('\n'.join(diffs) + ('\n' if diffs else ''))
print(open(out + '/selftests.md').read(), end='')
print('selftests: %d case(s) differ between the series and stock (out/selftests-diff.txt)'
      % len(diffs))
EOF
exit $rc
