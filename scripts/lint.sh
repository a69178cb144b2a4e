#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Static checks, zero warnings being the bar:
#  - scripts/checkpatch.pl --strict on every patch of every series (or
#    of SERIES=N-name alone);
#  - sparse (C=2) and W=1 on every C file the series adds or changes, in
#    each kernel configuration that builds it; its userspace (upstream's
#    selftests) compiled with -Wall -Wextra -Werror;
#  - scripts/kernel-doc -none -Wall on the C files and headers it adds.
# Writes out/lint.log and out/results/lint ("passed failed", one per check).
set -uo pipefail
. "$(dirname "$0")/lib.sh"
need make sparse perl git aarch64-linux-gnu-gcc

mkdir -p "$OUT/results"
log=$OUT/lint.log
: > "$log"
passed=0
failed=0

result() {	# result NAME OK? DETAILS-FILE
	if [ "$2" = 0 ]; then
		passed=$((passed + 1))
		echo "ok   $1"
	else
		failed=$((failed + 1))
		echo "FAIL $1"
		sed 's/^/     /' "$3"
	fi
	{ echo "== $1"; cat "$3"; } >> "$log"
}

tmp=$(mktemp)
trap 'rm -rf "$tmp" "$tmp".*' EXIT

# Files of the series: added ones, and the ones the diffs change.
changed=$(git -C "$TREE" diff --name-only refs/tags/pristine series)
added=$(git -C "$TREE" diff --name-only --diff-filter=A refs/tags/pristine series)
[ -n "$changed" ] || die "the series changes nothing: is the tree built?"

# Is line $2 of file $1 one that the series added?
added() {
	git -C "$TREE" diff -U0 refs/tags/pristine series -- "$1" |
		sed -n 's/^@@ [^+]*+\([0-9]*\)\(,\([0-9]*\)\)\{0,1\} @@.*/\1 \3/p' |
		awk -v n="$2" '{ c = ($2 == "") ? 1 : $2; if (n >= $1 && n < $1 + c) f = 1 }
			       END { exit !f }'
}

