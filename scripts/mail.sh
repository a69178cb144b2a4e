#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make mail: each series of patches/ as it is sent, in out/mail/N-name/:
# git format-patch -v$MAIL_VERSION --cover-letter --base, authored and
# signed (Signed-off-by) by the sender, whose git identity (user.name,
# user.email) it reads; To: the maintainers and Cc: the reviewers and
# lists that scripts/get_maintainer.pl names for that series.  The cover
# letter is the series' own (its subject, its text, its changes since
# the last version), with git's shortlog and diffstat.  Nothing is sent:
# 'git send-email out/mail/N-name/*.patch' does that.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need git perl python3

name=$(git -C "$TOP" config user.name || true)
email=$(git -C "$TOP" config user.email || true)
[ -n "$name" ] && [ -n "$email" ] ||
	die "make mail: no sender: the patches go out under your own name and you sign them (the DCO is yours to sign); set it with
	git config --global user.name 'Your Name'
	git config --global user.email you@example.org"
version=${MAIL_VERSION:-2}
out=${MAIL_OUT:-$OUT/mail}
[ -d "$TREE/.git" ] || die "no tree: run 'make tree' first"

# The sender's commits: those of make tree's branch 'series' (which is
# patches/, applied: make mail depends on make tree), with the same trees
# and messages, authored by the sender; made with commit-tree, nothing is
# checked out.
export GIT_AUTHOR_NAME=$name GIT_AUTHOR_EMAIL=$email
export GIT_COMMITTER_NAME=$name GIT_COMMITTER_EMAIL=$email
unset GIT_AUTHOR_DATE GIT_COMMITTER_DATE
mapfile -t commits < <(git -C "$TREE" rev-list --reverse refs/tags/pristine..series)
[ "${#commits[@]}" = "$(series_patches | wc -l)" ] ||
	die "the tree has ${#commits[@]} commits and patches/ $(series_patches | wc -l) patches: run 'make tree' (or 'make refresh')"
rm -rf "$out"
mkdir -p "$out"
base=$(git -C "$TREE" rev-parse refs/tags/pristine)
head=$base
i=0
for d in $(series_dirs); do
	for p in $(series_patches "$d"); do
		c=${commits[$i]}
		i=$((i + 1))
		head=$(git -C "$TREE" log -1 --format=%B "$c" |
			git -C "$TREE" commit-tree "$c^{tree}" -p "$head")
	done
	cover=$PATCHES/$d/0000-cover-letter.patch
	prefix=$(python3 "$TOP/scripts/cover.py" prefix "$cover")
	# To: the maintainers of what the series touches; Cc: the rest.
	to=() cc=()
	while IFS= read -r who; do
		addr=${who% (*}
		case "$who" in
		*"(maintainer"*) to+=(--to="$addr") ;;
		*) cc+=(--cc="$addr") ;;
		esac
	done < <(cd "$TREE" && git diff "$base" "$head" |
		./scripts/get_maintainer.pl --no-git --no-git-fallback --rolestats \
			2>/dev/null | grep .)
	mkdir -p "$out/$d"
	git -C "$TREE" -c diff.noprefix=false format-patch -q -s --thread \
		-v"$version" --subject-prefix="$prefix" --cover-letter \
		--base=refs/tags/pristine "${to[@]}" "${cc[@]}" \
		-o "$out/$d" "$base..$head"
	python3 "$TOP/scripts/cover.py" merge "$out/$d"/*0000-cover-letter.patch "$cover"
	echo "mail: $d: $(ls "$out/$d" | wc -l) mails in $out/$d (${#to[@]} To, ${#cc[@]} Cc)"
	base=$head
done

# The rig's QEMU patches, for qemu-devel (qemu/patches/): the files they
# touch, taken from Debian's QEMU source as make qemu unpacked and
# patched it, the patches undone and redone as commits under the
# sender's name, with the same messages, and written out signed, as git
# format-patch -s does for the kernel's.
qsrc=$CACHE/qemu-${QEMU_SRC_VERSION#*:}/src
if ls "$TOP"/qemu/patches/*.patch >/dev/null 2>&1; then
	[ -d "$qsrc" ] || die "no QEMU source in $qsrc: run 'make qemu' first"
	q=$(mktemp -d)
	trap 'rm -rf "$q"' EXIT
	(cd "$qsrc" && sed -n 's#^diff --git a/\([^ ]*\) b/.*#\1#p' \
		"$TOP"/qemu/patches/*.patch | sort -u | xargs cp --parents -t "$q")
	for p in $(ls -r "$TOP"/qemu/patches/*.patch); do
		patch -d "$q" -p1 -R -s < "$p" || die "$p is not applied in $qsrc"
	done
	git -C "$q" init -q
	git -C "$q" add -A .
	git -C "$q" commit -q -m "qemu $QEMU_SRC_VERSION, as Debian ships it"
	n=0
	for p in "$TOP"/qemu/patches/*.patch; do
		git -C "$q" am -q < "$p"
		git -C "$q" commit -q --amend --reset-author -s --no-edit
		n=$((n + 1))
	done
	mkdir -p "$out/qemu"
	git -C "$q" format-patch -q --subject-prefix="RFC PATCH" \
		--to=qemu-devel@nongnu.org -o "$out/qemu" "HEAD~$n"
	echo "mail: qemu: $n mail(s) in $out/qemu, signed, To: qemu-devel@nongnu.org"
fi
