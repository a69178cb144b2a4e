// SPDX-License-Identifier: GPL-2.0
/*
 * vfio-msi: take QEMU's edu PCI device [1234:11e8] with VFIO, attach it to
 * a type1 container, read the MSI doorbell capability, enable MSI with an
 * eventfd, make the device raise its interrupt and wait for it.  On the
 * way, feed GET_INFO and SET_IRQS hostile sizes and ranges.
 *
 * Prints one "vfio-msi: KEY: VALUE" line per step; the runner judges
 * them.  Exit status: 0 if every step ran to the end, 2 if the attach was
 * refused (reported, not a failure of this program), 1 on anything else.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
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

/* The uAPI is forever: this is the layout userspace builds against. */
_Static_assert(sizeof(struct vfio_iommu_type1_info_cap_msi_doorbell) == 32,
	       "MSI doorbell capability is 32 bytes");
_Static_assert(offsetof(struct vfio_iommu_type1_info_cap_msi_doorbell, flags) == 8 &&
	       offsetof(struct vfio_iommu_type1_info_cap_msi_doorbell, pgsize) == 16 &&
	       offsetof(struct vfio_iommu_type1_info_cap_msi_doorbell, pages) == 24,
	       "MSI doorbell capability fields are 64-bit aligned");

#define EDU_ID		0x00	/* reads 0xRRrr00ed */
#define EDU_LIVENESS	0x04	/* reads back the inverse of what was written */
#define EDU_IRQ_STATUS	0x24
#define EDU_IRQ_RAISE	0x60
#define EDU_IRQ_ACK	0x64
#define PCI_COMMAND_REG	0x04
#define PCI_CMD_MASTER	0x04

#define say(key, ...) do {						\
		printf("vfio-msi: " key ": " __VA_ARGS__);		\
		printf("\n");						\
		fflush(stdout);						\
	} while (0)

static int fail(const char *what)
{
	say("error", "%s: %s", what, strerror(errno));
	return 1;
}

static int write_file(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, val, strlen(val));
	close(fd);
	return n == (ssize_t)strlen(val) ? 0 : -1;
}

static unsigned long read_hex(const char *dir, const char *file)
{
	char path[512], buf[32] = "";
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	f = fopen(path, "r");
	if (!f)
		return 0;
	if (!fgets(buf, sizeof(buf), f))
		buf[0] = '\0';
	fclose(f);
	return strtoul(buf, NULL, 16);
}

/* The edu device's address, "0000:00:01.0", into @bdf. */
static int find_edu(char *bdf, size_t len)
{
	const char *base = "/sys/bus/pci/devices";
	char dir[512];
	struct dirent *e;
	DIR *d = opendir(base);

	if (!d)
		return -1;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(dir, sizeof(dir), "%s/%s", base, e->d_name);
		if (read_hex(dir, "vendor") == 0x1234 &&
		    read_hex(dir, "device") == 0x11e8) {
			snprintf(bdf, len, "%s", e->d_name);
			closedir(d);
			return 0;
		}
	}
	closedir(d);
	return -1;
}

static int bind_vfio(const char *bdf, int *group_nr)
{
	char path[512], link[512];
	ssize_t n;

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/driver_override",
		 bdf);
	if (write_file(path, "vfio-pci"))
		return -1;
	if (write_file("/sys/bus/pci/drivers_probe", bdf))
		return -1;
	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/iommu_group",
		 bdf);
	n = readlink(path, link, sizeof(link) - 1);
	if (n < 0)
		return -1;
	link[n] = '\0';
	*group_nr = atoi(strrchr(link, '/') + 1);
	return 0;
}

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
		say("cap", "msi-doorbell version=%u safe=%d pages=%llu pgsize=%llu",
		    hdr->version, !!(cap->flags & VFIO_IOMMU_MSI_DOORBELL_SAFE),
		    (unsigned long long)cap->pages,
		    (unsigned long long)cap->pgsize);
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

static int set_irqs(int device, uint32_t flags, uint32_t start,
		    uint32_t count, int32_t *fds)
{
	size_t sz = sizeof(struct vfio_irq_set) + (fds ? count * sizeof(*fds) : 0);
	struct vfio_irq_set *set = calloc(1, sz);
	int ret;

	if (!set)
		return -1;
	set->argsz = sz;
	set->flags = flags;
	set->index = VFIO_PCI_MSI_IRQ_INDEX;
	set->start = start;
	set->count = count;
	if (fds)
		memcpy(set->data, fds, count * sizeof(*fds));
	ret = ioctl(device, VFIO_DEVICE_SET_IRQS, set);
	free(set);
	return ret;
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

static int config_rw(int device, off_t cfg, uint16_t set_bits)
{
	uint16_t cmd;

	if (pread(device, &cmd, sizeof(cmd), cfg + PCI_COMMAND_REG) != sizeof(cmd))
		return -1;
	cmd |= set_bits;
	if (pwrite(device, &cmd, sizeof(cmd), cfg + PCI_COMMAND_REG) != sizeof(cmd))
		return -1;
	return 0;
}

int main(void)
{
	struct vfio_group_status status = { .argsz = sizeof(status) };
	struct vfio_region_info cfg = { .argsz = sizeof(cfg) };
	struct vfio_region_info bar = { .argsz = sizeof(bar) };
	struct vfio_irq_info irq = { .argsz = sizeof(irq) };
	int container, group, device, group_nr, efd, ret;
	volatile uint32_t *mmio;
	struct pollfd pfd;
	char bdf[256], path[64];
	uint64_t count = 0;
	int32_t fd;

	if (find_edu(bdf, sizeof(bdf)))
		return fail("no edu device");
	if (bind_vfio(bdf, &group_nr))
		return fail("binding edu to vfio-pci");
	say("device", "%s in iommu group %d", bdf, group_nr);

	container = open("/dev/vfio/vfio", O_RDWR);
	if (container < 0)
		return fail("/dev/vfio/vfio");
	if (ioctl(container, VFIO_GET_API_VERSION) != VFIO_API_VERSION ||
	    ioctl(container, VFIO_CHECK_EXTENSION, VFIO_TYPE1v2_IOMMU) != 1)
		return fail("type1v2 not supported");
	snprintf(path, sizeof(path), "/dev/vfio/%d", group_nr);
	group = open(path, O_RDWR);
	if (group < 0)
		return fail(path);
	if (ioctl(group, VFIO_GROUP_GET_STATUS, &status) ||
	    !(status.flags & VFIO_GROUP_FLAGS_VIABLE))
		return fail("group not viable");
	if (ioctl(group, VFIO_GROUP_SET_CONTAINER, &container))
		return fail("VFIO_GROUP_SET_CONTAINER");

	if (ioctl(container, VFIO_SET_IOMMU, VFIO_TYPE1v2_IOMMU)) {
		say("attach", "refused: %s", strerror(errno));
		return 2;
	}
	say("attach", "allowed");

	if (msi_doorbell_cap(container))
		return 1;
	hostile_get_info(container);

	device = ioctl(group, VFIO_GROUP_GET_DEVICE_FD, bdf);
	if (device < 0)
		return fail("VFIO_GROUP_GET_DEVICE_FD");
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
	close(device);
	close(group);
	close(container);
	return count ? 0 : 1;
}
