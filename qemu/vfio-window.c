// SPDX-License-Identifier: GPL-2.0
/*
 * vfio-window: VFIO type1's count of the MSI doorbell pages against the
 * software MSI window (1 MiB, 256 pages of 4K, with the SMMUv3), both
 * ways, on the its machine.  Its one ITS doorbell fits the window, so
 * type1 sees that every registered doorbell does and counts no device.
 * /lib/rig/msi_doorbell_window.ko registers one more doorbell beside the
 * ITS's, owned by the ITS's domain, which both edu devices reach:
 *
 *  1. none: both edu devices are let in (the control);
 *  2. 2 MiB: 512 pages more than the window has room for: the first group
 *     is refused, -ENOSPC, and the kernel says how many pages it needed;
 *  3. 2 MiB of per-device doorbells: every doorbell no longer fits, so
 *     type1 counts the devices, one page of the window each, and both
 *     are let in, sharing one domain;
 *  4. none again, unloaded: both let in.
 *
 * Prints "vfio-window[type1]: KEY: VALUE" lines.  Exit status: 0 if every
 * step went as said, 1 otherwise.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "lib/vfio.h"

const char *prog = "vfio-window";

#define WINDOW_KO	"/lib/rig/msi_doorbell_window.ko"
#define WINDOW_NAME	"msi_doorbell_window"

static int load(const char *params)
{
	int fd = open(WINDOW_KO, O_RDONLY | O_CLOEXEC);
	int ret;

	if (fd < 0)
		return fail(WINDOW_KO);
	ret = syscall(SYS_finit_module, fd, params, 0);
	close(fd);
	if (ret)
		return fail("finit_module " WINDOW_KO);
	say("window", "loaded, %s", params);
	return 0;
}

static int unload(void)
{
	if (syscall(SYS_delete_module, WINDOW_NAME, O_NONBLOCK))
		return fail("delete_module " WINDOW_NAME);
	say("window", "unloaded");
	return 0;
}

/*
 * Take the @n devices of @bdf in one type1 container, with the doorbell
 * @step says, and let them go:
 * 0 if let in, 1 if refused with -ENOSPC (what the library reports as
 * "error: VFIO_SET_IOMMU: No space left on device"), -1 otherwise.
 */
static int attach(char bdf[][EDU_BDF_LEN], int n, const char *step)
{
	int devices[MAX_EDU], container, i;

	say("step", "%s", step);
	container = take(bdf, n, devices);
	if (container >= 0) {
		say("attach", "allowed, %d device(s), window %s", n, step);
		for (i = 0; i < n; i++)
			close(devices[i]);
		close(container);
		return 0;
	}
	if (container == -1 && !strcmp(last_error,
				       "VFIO_SET_IOMMU: No space left on device")) {
		say("attach", "refused, window %s: no room in the MSI window",
		    step);
		return 1;
	}
	return -1;
}

int main(void)
{
	char bdf[MAX_EDU][EDU_BDF_LEN];
	int n, bad = 0;

	mode = "type1";
	n = find_edus(bdf, MAX_EDU);
	if (n != 2)
		return fail("two edu devices");

	bad |= attach(bdf, n, "none") != 0;

	if (load("size=0x200000"))
		return 1;
	bad |= attach(bdf, n, "2 MiB") != 1;
	if (unload())
		return 1;

	if (load("size=0x200000 per_device=1"))
		return 1;
	bad |= attach(bdf, n, "2 MiB per device") != 0;
	if (unload())
		return 1;

	bad |= attach(bdf, n, "none again") != 0;
	return bad;
}
