/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fault injection (failslab, fail_page_alloc) and kmemleak, for the rig's
 * programs that make the kernel fail allocations.
 */
#ifndef MSI_DOORBELL_RIG_FAULTS_H
#define MSI_DOORBELL_RIG_FAULTS_H

#define KMEMLEAK	"/sys/kernel/debug/kmemleak"

int faults_failable(int gfp_kernel_too);
int faults_unscoped(void);
int kmemleak_report(void);

#endif
