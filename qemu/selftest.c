// SPDX-License-Identifier: GPL-2.0
/*
 * selftest TEST: run one of upstream's VFIO selftests
 * (tools/testing/selftests/vfio, built from the tree with the series) on
 * the first edu device, as their scripts/setup.sh would prepare it: bound
 * to vfio-pci.  The test prints its own KTAP; this prints one line first
 * and leaves the exit status to the test.
 */
#include <stdio.h>
#include <unistd.h>

#include "lib/vfio.h"

const char *prog = "selftest";

int main(int argc, char **argv)
{
	char bdf[MAX_EDU][EDU_BDF_LEN], path[128];
	int group;

	if (argc < 2)
		return fail("usage: selftest TEST");
	if (find_edus(bdf, MAX_EDU) < 1)
		return fail("no edu device");
	if (bind_vfio(bdf[0], &group))
		return 1;
	snprintf(path, sizeof(path), "/bin/%s", argv[1]);
	say("run", "%s %s (iommu group %d)", argv[1], bdf[0], group);
	execl(path, path, bdf[0], (char *)NULL);
	return fail(path);
}
