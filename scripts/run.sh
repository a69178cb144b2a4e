#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make run: run the registry's KUnit suites under UML and print what each
# case checked and how it went.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

bash "$TOP/scripts/kunit.sh" > /dev/null
rc=$?
[ -f "$OUT/kunit.json" ] || { tail -30 "$OUT/kunit.log"; exit 1; }
python3 - "$OUT/kunit.json" <<'PY'
import json, sys

def walk(group, depth=0):
    for case in group.get("test_cases", []):
        status = case["status"]
        mark = {"PASS": "ok  ", "SKIP": "skip", "FAIL": "FAIL"}.get(status, status)
        print(f"  {mark} {case['name']}")
    for sub in group.get("sub_groups", []):
        print(f"{sub['name']}:")
        walk(sub, depth + 1)

data = json.load(open(sys.argv[1]))
print("MSI doorbell registry, KUnit under UML (lockdep + KASAN):")
walk(data)
PY
grep -a "Ran [0-9]* tests" "$OUT/kunit.log" | sed 's/^\[[0-9:]*\] //'
exit $rc
