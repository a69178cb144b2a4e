// SPDX-License-Identifier: GPL-2.0
/*
 * selftest [igb+]TEST[/ARG...]: run one of upstream's VFIO selftests
 * (tools/testing/selftests/vfio, built from the tree with the series) on
 * the edu devices (with "igb+", the igb device first, then edu: MSI-X
 * for the test of one device and for the isolation test's victim), as their
 * scripts/setup.sh would prepare them: bound to vfio-pci, their addresses
 * last on the command line.  A test of one device takes the first;
 * vfio_msi_isolation_test takes the second as the attacker.  ARGs, split
 * at '/', go to the test's harness before the addresses (-v VARIANT, -t
 * TEST, ...).  The test prints its own KTAP; this prints one line first
 * and leaves the exit status to the test.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "lib/vfio.h"

const char *prog = "selftest";

int main(int argc, char **argv)
{
	char bdf[MAX_EDU][EDU_BDF_LEN], path[128], *args[16], *arg;
	int group, n = 0, nr, i;

	if (argc < 2)
		return fail("usage: selftest TEST");
	arg = argv[1];
	if (!strncmp(arg, "igb+", 4)) {
		/* igb first, then edu: the victim, then the attacker. */
		arg += 4;
		nr = find_pci(0x8086, 0x10c9, bdf, MAX_EDU);
		nr += find_edus(bdf + nr, MAX_EDU - nr);
	} else {
		nr = find_edus(bdf, MAX_EDU);
	}
	if (nr < 1)
		return fail("no device for the test");
	for (i = nr - 1; i >= 0; i--)
		if (bind_vfio(bdf[i], &group))
			return 1;
	arg = strtok(arg, "/");
	snprintf(path, sizeof(path), "/bin/%s", arg);
	args[n++] = path;
	while (n < 16 - MAX_EDU - 1 && (arg = strtok(NULL, "/")))
		args[n++] = arg;
	for (i = 0; i < nr; i++)
		args[n++] = bdf[i];
	args[n] = NULL;
	say("run", "%s %s (iommu group %d)", path, bdf[0], group);
	execv(path, args);
	return fail(path);
}
