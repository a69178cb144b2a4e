// SPDX-License-Identifier: GPL-2.0
/*
 * vfio-faults MODE: fault injection on the paths the series adds to, in
 * one of the ways userspace takes devices (MODE as for vfio-msi).
 *
 * One round takes the first edu device (the attach: the MSI gate and the
 * window count), reads VFIO_IOMMU_GET_INFO with its capabilities
 * (container modes: the MSI doorbell capability), enables its MSI and
 * releases everything; then takes the platform device test-msi, enables
 * its 4 MSIs (the registry asked again, the vectors allocated) and reads
 * their messages from GET_IRQ_INFO.
 *
 * The round is run with /proc/thread-self/fail-nth set to 1, 2, 3...:
 * the Nth allocation of this thread that failslab or fail_page_alloc can
 * fail does fail (with ignore-gfp-wait off, so GFP_KERNEL ones count
 * too), until a round completes without reaching its Nth.  Every round
 * must end with an error returned to us or with success, and after each
 * one a round without faults must succeed: nothing was left half done.
 * At the end kmemleak scans, and must find nothing new.
 *
 * Prints one "vfio-faults[MODE]: KEY: VALUE" line per result.  Exit
 * status: 0 if every round was answered and nothing leaked, 1 otherwise.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/vfio.h>

#include "lib/faults.h"
#include "lib/vfio.h"

const char *prog = "vfio-faults";

#define MAX_ROUNDS	4000
#define PLATFORM_MSI	"test-msi"

static int quiet_fail(int r)
{
	return r < 0 ? -1 : 0;
}

/* The edu part of a round: 0 if all of it worked, -1 at the first error. */
static int edu_round(char bdf[][EDU_BDF_LEN])
{
	uint8_t buf[512] = { 0 };
	struct vfio_iommu_type1_info *info = (void *)buf;
	int device, h, efd, r = -1;

	h = take(bdf, 1, &device);
	if (h < 0)
		return -1;
	if (strcmp(mode, "cdev")) {
		info->argsz = sizeof(buf);
		if (ioctl(h, VFIO_IOMMU_GET_INFO, info))
			goto out;
	}
	efd = eventfd(0, EFD_NONBLOCK);
	if (efd < 0)
		goto out;
	r = quiet_fail(set_irqs(device, VFIO_IRQ_SET_DATA_EVENTFD |
				VFIO_IRQ_SET_ACTION_TRIGGER, 0, 1, &efd));
	close(efd);
out:
	close(device);
	close(h);
	return r;
}

/* The platform part: MSIs enabled, their messages read. */
static int platform_round(void)
{
	char name[1][EDU_BDF_LEN] = { PLATFORM_MSI };
	uint8_t buf[512] = { 0 };
	struct vfio_irq_info *info = (void *)buf;
	int32_t fds[4];
	int device, h, i, r = -1;

	h = take(name, 1, &device);
	if (h < 0)
		return -1;
	for (i = 0; i < 4; i++)
		fds[i] = eventfd(0, EFD_NONBLOCK);
	/* Index 1: after test-msi's one wired interrupt. */
	if (set_irqs_index(device, 1, VFIO_IRQ_SET_DATA_EVENTFD |
			   VFIO_IRQ_SET_ACTION_TRIGGER, 0, 4, fds))
		goto out;
	info->argsz = sizeof(buf);
	info->index = 1;
	r = quiet_fail(ioctl(device, VFIO_DEVICE_GET_IRQ_INFO, info));
	if (!r && !(info->flags & VFIO_IRQ_INFO_FLAG_CAPS))
		r = -1;
out:
	for (i = 0; i < 4; i++)
		close(fds[i]);
	close(device);
	close(h);
	return r;
}

static int round_(char bdf[][EDU_BDF_LEN], int platform)
{
	if (edu_round(bdf))
		return -1;
	return platform ? platform_round() : 0;
}

static int fail_nth(unsigned int n)
{
	char v[16];

	snprintf(v, sizeof(v), "%u", n);
	return write_file("/proc/thread-self/fail-nth", v);
}

