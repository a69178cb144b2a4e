// SPDX-License-Identifier: GPL-2.0
/*
 * vfio-late MODE: an unsafe MSI doorbell registered while userspace holds
 * a device, MSI off; MODE as for vfio-msi (type1, compat or cdev).
 *
 * Takes the first edu device in MODE and, holding it, runs the KUnit
 * suite vfio_pci_msi_late through debugfs: the suite registers an unsafe
 * doorbell on edu's MSI domain and enables edu's MSI through the device's
 * own VFIO_DEVICE_SET_IRQS, which must be refused (the kernel's line
 * names the backend MODE took edu through, and its override), then
 * unregisters it, and the MSI must come again.  The suite's KTAP comes
 * out as "ktap: " lines for the runner to parse.  Then, still holding
 * edu, the program enables its MSI itself and makes edu raise it: it must
 * arrive.
 *
 * Exit status: 0 if the suite ran and the MSI arrived; 1 otherwise.
 */
#include <stdio.h>
#include <unistd.h>

#include "lib/edu.h"
#include "lib/vfio.h"

const char *prog = "vfio-late";

#define SUITE	"/sys/kernel/debug/kunit/vfio_pci_msi_late"

int main(int argc, char **argv)
{
	char bdf[MAX_EDU][EDU_BDF_LEN];
	int device, h, rc = 0;
	struct edu e;

	mode = argc > 1 ? argv[1] : "type1";
	if (find_edus(bdf, MAX_EDU) < 1)
		return fail("no edu device");
	if (access(SUITE "/run", W_OK))
		return fail(SUITE "/run (CONFIG_KUNIT_DEBUGFS, CONFIG_VFIO_PCI_MSI_KUNIT_TEST)");
	h = take(bdf, 1, &device);
	if (h < 0)
		return fail("taking edu");
	say("suite", "running vfio_pci_msi_late with %s held in %s, its MSI off",
	    bdf[0], mode);
	if (write_file(SUITE "/run", "1") || kunit_results(SUITE))
		rc = 1;

	if (edu_open(&e, device)) {
		rc = 1;
	} else if (edu_msi_round_trip(&e, 2000)) {
		say("msi", "arrived after the suite");
	} else {
		say("msi", "lost after the suite");
		rc = 1;
	}
	edu_close(&e);
	close(device);
	close(h);
	return rc;
}
