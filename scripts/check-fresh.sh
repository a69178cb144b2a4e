#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make check-fresh: prove the README's two commands on a bare Debian root.
#
# Builds a minimal Debian root (mmdebstrap, variant minbase, plus make: the
# one thing the README asks a user to have), with the same Debian sources
# as this machine, puts a clean clone of this repository's HEAD in it, and
# runs `make check` then `make run` there as root, with an empty cache and
# nothing installed by hand: whatever the targets need, `make deps` must
# install.  make check goes first, so that its time is the cold one; make
# run, after it, is the warm story.  The root lives in $FRESH_ROOT
# (default $CACHE/fresh-root) and is made anew every time.  The last line
# is the chroot's `make check` line.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

[ "$(id -u)" -eq 0 ] || die "check-fresh needs root (mmdebstrap, chroot, mount)"
need mmdebstrap unshare chroot git

root=${FRESH_ROOT:-$CACHE/fresh-root}
suite=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
log=$OUT/check-fresh.log
mkdir -p "$OUT"
: > "$log"

# This machine's Debian sources, whatever mirror they name.
sources=$(mktemp)
trap 'rm -f "$sources"' EXIT
cat /etc/apt/sources.list /etc/apt/sources.list.d/*.sources \
	/etc/apt/sources.list.d/*.list 2>/dev/null > "$sources"
[ -s "$sources" ] || die "no apt sources on this machine to build the root from"

start=$(date +%s)
rm -rf "$root"
echo "check-fresh: mmdebstrap $suite (minbase + make) into $root"
mmdebstrap --variant=minbase --include=make "$suite" "$root" "$sources" \
	>> "$log" 2>&1 || { tail -20 "$log" >&2; die "mmdebstrap failed (log: $log)"; }

git clone -q --no-local "$TOP" "$root/root/msi-doorbell" ||
	die "cannot clone $TOP"
git -C "$TOP" diff --quiet HEAD ||
	echo "check-fresh: note: uncommitted changes are not in the clone"

# A mount namespace of its own: the mounts go away with it.
unshare -m --propagation private bash -s "$root" >> "$log" 2>&1 <<'EOF'
set -u
root=$1
mount -t proc proc "$root/proc"
mount -t sysfs sys "$root/sys"
mount --rbind /dev "$root/dev"
mount -t tmpfs -o size=4g tmpfs "$root/dev/shm"
mount -t tmpfs tmpfs "$root/tmp"
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null
chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin \
	LANG=C.UTF-8 TERM=dumb bash -c '
	cd /root/msi-doorbell || exit 1
	echo "=== make check"; s=$(date +%s)
	make check; rc=$?
	echo "=== make check: rc=$rc $(( $(date +%s) - s ))s"
	echo "=== make run"; s=$(date +%s)
	make run; r=$?; echo "=== make run: rc=$r $(( $(date +%s) - s ))s"
	[ $r -eq 0 ] || rc=1
	exit $rc'
EOF
rc=$?
secs=$(( $(date +%s) - start ))
grep -a "^=== make" "$log"
# make check's last line: the last count before its "=== make check:".
awk '/passed, [0-9]+ failed$/ { last = $0 }
	/^=== make check:/ { print last; exit }' "$log" > "$OUT/check-fresh.last"
echo "check-fresh: ${secs}s in all (log: $log)"
# The chroot's own last line, as the last line here.
if [ -s "$OUT/check-fresh.last" ]; then
	cat "$OUT/check-fresh.last"
else
	echo "0 passed, 1 failed"
	rc=1
fi
exit $rc
