# SPDX-License-Identifier: GPL-2.0
# Common settings for the msi-doorbell build scripts.  Sourced, not run.

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${MSI_DOORBELL_CACHE:-$HOME/.cache/msi-doorbell}
OUT=${OUT:-$TOP/out}

# The base: Debian's linux-source-7.3 from trixie-backports, pinned to one
# version.  Moving to a newer 7.3.y is this one line; scripts/deps.sh
# fetches it into the cache through a private apt state, the system's
# apt configuration untouched.
KSRC_VERSION=7.3.4-1~bpo13+1
KSRC_PKG=linux-source-7.3
KSRC_SUITE=trixie-backports
TARBALL=${KSRC_TARBALL:-$CACHE/src/$KSRC_PKG-$KSRC_VERSION.tar.xz}

# The rig's QEMU (scripts/qemu-build.sh): Debian's qemu source package,
# pinned, with qemu/patches/ applied, built into the cache; every boot
# runs it, as $QEMU.  The newest Debian source the mirror serves: sid's
# index names 11.1.3, but the pool has 10.2.2 alone (11.1.x answers 404).
# QEMU 10.2 wants meson 1.5 or later: trixie's, unpacked into the cache
# (bookworm's is 1.0).  Debian's own qemu-system-aarch64 (bookworm's
# 7.2, unpatched) is $QEMU_DEBIAN, for a machine that says "qemu debian".
QEMU_SRC_VERSION=1:10.2.2+ds-1
QEMU_SRC_SUITE=sid
MESON_VERSION=1.7.0-1
MESON_SUITE=trixie
QEMU=$OUT/qemu-system-aarch64
QEMU_DEBIAN=/usr/bin/qemu-system-aarch64

# The VMM that runs inside the machines (qemu/vmm.c, machines *-vmm):
# Debian trixie's arm64 qemu-system-aarch64, unmodified, with the shared
# libraries it loads, from Debian's packages (scripts/vmm-root.sh).  Not
# pinned: the newest trixie has; the story prints its version.
VMM_SUITE=trixie
VMM_ROOT=$CACHE/vmm-root

# The upstream version: 7.3.4.
KVER=${KVER:-${KSRC_VERSION%%-*}}
TREE=${TREE:-$CACHE/linux-$KVER}
BUILD=${BUILD:-$CACHE/build-$KVER}

# Commits of the tree are reproducible: same series, same hashes.  The
# tree's author is the tree's, local to the cache: patches/ names nobody
# (refresh drops the From: line, and nobody signs them: 'make mail' writes
# them under the sender's own identity, and signs them).
TREE_AUTHOR="msi-doorbell tree <tree@localhost>"
export GIT_AUTHOR_NAME="${TREE_AUTHOR% <*}"
export GIT_AUTHOR_EMAIL="${TREE_AUTHOR##*<}"
GIT_AUTHOR_EMAIL=${GIT_AUTHOR_EMAIL%>}
export GIT_COMMITTER_NAME="$GIT_AUTHOR_NAME"
export GIT_COMMITTER_EMAIL="$GIT_AUTHOR_EMAIL"
export GIT_AUTHOR_DATE="2026-11-21T00:00:00Z"
export GIT_COMMITTER_DATE="$GIT_AUTHOR_DATE"
export CCACHE_DIR=${CCACHE_DIR:-$CACHE/ccache}
# Build directories differ between configurations: do not hash them.
export CCACHE_NOHASHDIR=true
# Depend mode: on a miss, ccache reads the headers a file included from
# the compiler's own dependency output (kbuild's -Wp,-MMD, QEMU's -MD),
# where its default mode runs the preprocessor first, every missed file
# preprocessed twice.  kernel/irq, lib and mm of the test kernel (224
# objects, -j2), cold: 191 s in the default mode, 128 s in depend mode,
# 114 s without ccache; warm, every one a direct hit in both modes.
export CCACHE_DEPEND=true

