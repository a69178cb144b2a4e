// SPDX-License-Identifier: GPL-2.0
/*
 * vmm-guest: the nested guest's program (qemu/vmm.c starts that guest in
 * Debian's QEMU, with the machine's first edu device assigned to it).
 * The nested guest has no IOMMU: it takes edu in VFIO's no-IOMMU mode,
 * enables its MSI with an eventfd, asks edu for an interrupt ROUNDS times
 * and counts those that reached the eventfd:
 *
 *   vmm-guest[noiommu]: msi: received N of ROUNDS MSIs from edu
 *
 * Each one went from edu, through the host's doorbell and VFIO, to the
 * VMM, which injected it into this guest.  Exit status: 0 if all arrived,
 * 1 otherwise.
 */
#include <stdio.h>
#include <unistd.h>

#include "lib/edu.h"
#include "lib/vfio.h"

const char *prog = "vmm-guest";

#define ROUNDS	8

int main(void)
{
	char bdf[MAX_EDU][EDU_BDF_LEN];
	int device, container, i, got = 0;
	struct edu e;

	mode = "noiommu";
	if (find_edus(bdf, MAX_EDU) != 1) {
		say("edu", "expected exactly one edu device");
		return 1;
	}
	container = take(bdf, 1, &device);
	if (container < 0) {
		say("take", "%s", last_error);
		return 1;
	}
	if (edu_open(&e, device)) {
		say("edu", "%s", last_error);
		return 1;
	}
	for (i = 0; i < ROUNDS; i++)
		got += edu_msi_round_trip(&e, 2000);
	say("msi", "received %d of %d MSIs from edu", got, ROUNDS);
	edu_close(&e);
	close(device);
	close(container);
	return got == ROUNDS ? 0 : 1;
}