# Keep the compiler lines "FILE:LINE:..." about lines the series added.
ours() {
	local line rel
	while IFS= read -r line; do
		rel=${line#"$TREE"/}
		if added "${rel%%:*}" "$(echo "$rel" | cut -d: -f2)"; then
			echo "$line"
		fi
	done
}

# checkpatch.pl on each patch as git am takes it (authored), two at a
# time (it is one perl thread): its output and status in $tmp.cp/N.*,
# read below in the queue's order.
mkdir -p "$tmp.cp"
i=0
for p in $(series_patches ${SERIES:-}); do
	i=$((i + 1))
	authored "$p" > "$tmp.cp/$i.patch"
done
find "$tmp.cp" -name '*.patch' | xargs -r -P "$(nproc)" -I{} env TREE="$TREE" sh -c '
	cd "$TREE" && PATH=/usr/bin:$PATH ./scripts/checkpatch.pl --strict \
		--no-summary --show-types --ignore UNKNOWN_COMMIT_ID \
		--ignore MISSING_SIGN_OFF "$1" > "${1%.patch}.out" 2>&1
	echo $? > "${1%.patch}.rc"' _ {}
i=0
for p in $(series_patches ${SERIES:-}); do
	i=$((i + 1))
	# checkpatch runs scripts/spdxcheck.py with the python3 of PATH:
	# Debian's, which has the ply and git that make deps installed, not
	# one of another installation that lacks them.
	# The tree is Debian's tarball, with no upstream history: checkpatch
	# cannot look up the commit a Fixes: tag names (UNKNOWN_COMMIT_ID).
	# Its form (GIT_COMMIT_ID) is still checked, and each Fixes: line
	# must be one of scripts/fixes-upstream, checked against mainline.
	# Nobody signs the patches of the queue: the sender does, in make
	# mail, whose output mail-check passes through checkpatch whole.
	cp "$tmp.cp/$i.out" "$tmp"
	rc=$(cat "$tmp.cp/$i.rc")
	grep "^Fixes: " "$p" | while IFS= read -r fixes; do
		grep -qxF -- "$fixes" "$TOP/scripts/fixes-upstream" ||
			echo "WARNING: not checked against mainline (scripts/fixes-upstream): $fixes"
	done >> "$tmp"
	# checkpatch asks whether MAINTAINERS needs updating whenever a patch
	# adds a file and leaves MAINTAINERS alone.  It does not when a
	# section of MAINTAINERS already has each new file (THE REST aside):
	# then the warning goes, and only then.
	if grep -q "^WARNING:FILE_PATH_CHANGES:" "$tmp"; then
		uncovered=$(sed -n 's/^ create mode [0-7]* //p' "$p" | while read -r f; do
			(cd "$TREE" && ./scripts/get_maintainer.pl --no-git --sections -f "$f" 2>/dev/null) |
				grep -E '^[A-Z0-9]' | grep -qv '^THE REST$' || echo "$f"
		done)
		if [ -z "$uncovered" ]; then
			sed -i '/^WARNING:FILE_PATH_CHANGES:/,/^$/d' "$tmp"
			grep -qE "^(ERROR|WARNING|CHECK):" "$tmp" || rc=0
		fi
	fi
	# Every test of upstream's VFIO selftest library names its IOMMU
	# modes with the same macro, which FIXTURE_VARIANT_ADD_ALL_IOMMU_MODES()
	# expands: a declaration, which checkpatch takes for an expression to
	# parenthesize.  That macro, in that directory, and nothing else.
	if grep -q "^ERROR:COMPLEX_MACRO:" "$tmp" &&
	   ! grep -A3 "^ERROR:COMPLEX_MACRO:" "$tmp" | grep "^#[0-9]*: FILE:" |
	     grep -v "FILE: tools/testing/selftests/vfio/[a-z_]*\.c:" | grep -q . &&
	   ! grep -A3 "^ERROR:COMPLEX_MACRO:" "$tmp" | grep "^+#define" |
	     grep -qv "^+#define FIXTURE_VARIANT_ADD_IOMMU_MODE(_iommu_mode)"; then
		sed -i '/^ERROR:COMPLEX_MACRO:/,/^$/d' "$tmp"
		grep -qE "^(ERROR|WARNING|CHECK):" "$tmp" || rc=0
	fi
	# Any ERROR, WARNING or CHECK fails, whatever the exit code says; so
	# does a check that could not run (spdxcheck's traceback).
	grep -qE "^(ERROR|WARNING|CHECK):|^Traceback" "$tmp" && rc=1
	result "checkpatch --strict $(basename "$(dirname "$p")")/$(basename "$p")" $rc "$tmp"
done

# sparse and W=1: one make per kind over every object of the series it
# builds (a make per object costs its start-up, tens of times).  Only
# what is said of lines the series adds counts: W=1 and sparse also speak
# of upstream headers and upstream code.  A warning goes to the file it is
# in: each .c of the series, and its headers together.
warned='(^|/)('"$(echo "$changed" | paste -sd'|')"')(:[0-9]+)+: (warning|error)'
# The kernel's C files; tools/ is userspace, checked below.
kernel_c=$(echo "$changed" | grep '\.c$' | grep -v '^tools/')
for k in $(kinds); do
	objs=
	for f in $kernel_c; do
		[ -f "$BUILD/$k/${f%.c}.o" ] && objs="$objs ${f%.c}.o"
	done
	[ -n "$objs" ] || continue
	# shellcheck disable=SC2086 # one word per object
	kmake "$k" -j"$(nproc)" C=2 W=1 $objs > "$tmp.out" 2>&1
	rc=$?
	grep -E "$warned" "$tmp.out" | ours > "$tmp.$k"
	if [ $rc -ne 0 ]; then
		tail -20 "$tmp.out" > "$tmp"
		result "sparse+W=1 build ($k)" 1 "$tmp"
	fi
	for o in $objs; do
		f=${o%.o}.c
		grep -E "(^|/)$f(:[0-9]+)+: " "$tmp.$k" > "$tmp"
		ok=0
		[ -s "$tmp" ] && ok=1
		result "sparse+W=1 $f ($k)" $ok "$tmp"
	done
	# The rest: headers, and .c files #included by those built.
	grep -vE "(^|/)($(echo $objs | sed 's/\.o\b/.c/g; s/ /|/g'))(:[0-9]+)+: " \
		"$tmp.$k" > "$tmp"
	ok=0
	[ -s "$tmp" ] && ok=1
	result "sparse+W=1 the rest of the series: headers, included .c ($k)" $ok "$tmp"
	rm -f "$tmp.$k"
done
# Every .c of the series is built by a test kernel, or #included by
# another changed file and checked with it.
for f in $kernel_c; do
	built=0
	for k in $(kinds); do
		[ -f "$BUILD/$k/${f%.c}.o" ] && built=1
	done
	for g in $kernel_c; do
		grep -q "^#include \"$(basename "$f")\"" "$TREE/$g" && built=1
	done
	if [ $built = 0 ]; then
		echo "${f%.c}.o is built by no test kernel" > "$tmp"
		result "sparse+W=1 $f" 1 "$tmp"
	fi
done
rm -f "$tmp.out"

# The series' userspace, upstream's selftests: each C file compiled for
# arm64 against the series' uAPI with the flags their Makefiles give
# (-Wall -Werror), plus -Wextra less its two noisiest warnings.
uapi=$OUT/lint-uapi
kmake arm64 -s headers_install INSTALL_HDR_PATH="$uapi" > "$tmp" 2>&1 ||
	result "headers_install for the selftests" 1 "$tmp"
for f in $(echo "$changed" | grep '^tools/testing/selftests/.*\.c$'); do
	d=$(echo "$f" | cut -d/ -f1-4)
	aarch64-linux-gnu-gcc -fsyntax-only -D_GNU_SOURCE= -Wall -Wextra \
		-Wno-unused-parameter -Wno-sign-compare -Werror \
		-isystem "$uapi/include" -I"$TREE/tools/include" \
		-I"$TREE/tools/testing/selftests" -I"$TREE/$d/lib/include" \
		-I"$TOP/qemu/selftests/include" "$TREE/$f" > "$tmp" 2>&1
	result "userspace -Wall -Wextra -Werror $f" $? "$tmp"
done

for f in $(echo "$added" | grep -E '\.[ch]$'); do
	(cd "$TREE" && ./scripts/kernel-doc -none -Wall "$f") > "$tmp" 2>&1
	ok=0
	[ -s "$tmp" ] && ok=1
	result "kernel-doc $f" $ok "$tmp"
done

# make mail, under a test identity: every mail authored (From:) and
# signed (one Signed-off-by:, the same) by the sender alone, which is
# what checkpatch's sign-off checks ask (the rest of checkpatch ran
# above, on the same patches); with no identity it must refuse, saying
# how to set one.
mt=$(mktemp -d)
printf '[user]\n\tname = Test Sender\n\temail = sender@example.invalid\n' > "$mt/gitconfig"
GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=$mt/gitconfig MAIL_OUT=$mt/mail \
	bash "$TOP/scripts/mail.sh" > "$tmp" 2>&1
rc=$?
if [ $rc = 0 ]; then
	for d in $(series_dirs); do
		n=$(series_patches "$d" | wc -l)
		got=$(ls "$mt/mail/$d" | grep -vc -- '-0000-cover-letter\.patch$')
		[ "$got" = "$n" ] || { echo "$d: $got mails for $n patches"; rc=1; }
		grep -q "^Subject: \[.*PATCH v2 0*0/$n\]" "$mt/mail/$d"/v2-0000-cover-letter.patch ||
			{ echo "$d: the cover letter's subject is not [PATCH v2 0/$n]"; rc=1; }
	done >> "$tmp"
	for f in $(ls "$mt"/mail/*/*.patch | grep -v 0000-cover-letter); do
		grep -qx "From: Test Sender <sender@example.invalid>" "$f" &&
		[ "$(grep -c '^Signed-off-by: ' "$f")" = 1 ] &&
		grep -qx "Signed-off-by: Test Sender <sender@example.invalid>" "$f" ||
			{ echo "$f: not authored and signed by the sender alone"; rc=1; }
	done >> "$tmp" 2>&1
fi
result "make mail under a test identity: $(ls "$mt"/mail/*/*.patch 2>/dev/null | wc -l) mails, each signed by the sender" $rc "$tmp"
if [ -z "$(git -C "$TOP" config --local user.name || true)" ]; then
	: > "$mt/empty"
	GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=$mt/empty MAIL_OUT=$mt/none \
		bash "$TOP/scripts/mail.sh" > "$tmp" 2>&1
	rc=$?
	ok=1
	[ $rc != 0 ] && grep -q "make mail: no sender" "$tmp" && [ ! -e "$mt/none" ] && ok=0
	result "make mail refuses without a sender identity" $ok "$tmp"
fi
rm -rf "$mt"

# A family of checks that checked nothing is a broken lint, not a pass.
for family in "checkpatch --strict" "sparse+W=1" "kernel-doc"; do
	if ! grep -q "^== $family" "$log"; then
		echo "lint: no $family check ran" > "$tmp"
		result "$family ran" 1 "$tmp"
	fi
done

echo "$passed $failed" > "$OUT/results/lint"
echo "lint: $passed passed, $failed failed (log: $log)"
[ $failed -eq 0 ]