static unsigned int fail_nth_left(void)
{
	char v[16] = "";
	int fd = open("/proc/thread-self/fail-nth", O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return 0;
	n = read(fd, v, sizeof(v) - 1);
	close(fd);
	return n > 0 ? strtoul(v, NULL, 10) : 0;
}

/*
 * [start, end) of a kernel function, from /proc/kallsyms: its address and
 * the next higher symbol's.
 */
static int function_range(const char *name, unsigned long long *start,
			  unsigned long long *end)
{
	unsigned long long a, s = 0, e = ~0ULL;
	char line[256], sym[128], type;
	FILE *f = fopen("/proc/kallsyms", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%llx %c %127s", &a, &type, sym) == 3 &&
		    !strcmp(sym, name))
			s = a;
	rewind(f);
	while (s && fgets(line, sizeof(line), f))
		if (sscanf(line, "%llx", &a) == 1 && a > s && a < e)
			e = a;
	fclose(f);
	*start = s;
	*end = e;
	return s && e != ~0ULL ? 0 : -1;
}

static int set_range(const char *which, const char *func)
{
	static const char *const attr[] = { "failslab", "fail_page_alloc" };
	unsigned long long start, end;
	char path[96], v[32];
	unsigned int i;

	if (function_range(func, &start, &end))
		return -1;
	for (i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "/sys/kernel/debug/%s/%s-start",
			 attr[i], which);
		snprintf(v, sizeof(v), "%#llx", start);
		if (write_file(path, v))
			return -1;
		snprintf(path, sizeof(path), "/sys/kernel/debug/%s/%s-end",
			 attr[i], which);
		snprintf(v, sizeof(v), "%#llx", end);
		if (write_file(path, v))
			return -1;
	}
	return 0;
}

/*
 * Where faults are injected: in the ioctls (the attach, the binding, the
 * capability, SET_IRQS, GET_IRQ_INFO), not in open() and close().  The
 * release paths are ones upstream treats as unable to fail: restoring a
 * group's default domain (__iommu_release_dma_ownership()) allocates in
 * arm_smmu_attach_prepare() and WARNs when that fails.
 *
 * Not in register_irq_proc() either, an upstream bug (still in 7.3) that is not
 * this series': it ignores a failure to create /proc/irq/N/smp_affinity
 * and friends, and unregister_irq_proc() then warns on removing what is
 * not there.  Any request_irq() shows it.
 */
static int scope_faults(void)
{
	if (set_range("require", "__arm64_sys_ioctl") ||
	    set_range("reject", "register_irq_proc"))
		return -1;
	say("injected", "in ioctl() only; not in register_irq_proc(), an upstream bug");
	return 0;
}

int main(int argc, char **argv)
{
	unsigned int n, errors = 0, survived = 0, broken = 0;
	char bdf[MAX_EDU][EDU_BDF_LEN];
	int platform, r, leaks;

	mode = argc > 1 ? argv[1] : "type1";
	if (find_edus(bdf, MAX_EDU) < 1)
		return fail("no edu device");
	platform = !access("/sys/bus/platform/devices/" PLATFORM_MSI, F_OK);
	/* GFP_KERNEL allocations can fail too; one line per fault, no stack. */
	if (faults_failable(1))
		return fail("fault injection debugfs");
	if (scope_faults())
		return fail("the fault injection's ranges from /proc/kallsyms");

	/* A first round binds the devices, and shows the round works. */
	if (round_(bdf, platform))
		return fail("a round without faults");
	/* What was allocated before the sweep is not the sweep's. */
	kmemleak_report();
	if (write_file(KMEMLEAK, "clear"))
		return fail(KMEMLEAK);

	quiet = getenv("LOUD") ? 0 : 1;
	for (n = 1; n <= MAX_ROUNDS; n++) {
		if (fail_nth(n)) {
			quiet = 0;
			return fail("/proc/thread-self/fail-nth");
		}
		r = round_(bdf, platform);
		if (fail_nth_left()) {
			/* Never reached the Nth: a complete round, no fault. */
			fail_nth(0);
			quiet = 0;
			if (r)
				return fail("a round with no fault injected");
			break;
		}
		if (r)
			errors++;
		else
			survived++;
		if (round_(bdf, platform)) {
			broken++;
			quiet = 0;
			/* Once more, saying where it fails. */
			if (broken == 1)
				round_(bdf, platform);
			say("broken", "after a fault at allocation %u, a clean round fails", n);
			quiet = 1;
		}
	}
	quiet = 0;
	say("faults", "%u injected: %u returned an error, %u were absorbed, %u left the device unusable",
	    n - 1, errors, survived, broken);
	say("rounds", "%s", n <= MAX_ROUNDS ? "the last round reached no fault" :
	    "ran out of rounds");
	leaks = kmemleak_report();
	say("kmemleak", "%d new suspected leak(s)", leaks);
	return broken || leaks || n > MAX_ROUNDS ? 1 : 0;
}