# The directories of the series whose .kunitconfig make kunit runs, as
# kunit.py run --kunitconfig=DIR: under UML those that build there, with
# KUNIT_ARCH=arm64 all (IOMMU_DMA and vfio-platform build on arm64 only).
KUNIT_DIRS="kernel/irq"
KUNIT_DIRS_ARM64="kernel/irq drivers/irqchip drivers/iommu drivers/vfio/platform"

# The kernel configurations every patch of the series is built in (bisect)
# and linted in, each in $BUILD/KIND: uml (KUnit) and arm64.  The rig's
# other arm64 kernel, arm64-kcsan (Kconfig.kcsan.fragment on top: KCSAN in
# place of KASAN, make stress), differs only in what checks it.
kinds() {
	for k in uml arm64; do
		if [ -f "$BUILD/$k/.config" ]; then
			echo "$k"
		fi
	done
}

# kmake KIND ARGS...: make in the tree for one configuration.
kmake() {
	local kind=$1
	shift
	case "$kind" in
	uml)	make -C "$TREE" O="$BUILD/uml" ARCH=um CC="ccache gcc" "$@" ;;
	arm64|arm64-*)
		make -C "$TREE" O="$BUILD/$kind" ARCH=arm64 \
			CROSS_COMPILE=aarch64-linux-gnu- \
			CC="ccache aarch64-linux-gnu-gcc" "$@" ;;
	esac
}

# configure KIND: write $BUILD/KIND/.config afresh from its fragments, as
# the tree checked out now understands them.
configure() {
	local kind=$1 b=$BUILD/$1
	mkdir -p "$b"
	case "$kind" in
	uml)
		# What kunit.py does: the UML defaults, then the
		# kunitconfigs (those the tree has at this commit).
		(cat "$TREE/tools/testing/kunit/configs/arch_uml.config"
		 for d in $KUNIT_DIRS; do
			cat "$TREE/$d/.kunitconfig" 2>/dev/null || :
		 done
		 cat "$TOP/kunit/.kunitconfig") > "$b/.config"
		kmake uml -s olddefconfig
		;;
	arm64-kcsan)
		# arm64's configuration, then Kconfig.kcsan.fragment: arm64
		# offers KCSAN with EXPERT only, which on allnoconfig would
		# turn off every option it makes visible (BUG, MULTIUSER...);
		# olddefconfig keeps the values arm64 has instead.
		[ -f "$BUILD/arm64/.config" ] || configure arm64
		(cd "$TREE" && ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- \
			scripts/kconfig/merge_config.sh -m -O "$b" \
			"$BUILD/arm64/.config" "$TOP/Kconfig.kcsan.fragment") \
			> "$b/merge_config.log" 2>&1
		kmake "$kind" -s olddefconfig
		# What the fragment asks for, the kernel must have.
		sed -n 's/^\(CONFIG_[A-Z0-9_]*=.*\)/\1/p; s/^# \(CONFIG_[A-Z0-9_]*\) is not set/\1=n/p' \
			"$TOP/Kconfig.kcsan.fragment" | while IFS= read -r want; do
			got=$(grep "^${want%%=*}=" "$b/.config" || echo "${want%%=*}=n")
			[ "$got" = "$want" ] ||
				echo "Value requested for ${want%%=*} not in final .config	Requested value:  $want" \
					>> "$b/merge_config.log"
		done
		;;
	arm64|arm64-*)
		# allnoconfig plus Kconfig.fragment (and, for arm64-X,
		# Kconfig.X.fragment), by merge_config.sh.
		(cd "$TREE" && ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- \
			scripts/kconfig/merge_config.sh -n -O "$b" \
			"$TOP/Kconfig.fragment" \
			$([ "$kind" = arm64 ] || echo "$TOP/Kconfig.${kind#arm64-}.fragment")) \
			> "$b/merge_config.log" 2>&1
		;;
	esac
}

die() {
	echo "error: $*" >&2
	exit 1
}

