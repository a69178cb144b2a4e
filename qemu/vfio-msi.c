// SPDX-License-Identifier: GPL-2.0
/*
 * vfio-msi MODE: take QEMU's edu PCI devices [1234:11e8] with VFIO, in one
 * of the ways userspace can:
 *
 *   type1   the legacy container, /dev/vfio/vfio, VFIO's type1 backend;
 *   compat  the same calls on /dev/iommu: iommufd's VFIO compat
 *           container, which provides /dev/vfio/vfio on a kernel built
 *           with CONFIG_IOMMUFD_VFIO_CONTAINER;
 *   cdev    /dev/vfio/devices/vfioN bound to /dev/iommu, attached to an
 *           IOAS (VFIO_DEVICE_BIND_IOMMUFD, VFIO_DEVICE_ATTACH_IOMMUFD_PT).
 *
 * Every edu device (one or two, each in its own IOMMU group) goes into the
 * same container or IOAS; in the container modes the MSI doorbell
 * capability is read and its page count is the union of theirs.  In every
 * mode each device's own MSI doorbells capability (VFIO_DEVICE_GET_INFO)
 * is read, the first device's at every argsz that matters.  Then the
 * first device enables MSI with an eventfd, raises its interrupt and the
 * program waits for it.  On the way, GET_INFO and SET_IRQS get hostile
 * sizes and ranges.
 *
 * Prints one "vfio-msi[MODE]: KEY: VALUE" line per step; the runner judges
 * them.  Exit status: 0 if every step ran to the end, 2 if the attach was
 * refused (reported, not a failure of this program), 1 on anything else.
 */
#include <errno.h>
#include <poll.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <linux/vfio.h>

#include "lib/vfio.h"

const char *prog = "vfio-msi";

/* The uAPI is forever: this is the layout userspace builds against. */
_Static_assert(sizeof(struct vfio_iommu_type1_info_cap_msi_doorbell) == 48,
	       "MSI doorbell capability is 48 bytes");
_Static_assert(offsetof(struct vfio_iommu_type1_info_cap_msi_doorbell, flags) == 8 &&
	       offsetof(struct vfio_iommu_type1_info_cap_msi_doorbell, pgsize) == 16 &&
	       offsetof(struct vfio_iommu_type1_info_cap_msi_doorbell, pages) == 24 &&
	       offsetof(struct vfio_iommu_type1_info_cap_msi_doorbell, window_start) == 32 &&
	       offsetof(struct vfio_iommu_type1_info_cap_msi_doorbell, window_size) == 40,
	       "MSI doorbell capability fields are 64-bit aligned, version 1 first");

_Static_assert(sizeof(struct vfio_device_msi_doorbell) == 16 &&
	       offsetof(struct vfio_device_msi_doorbell, pages) == 8 &&
	       offsetof(struct vfio_device_msi_doorbell, flags) == 12,
	       "a device's MSI doorbell is 16 bytes, 64-bit aligned");
_Static_assert(sizeof(struct vfio_device_info_cap_msi_doorbells) == 16 &&
	       offsetof(struct vfio_device_info_cap_msi_doorbells, flags) == 8 &&
	       offsetof(struct vfio_device_info_cap_msi_doorbells, doorbells) == 16,
	       "the device MSI doorbells capability's entries start 64-bit aligned");

/* GET_INFO, then walk the capability chain to the MSI doorbell one. */
static int msi_doorbell_cap(int container)
{
	struct vfio_iommu_type1_info probe = { .argsz = sizeof(probe) };
	struct vfio_iommu_type1_info_cap_msi_doorbell *cap;
	struct vfio_iommu_type1_info *info;
	struct vfio_info_cap_header *hdr;
	uint32_t off;

	if (ioctl(container, VFIO_IOMMU_GET_INFO, &probe))
		return fail("VFIO_IOMMU_GET_INFO");
	info = calloc(1, probe.argsz);
	if (!info)
		return fail("calloc");
	info->argsz = probe.argsz;
	if (ioctl(container, VFIO_IOMMU_GET_INFO, info)) {
		free(info);
		return fail("VFIO_IOMMU_GET_INFO");
	}
	if (!(info->flags & VFIO_IOMMU_INFO_CAPS)) {
		say("cap", "none");
		free(info);
		return 1;
	}
	for (off = info->cap_offset; off; off = hdr->next) {
		if (off + sizeof(*hdr) > info->argsz)
			break;
		hdr = (void *)((char *)info + off);
		if (hdr->id != VFIO_IOMMU_TYPE1_INFO_CAP_MSI_DOORBELL)
			continue;
		if (off + sizeof(*cap) > info->argsz)
			break;
		cap = (void *)hdr;
		say("cap", "msi-doorbell version=%u safe=%d pages=%llu pgsize=%llu window=%#llx+%#llx",
		    hdr->version, !!(cap->flags & VFIO_IOMMU_MSI_DOORBELL_SAFE),
		    (unsigned long long)cap->pages,
		    (unsigned long long)cap->pgsize,
		    (unsigned long long)cap->window_start,
		    (unsigned long long)cap->window_size);
		free(info);
		return 0;
	}
	say("cap", "no msi-doorbell capability");
	free(info);
	return 1;
}

static size_t offsetofend_cap(void)
{
	return offsetof(struct vfio_iommu_type1_info, cap_offset) +
	       sizeof(((struct vfio_iommu_type1_info *)0)->cap_offset);
}

