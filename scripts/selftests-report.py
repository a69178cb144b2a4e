#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# scripts/selftests-report.py OUT MACHINE...: the KTAP of upstream's
# selftests on each machine's two consoles (OUT/qemu-st-MACHINE-series and
# -stock .console, from scripts/selftests.sh), side by side:
# OUT/selftests.md (a row per test program, mode and machine),
# OUT/selftests-summary.md (a row per program and machine) and
# OUT/selftests-diff.txt (each case whose result differs).
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
summary = collections.OrderedDict()
for m in machines:
    s = results('%s/qemu-st-%s-series.console' % (out, m))
    k = results('%s/qemu-st-%s-stock.console' % (out, m))
    for key in sorted(set(s) | set(k)):
        a, b = s.get(key, {}), k.get(key, {})
        same = 'same' if a == b else 'differs'
        rows.append('| %s | %s | %s | %s | %s | %s |' %
                    (key[0], key[1], m, count(a), count(b), same))
        sa, sb, modes = summary.setdefault((key[0], m), ({}, {}, set()))
        sa.update(a)
        sb.update(b)
        modes.add(key[1])
        for case in sorted(set(a) | set(b)):
            if a.get(case) != b.get(case):
                diffs.append('%s %s: series %s, stock %s' %
                             (m, case, a.get(case, 'absent'), b.get(case, 'absent')))

with open(out + '/selftests.md', 'w') as f:
    f.write('| test | mode | machine | series pass/fail/skip | stock pass/fail/skip | |\n')
    f.write('| --- | --- | --- | --- | --- | --- |\n')
    f.write('\n'.join(rows) + '\n')
with open(out + '/selftests-summary.md', 'w') as f:
    f.write('| test | machine | series pass/fail/skip | stock pass/fail/skip | cases that differ |\n')
    f.write('| --- | --- | --- | --- | --- |\n')
    for (prog, m), (a, b, modes) in summary.items():
        nd = sum(1 for c in set(a) | set(b) if a.get(c) != b.get(c))
        f.write('| %s | %s | %s | %s | %d |\n' % (prog, m, count(a), count(b), nd))
with open(out + '/selftests-diff.txt', 'w') as f:
    f.write('\n'.join(diffs) + ('\n' if diffs else ''))
print(open(out + '/selftests-summary.md').read(), end='')
print('selftests: %d case(s) differ between the series and stock (out/selftests-diff.txt)'
      % len(diffs))