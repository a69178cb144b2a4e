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

[ -f "$TARBALL" ] && exit 0

# The kernel source.  A sources list and an apt state of our own under the
# cache, on the Debian mirror the machine's apt sources already name;
# apt checks the suite's signature (Debian's archive keyring) and the
# package's hash as for any install.
mirror=$({ sed -nE \
	-e 's#^URIs:[[:space:]]*(https?://[^[:space:]]+/debian)/?([[:space:]].*)?$#\1#p' \
	-e 's#^deb[[:space:]]+(\[[^]]*\][[:space:]]+)?(https?://[^[:space:]]+/debian)/?[[:space:]].*$#\2#p' \
	/etc/apt/sources.list /etc/apt/sources.list.d/*.list \
	/etc/apt/sources.list.d/*.sources 2>/dev/null || true; } | head -1)
[ -n "$mirror" ] || die "deps: no Debian mirror in /etc/apt/sources.list*"
apt=$CACHE/apt
mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$(dirname "$TARBALL")"
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror $KSRC_SUITE main" \
	> "$apt/sources.list"
opts=(-o "Dir::Etc::SourceList=$apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
      -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache"
      -o Debug::NoLocking=1)
[ "$(id -u)" -ne 0 ] || opts+=(-o APT::Sandbox::User=root)
echo "deps: fetching $KSRC_PKG $KSRC_VERSION from $mirror $KSRC_SUITE"
apt-get "${opts[@]}" -qq update ||
	die "deps: apt-get update of $KSRC_SUITE failed (see above)"
(cd "$apt" && rm -f ./*.deb &&
 apt-get "${opts[@]}" -qq download "$KSRC_PKG=$KSRC_VERSION") ||
	die "deps: $KSRC_PKG $KSRC_VERSION is not on $mirror $KSRC_SUITE; pick a version it has (apt-cache policy) and set KSRC_VERSION in scripts/lib.sh"
deb=$(ls "$apt"/"$KSRC_PKG"_*.deb)
dpkg-deb --fsys-tarfile "$deb" |
	tar -xO "./usr/src/$KSRC_PKG.tar.xz" > "$TARBALL.tmp"
mv "$TARBALL.tmp" "$TARBALL"
rm -f "$deb"
echo "deps: $KSRC_PKG $KSRC_VERSION in $TARBALL"