/* GET_INFO with sizes userspace could pass: an error or data, never more. */
static void hostile_get_info(int container)
{
	static const uint32_t sizes[] = { 0, 1, 8, 16, 0 /* exact */,
					  4 /* exact + 4 */, 65536 };
	size_t exact = sizeof(struct vfio_iommu_type1_info);
	struct vfio_iommu_type1_info *info;
	unsigned int i;
	uint32_t argsz;
	int ret;

	info = calloc(1, 65536 + 64);
	if (!info)
		return;
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		argsz = sizes[i];
		if (i == 4)
			argsz = exact;
		else if (i == 5)
			argsz = exact + 4;
		memset(info, 0xa5, 65536 + 64);
		info->argsz = argsz;
		ret = ioctl(container, VFIO_IOMMU_GET_INFO, info);
		/* Fields past argsz are the kernel's to leave alone. */
		say("get-info", "argsz=%u ret=%d errno=%s argsz_out=%u flags=%#x cap_offset=%u",
		    argsz, ret, ret ? strerror(errno) : "0", info->argsz,
		    ret ? 0 : info->flags,
		    ret || argsz < offsetofend_cap() ? 0 : info->cap_offset);
	}
	free(info);
}

static void hostile_set_irqs(int device)
{
	static const struct { uint32_t start, count; } r[] = {
		{ 0xffffffff, 2 }, { 1, 0xffffffff }, { 0x80000000, 0x80000000 },
	};
	unsigned int i;
	int ret;

	for (i = 0; i < sizeof(r) / sizeof(r[0]); i++) {
		ret = set_irqs(device, VFIO_IRQ_SET_DATA_NONE |
			       VFIO_IRQ_SET_ACTION_TRIGGER, r[i].start,
			       r[i].count, NULL);
		say("set-irqs", "start=%#x count=%#x ret=%d errno=%s", r[i].start,
		    r[i].count, ret, ret ? strerror(errno) : "0");
	}
}

int main(int argc, char **argv)
{
	struct vfio_region_info cfg = { .argsz = sizeof(cfg) };
	struct vfio_region_info bar = { .argsz = sizeof(bar) };
	struct vfio_irq_info irq = { .argsz = sizeof(irq) };
	int devices[MAX_EDU], n, i, container, device, efd, ret;
	char bdf[MAX_EDU][EDU_BDF_LEN];
	volatile uint32_t *mmio;
	struct pollfd pfd;
	uint64_t count = 0;
	int32_t fd;

	if (argc > 1)
		mode = argv[1];
	n = find_edus(bdf, MAX_EDU);
	if (!n)
		return fail("no edu device");
	say("devices", "%d edu", n);

	container = take(bdf, n, devices);
	if (container == -2)
		return 2;
	if (container < 0)
		return 1;
	say("attach", "allowed");
	for (i = 0; i < n; i++)
		device_msi_doorbells(devices[i], bdf[i], !i);

	if (strcmp(mode, "cdev")) {
		if (msi_doorbell_cap(container))
			return 1;
		hostile_get_info(container);
	}

	device = devices[0];
	cfg.index = VFIO_PCI_CONFIG_REGION_INDEX;
	bar.index = VFIO_PCI_BAR0_REGION_INDEX;
	if (ioctl(device, VFIO_DEVICE_GET_REGION_INFO, &cfg) ||
	    ioctl(device, VFIO_DEVICE_GET_REGION_INFO, &bar))
		return fail("VFIO_DEVICE_GET_REGION_INFO");
	mmio = mmap(NULL, bar.size, PROT_READ | PROT_WRITE, MAP_SHARED, device,
		    bar.offset);
	if (mmio == MAP_FAILED)
		return fail("mmap BAR0");
	mmio[EDU_LIVENESS / 4] = 0x12345678;
	say("bar0", "id=%#x liveness=%#x", mmio[EDU_ID / 4],
	    mmio[EDU_LIVENESS / 4]);

	irq.index = VFIO_PCI_MSI_IRQ_INDEX;
	if (ioctl(device, VFIO_DEVICE_GET_IRQ_INFO, &irq))
		return fail("VFIO_DEVICE_GET_IRQ_INFO");
	say("msi", "%u vector(s)", irq.count);
	hostile_set_irqs(device);

	efd = eventfd(0, EFD_NONBLOCK);
	if (efd < 0)
		return fail("eventfd");
	fd = efd;
	if (set_irqs(device, VFIO_IRQ_SET_DATA_EVENTFD |
		     VFIO_IRQ_SET_ACTION_TRIGGER, 0, 1, &fd))
		return fail("VFIO_DEVICE_SET_IRQS MSI");
	if (config_rw(device, cfg.offset, PCI_CMD_MASTER))
		return fail("enabling bus mastering");

	mmio[EDU_IRQ_RAISE / 4] = 1;
	pfd.fd = efd;
	pfd.events = POLLIN;
	ret = poll(&pfd, 1, 5000);
	if (ret == 1 && read(efd, &count, sizeof(count)) == sizeof(count))
		say("msi", "arrived, eventfd count %llu, status %#x",
		    (unsigned long long)count, mmio[EDU_IRQ_STATUS / 4]);
	else
		say("msi", "did not arrive within 5 s");
	mmio[EDU_IRQ_ACK / 4] = 1;

	set_irqs(device, VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_ACTION_TRIGGER,
		 0, 0, NULL);
	munmap((void *)mmio, bar.size);
	for (i = 0; i < n; i++)
		close(devices[i]);
	close(container);
	return count ? 0 : 1;
}