# The patch queue: one directory of patches/ per series, as it is mailed
# (N-name/), applied in the order of N.  Each holds its cover letter
# (0000-cover-letter.patch) and a file 'series' that lists its patches in
# order (quilt's format: one file name a line, # comments).
PATCHES=$TOP/patches
series_dirs() {
	local d
	for d in "$PATCHES"/[0-9]*-*/; do
		[ -f "$d/series" ] && basename "$d"
	done | sort -n
}
# series_patches [DIR...]: the patches of those series (all: every
# series), in order, as paths.
series_patches() {
	local d dirs
	if [ $# -gt 0 ]; then
		dirs=("$@")
	else
		mapfile -t dirs < <(series_dirs)
	fi
	for d in "${dirs[@]}"; do
		sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$PATCHES/$d/series" |
			sed "s|^|$PATCHES/$d/|"
	done
}
# authored PATCH: the patch as git am takes it, with the tree's author
# (or $AUTHOR) on the From: line that patches/ leaves out.
authored() {
	awk -v from="From: ${AUTHOR:-$TREE_AUTHOR}" '
		!done && /^(From|Date): / { if (/^From: /) next; print from; done = 1 }
		{ print }' "$1"
}
# The stamp of the queue as make tree applied it: the tree is rebuilt
# when it changes.
queue_stamp() {
	local d
	(sha1sum "$TOP/scripts/tree.sh"
	 for d in $(series_dirs); do sha1sum "$PATCHES/$d/series"; done
	 for p in $(series_patches); do sha1sum "$p"; done) |
		sed "s|$TOP/||" | sha1sum | cut -d' ' -f1
}
# series_of COMMIT: the series a commit of the tree belongs to, as its
# git note says (make tree writes it; rebase carries it over); empty for
# a commit made since, which belongs to the series of the one before.
series_of() {
	git -C "$TREE" notes show "$1" 2>/dev/null | sed -n 's/^series: //p' | head -1
}

# The packages of scripts/packages, one line each: PACKAGE [COMMAND...].
packages() {
	sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$TOP/scripts/packages"
}

# debian_mirror: the Debian mirror the machine's apt sources name.
debian_mirror() {
	{ sed -nE \
		-e 's#^URIs:[[:space:]]*(https?://[^[:space:]]+/debian)/?([[:space:]].*)?$#\1#p' \
		-e 's#^deb[[:space:]]+(\[[^]]*\][[:space:]]+)?(https?://[^[:space:]]+/debian)/?[[:space:]].*$#\2#p' \
		/etc/apt/sources.list /etc/apt/sources.list.d/*.list \
		/etc/apt/sources.list.d/*.sources 2>/dev/null || true; } | head -1
}

# papt DIR get|cache ARGS...: apt-get or apt-cache on DIR/sources.list,
# with an apt state of its own under DIR: the system's apt configuration
# and state stay untouched.  apt checks the suite's signature (Debian's
# archive keyring) and each file's hash, as for any install.
papt() {
	local dir=$1 cmd=$2 opts
	shift 2
	opts=(-o "Dir::Etc::SourceList=$dir/sources.list"
	      -o Dir::Etc::SourceParts=/dev/null
	      -o "Dir::State::Lists=$dir/lists" -o "Dir::Cache=$dir/cache"
	      -o Debug::NoLocking=1)
	[ "$(id -u)" -ne 0 ] || opts+=(-o APT::Sandbox::User=root)
	mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial"
	"apt-$cmd" "${opts[@]}" "$@"
}

# need CMD...: stop early, naming the package, if a command is missing.
need() {
	local c pkg
	for c in "$@"; do
		command -v "$c" >/dev/null 2>&1 && continue
		pkg=$(packages | awk -v c="$c" '{ for (i = 2; i <= NF; i++) if ($i == c) { print $1; exit } }')
		die "'$c' not found: it comes with Debian's ${pkg:-(unknown)} package; run 'make deps' as root"
	done
}
