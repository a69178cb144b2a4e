// SPDX-License-Identifier: GPL-2.0
/*
 * Fault injection and kmemleak; see faults.h.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "faults.h"
#include "vfio.h"

static const char *const fault_attrs[] = { "failslab", "fail_page_alloc" };

/* Write @val to ATTR/@file for both fault attributes. */
static int fault_knob(const char *file, const char *val)
{
	char path[96];
	unsigned int i;

	for (i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "/sys/kernel/debug/%s/%s",
			 fault_attrs[i], file);
		if (write_file(path, val))
			return -1;
	}
	return 0;
}

/*
 * Whether GFP_KERNEL allocations can be made to fail (fail-nth counts
 * only those that can), quietly: one line per fault, no stack.
 */
int faults_failable(int gfp_kernel_too)
{
	return fault_knob("ignore-gfp-wait", gfp_kernel_too ? "N" : "Y") ||
	       fault_knob("verbose", "0");
}

/* Faults anywhere again: no required or rejected stack ranges. */
int faults_unscoped(void)
{
	return fault_knob("require-start", "0") ||
	       fault_knob("require-end", "0xffffffffffffffff") ||
	       fault_knob("reject-start", "0") ||
	       fault_knob("reject-end", "0");
}

/*
 * Scan, and say what leaked since the last "clear": the number of
 * suspected leaks, with the first ones' backtraces; -1 on error.
 */
int kmemleak_report(void)
{
	char line[256];
	int leaks = 0, trace = 0;
	FILE *f;

	/* kmemleak reports nothing younger than 5 s: let the last age. */
	sleep(6);
	if (write_file(KMEMLEAK, "scan"))
		return -1;
	f = fopen(KMEMLEAK, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		if (!strncmp(line, "unreferenced object", 19)) {
			leaks++;
			trace = 0;
			say("kmemleak", "%s", line);
		} else if (strstr(line, "backtrace")) {
			trace = 1;
		} else if (trace && leaks <= 3 && !strncmp(line, "    ", 4)) {
			say("kmemleak", "%s", line + 4);
		}
	}
	fclose(f);
	return leaks;
}
