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
MACHINES := $(notdir $(wildcard qemu/machines/*))

.PHONY: all deps tree refresh kunit lint bisect am-check kernel initramfs \
	qemu qemu-test $(addprefix qemu-,$(MACHINES)) check check-fresh run stress bench \
	modules \
	selftests mail \
	clean help

all: help

help:
	@echo "make run      boot every machine and tell what happened"
	@echo "make check    every test; last line: N passed, N failed"
	@echo "make check-fresh  the two commands on a bare Debian root (as root)"
	@echo "make deps     install what is missing (apt-get)"
	@echo "make qemu     the rig's qemu-system-aarch64, from Debian's source and qemu/patches/"
	@echo "make tree     the kernel tree: pristine + the series"
	@echo "make kunit    KUnit under UML, lockdep and KASAN on (KUNIT_ARCH=arm64: kunit.py's arm64 machine)"
	@echo "make lint     checkpatch --strict, sparse, W=1, kernel-doc"
	@echo "make refresh  write the tree's commits back into patches/"
	@echo "make mail     each series as it is sent, signed by you: out/mail/"
	@echo "make bisect   build every patch of the series on its own"
	@echo "make modules  the series' test options built as modules (modpost checks their imports)"
	@echo "make kernel   the arm64 test kernel: out/arm64/Image"
	@echo "make qemu-test  boot every machine of qemu/machines/, two at a time (make qemu-NAME: one)"
	@echo "make stress  the registry's stress cases for 30 s each (STRESS_MS=)"
	@echo "make bench   the registry against the 2016 design, VFIO against stock"
	@echo "make selftests  upstream's VFIO and iommufd selftests, series against stock"

deps:
	@bash $(S)/deps.sh

tree: deps
	@bash $(S)/tree.sh

kunit: tree
	@bash $(S)/kunit.sh

# After commits in the tree (fixups, git rebase -i --autosquash).
refresh:
	@bash $(S)/refresh.sh

# Each series as it is mailed, under the sender's git identity.
mail: tree
	@bash $(S)/mail.sh

bisect: tree
	@bash $(S)/bisect.sh

modules: tree
	@bash $(S)/modules.sh

# lint rebuilds the series' files in the build directories there are:
# arm64's (make kernel), and UML's if make kunit made it.
lint: tree
	@[ -f $(MSI_DOORBELL_CACHE)/build-*/arm64/.config ] || $(MAKE) -s kernel
	@bash $(S)/lint.sh

am-check: deps
	@bash $(S)/amcheck.sh

kernel: tree
	@bash $(S)/kernel.sh

initramfs: tree
	@bash $(S)/initramfs.sh

# One target per machine of qemu/machines/: make qemu-its, make qemu-v2m...
# The rig's QEMU (scripts/qemu-build.sh), which every boot runs: make
# deps builds it, but under make check it builds in the background, at
# the lowest priority, beside am-check and bisect; this waits for it.
qemu: deps
	@bash $(S)/qemu-build.sh

$(addprefix qemu-,$(MACHINES)): kernel initramfs qemu
	@bash $(S)/qemu.sh $(@:qemu-%=%)

qemu-test: kernel initramfs qemu
	@bash $(S)/qemu-all.sh

# bisect first: it walks the series up to its last commit in the build
# directory that kernel uses, which then finds it built (on a cold cache,
# the build is done once), with the test options as modules, which
# modules then checks.  It walks arm64 alone here; make bisect walks UML
# too.  The KUnit suites run in the arm64 test kernel, on the machine
# kunit of qemu/machines/ and at every boot; make kunit (kunit.py, UML
# or arm64) is not part of check: its kernel is one more cold build.
check: export QEMU_LATER=1
check: deps
	@BISECT_KINDS=arm64 bash $(S)/check.sh am-check bisect modules qemu-test lint

# Not part of check: as long as a cold check.  Run it when a dependency
# changes.
check-fresh: deps
	@bash $(S)/check-fresh.sh

run: kernel initramfs qemu
	@bash $(S)/run.sh

# Not part of check: the stress cases run long, under UML, KASAN and KCSAN.
stress: kunit kernel initramfs qemu
	@bash $(S)/stress.sh

# Not part of check: the registry against the 2016 design, up to 4096
# doorbells; VFIO on the series against stock 7.3 (built once).
bench: kernel initramfs qemu
	@bash $(S)/bench.sh

# Not part of check: upstream's VFIO and iommufd selftests on the series'
# kernel and on stock 7.3 (built once), side by side: out/selftests.md.
selftests: kernel initramfs qemu
	@bash $(S)/selftests.sh

clean:
	rm -rf out
