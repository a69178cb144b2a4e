#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install what the build and the tests need, with apt-get, and fetch the
# kernel source: Debian's $KSRC_PKG at exactly $KSRC_VERSION (lib.sh),
# from $KSRC_SUITE.  Idempotent and silent when everything is there.  The
# packages are those of scripts/packages, which also says which command
# each one provides, so that every script can name the package of a
# command it lacks.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

missing=()
while read -r pkg _; do
	dpkg-query -W -f '${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" ||
		missing+=("$pkg")
done < <(packages)
if [ ${#missing[@]} -gt 0 ]; then
	echo "deps: installing ${missing[*]}"
	[ "$(id -u)" -eq 0 ] || die "deps: apt-get needs root; as root: apt-get install ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The rig's QEMU (qemu-build.sh) once the packages are there; make check
# (QEMU_LATER) builds it in the background instead.
[ -n "${QEMU_LATER:-}" ] || bash "$TOP/scripts/qemu-build.sh"

# The VMM the machines run inside (scripts/vmm-root.sh); make check
# (QEMU_LATER) fetches it in the background too.
[ -n "${QEMU_LATER:-}" ] || bash "$TOP/scripts/vmm-root.sh"

[ -f "$TARBALL" ] && exit 0

# The kernel source, through an apt state of our own under the cache,
# on the Debian mirror the machine's apt sources already name.
mirror=$(debian_mirror)
[ -n "$mirror" ] || die "deps: no Debian mirror in /etc/apt/sources.list*"
apt=$CACHE/apt
mkdir -p "$apt" "$(dirname "$TARBALL")"
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror $KSRC_SUITE main" \
	> "$apt/sources.list"
echo "deps: fetching $KSRC_PKG $KSRC_VERSION from $mirror $KSRC_SUITE"
papt "$apt" get -qq update ||
	die "deps: apt-get update of $KSRC_SUITE failed (see above)"
(cd "$apt" && rm -f ./*.deb &&
 papt "$apt" get -qq download "$KSRC_PKG=$KSRC_VERSION") ||
	die "deps: $KSRC_PKG $KSRC_VERSION is not on $mirror $KSRC_SUITE; pick a version it has (apt-cache policy) and set KSRC_VERSION in scripts/lib.sh"
deb=$(ls "$apt"/"$KSRC_PKG"_*.deb)
dpkg-deb --fsys-tarfile "$deb" |
	tar -xO "./usr/src/$KSRC_PKG.tar.xz" > "$TARBALL.tmp"
mv "$TARBALL.tmp" "$TARBALL"
rm -f "$deb"
echo "deps: $KSRC_PKG $KSRC_VERSION in $TARBALL"
