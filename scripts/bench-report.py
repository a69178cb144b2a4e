#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# scripts/bench-report.py DIR: the table of make bench, from the lines
# scripts/bench.sh gathered in DIR; writes DIR/registry.csv, pages.csv,
# vfio.csv and boot.csv.
import csv
import os
import re
import statistics
import sys

d = sys.argv[1]


def lines(name):
    p = os.path.join(d, name)
    return open(p, errors='replace').read().splitlines() if os.path.exists(p) else []


def write(name, head, rows):
    with open(os.path.join(d, name), 'w', newline='') as f:
        w = csv.writer(f)
        w.writerow(head)
        w.writerows(rows)


# 1. The registry against the 2016 design.
op_re = re.compile(r'N=(\d+) op=(\S+) registry=(\d+) min=(\d+) max=(\d+) '
                   r'ref2016=(\d+) min=(\d+) max=(\d+)')
pg_re = re.compile(r'N=(\d+) pages: registry (\d+) \(device\), (\d+) \(set\), (\d+) \(all\); '
                   r'2016 design (\d+), (\d+), (\d+)')
reg, pages = [], []
for plat, name in (('uml', 'registry-uml.txt'), ('arm64', 'registry-arm64.txt')):
    for ln in lines(name):
        m = op_re.search(ln)
        if m:
            n, op = int(m[1]), m[2]
            r, rmin, rmax, f, fmin, fmax = (int(x) for x in m.groups()[2:])
            reg.append([plat, n, op, r, rmin, rmax, f, fmin, fmax,
                        round(f / max(r, 1), 2)])
        m = pg_re.search(ln)
        if m:
            v = [int(x) for x in m.groups()]
            pages.append([plat, v[0], v[1], v[4], v[2], v[5], v[3], v[6]])
write('registry.csv', ['platform', 'N', 'op', 'registry_ns', 'registry_min_ns',
                       'registry_max_ns', 'ref2016_ns', 'ref2016_min_ns',
                       'ref2016_max_ns', 'ref2016/registry'], reg)
write('pages.csv', ['platform', 'N', 'device_registry', 'device_ref2016',
                    'set_registry', 'set_ref2016', 'all_registry', 'all_ref2016'],
      pages)

print('Registry against the 2016 design: median ns per operation '
      '(ratio = 2016 / registry, > 1 is faster)')
ops = ['verdict', 'lookup', 'device-pages', 'set-pages', 'register',
       'unregister']
for plat in ('uml', 'arm64'):
    rows = [r for r in reg if r[0] == plat]
    if not rows:
        continue
    ns = sorted({r[1] for r in rows})
    print(f'  {plat}:')
    print('    %-13s' % 'op' + ''.join('%22s' % f'N={n}' for n in ns))
    for op in ops:
        cells = []
        for n in ns:
            r = [x for x in rows if x[1] == n and x[2] == op]
            cells.append('%22s' % (f'{r[0][3]}/{r[0][6]} x{r[0][9]}' if r else '-'))
        print('    %-13s' % op + ''.join(cells))
for p in pages:
    if p[1] == max(q[1] for q in pages if q[0] == p[0]):
        print(f'  pages at N={p[1]} ({p[0]}): device {p[2]} (2016: {p[3]}), '
              f'two devices {p[4]} (2016: {p[5]}), all {p[6]} (2016: {p[7]})')

# 2. VFIO, series against stock: per round the medians, then the median
# over the rounds and the spread of the per-round ratios.
v_re = re.compile(r'^(series|stock) (\d+) vfio-bench\[(\w+)\]: ([\w-]+): n=(\d+) '
                  r'median=(\d+) p10=(\d+) p90=(\d+)')
runs = {}
for ln in lines('vfio.txt'):
    m = v_re.search(ln)
    if m:
        runs.setdefault((m[3], m[4]), {}).setdefault(m[1], {})[int(m[2])] = int(m[6])
vrows = []
if runs:
    print('VFIO on edu, series against stock 7.3: median ns of the rounds\' medians')
    print('    %-7s %-11s %12s %12s %8s %16s' % ('mode', 'op', 'series', 'stock',
                                               'ratio', 'ratio min..max'))
for (mode, op), k in sorted(runs.items()):
    s, t = k.get('series', {}), k.get('stock', {})
    common = sorted(set(s) & set(t))
    if not common:
        continue
    ratios = [s[r] / max(t[r], 1) for r in common]
    sm, tm = statistics.median(s.values()), statistics.median(t.values())
    ratio = sm / max(tm, 1)
    vrows.append([mode, op, len(common), int(sm), int(tm), round(ratio, 3),
                  round(min(ratios), 3), round(max(ratios), 3)])
    print('    %-7s %-11s %12d %12d %8.3f %7.3f..%-7.3f' % (mode, op, sm, tm, ratio,
                                                       min(ratios), max(ratios)))
# GET_INFO less the device capability, whose cost the registry's
# benchmark measured on the same kernel (its "vfio-cap:" line).
cap = [int(m[1]) for m in (re.search(r'vfio-cap: \S+ median=(\d+)', ln)
                           for ln in lines('registry-arm64.txt')) if m]
for r in list(vrows):
    if cap and r[1] == 'get-info':
        less = r[3] - cap[0]
        vrows.append([r[0], 'get-info-less-cap', r[2], less, r[4],
                      round(less / max(r[4], 1), 3), '', ''])
        print('    %-7s %-11s %12d %12d %8.3f   (the capability: %d)' %
              (r[0], 'get-info -cap', less, r[4], less / max(r[4], 1), cap[0]))
write('vfio.csv', ['mode', 'op', 'rounds', 'series_ns', 'stock_ns', 'series/stock',
                   'ratio_min', 'ratio_max'], vrows)

# 3. Boot: the doorbells registered, what registering them costs at the
# registry's own measured price, against the time to /init.
ts_re = re.compile(r'^(\w+) \[ *(\d+\.\d+)\] (.*)$')
boot = {}
for ln in lines('boot.txt'):
    m = ts_re.match(ln)
    if not m:
        # /init's own lines carry no time stamp.
        m = re.match(r'^(\w+) ()(.*)$', ln)
        if not m:
            continue
    b = boot.setdefault(m[1], {'doorbells': 0, 'init': None, 'listing': False})
    if 'Run /init' in m[3]:
        b['init'] = float(m[2])
    if m[3].startswith('msi-doorbell: begin doorbells'):
        b['listing'] = True
    elif m[3].startswith('msi-doorbell: end doorbells'):
        b['listing'] = False
    elif b['listing'] and re.match(r'0x[0-9a-f]+ 0x[0-9a-f]+ (un)?safe ', m[3]):
        b['doorbells'] += 1
reg1 = [r for r in reg if r[0] == 'arm64' and r[1] == 1 and r[2] == 'register']
brows = []
for m, b in sorted(boot.items()):
    if b['init'] is None:
        continue
    cost = b['doorbells'] * reg1[0][3] if reg1 else None
    brows.append([m, b['doorbells'], cost if cost is not None else '',
                  int(b['init'] * 1e9)])
    print(f'Boot ({m}): {b["doorbells"]} doorbell(s) registered'
          + (f', ~{cost} ns at the measured {reg1[0][3]} ns each' if reg1 else '')
          + f', /init at {b["init"]:.3f} s'
          + (f' ({cost / (b["init"] * 1e9) * 100:.5f}% of the boot)' if reg1 else ''))
write('boot.csv', ['machine', 'doorbells', 'register_ns', 'boot_to_init_ns'], brows)
