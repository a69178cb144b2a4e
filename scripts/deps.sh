#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install what the build and the tests need, with apt-get.  Idempotent and
# silent when everything is there.  The packages are those of
# scripts/packages, which also says which command each one provides, so
# that every script can name the package of a command it lacks.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

missing=()
while read -r pkg _; do
	dpkg-query -W -f '${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" ||
		missing+=("$pkg")
done < <(packages)
[ ${#missing[@]} -eq 0 ] && exit 0

echo "deps: installing ${missing[*]}"
[ "$(id -u)" -eq 0 ] || die "deps: apt-get needs root; as root: apt-get install ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
