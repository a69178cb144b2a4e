# SPDX-License-Identifier: GPL-2.0
#
# msi-doorbell: build, test and mail the series.  See README.md.
#
# The kernel source, the git tree with the series applied, the build
# directories and ccache live in $(MSI_DOORBELL_CACHE), outside the clone,
# and are reused by later runs and clones.

MSI_DOORBELL_CACHE ?= $(HOME)/.cache/msi-doorbell
export MSI_DOORBELL_CACHE

S := scripts

.PHONY: all deps tree kunit lint patches bisect am-check kernel initramfs \
	qemu-test qemu-its qemu-v2m qemu-v2m-unsafe check run clean help

all: help

help:
	@echo "make run      boot the its and v2m machines and tell what happened"
	@echo "make check    every test; last line: N passed, N failed"
	@echo "make deps     install what is missing (apt-get)"
	@echo "make tree     the kernel tree: pristine + the series"
	@echo "make kunit    KUnit under UML, lockdep and KASAN on"
	@echo "make lint     checkpatch --strict, sparse, W=1, kernel-doc"
	@echo "make patches  out/patches/: the series, with a cover letter"
	@echo "make bisect   build every patch of the series on its own"
	@echo "make kernel   the arm64 test kernel: out/arm64/Image"
	@echo "make qemu-test  boot it on the its, v2m and v2m-unsafe machines"

deps:
	@bash $(S)/deps.sh

tree: deps
	@bash $(S)/tree.sh

kunit: tree
	@bash $(S)/kunit.sh

patches: tree
	@bash $(S)/patches.sh

bisect: tree
	@bash $(S)/patches.sh --bisect

# lint reads the build directories that kunit configured.
lint: patches
	@[ -f $(MSI_DOORBELL_CACHE)/build-*/uml/.config ] || $(MAKE) -s kunit
	@bash $(S)/lint.sh

am-check: patches
	@bash $(S)/amcheck.sh

kernel: tree
	@bash $(S)/kernel.sh

initramfs: tree
	@bash $(S)/initramfs.sh

qemu-its qemu-v2m qemu-v2m-unsafe: kernel initramfs
	@bash $(S)/qemu.sh $(@:qemu-%=%)

qemu-test: kernel initramfs
	@st=0; for m in its v2m v2m-unsafe; do bash $(S)/qemu.sh $$m || st=1; done; exit $$st

check: deps
	@bash $(S)/check.sh kunit qemu-test lint am-check bisect

run: kernel initramfs
	@bash $(S)/run.sh

clean:
	rm -rf out
