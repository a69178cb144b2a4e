/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the rig's VFIO programs share: finding QEMU's edu devices, binding
 * them to vfio-pci, taking them in one of the three ways userspace can
 * (VFIO type1 container, iommufd's compat container, vfio cdev + iommufd),
 * enabling MSI.  Every line a program prints is "PROG[MODE]: KEY: VALUE".
 */
#ifndef MSI_DOORBELL_RIG_VFIO_H
#define MSI_DOORBELL_RIG_VFIO_H

#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#define EDU_ID		0x00	/* reads 0xRRrr00ed */
#define EDU_LIVENESS	0x04	/* reads back the inverse of what was written */
#define EDU_IRQ_STATUS	0x24
#define EDU_IRQ_RAISE	0x60
#define EDU_IRQ_ACK	0x64
#define PCI_COMMAND_REG	0x04
#define PCI_CMD_MASTER	0x04

#define MAX_EDU		2
#define EDU_BDF_LEN	32

/* The program's name and mode, for say(). */
extern const char *prog;
extern const char *mode;
/* The IOAS the devices are attached to, in the cdev mode. */
extern uint32_t ioas_id;
/* Set: say() prints nothing (a program making thousands of calls). */
extern int quiet;

#define say(key, ...) do {						\
		if (quiet)						\
			break;						\
		printf("%s[%s]: " key ": ", prog, mode);		\
		printf(__VA_ARGS__);					\
		printf("\n");						\
		fflush(stdout);						\
	} while (0)

/* What fail() said last, quiet or not: "WHAT: strerror". */
extern char last_error[160];

int fail(const char *what);
int write_file(const char *path, const char *val);
unsigned long read_hex(const char *dir, const char *file);
int find_pci(unsigned int vendor, unsigned int device,
	     char bdf[][EDU_BDF_LEN], int max);
int find_edus(char bdf[][EDU_BDF_LEN], int max);
int bind_vfio(const char *bdf, int *group_nr);
int cdev_path(const char *bdf, char *path, size_t len);
int set_irqs(int device, uint32_t flags, uint32_t start, uint32_t count,
	     int32_t *fds);
int set_irqs_index(int device, uint32_t index, uint32_t flags,
		   uint32_t start, uint32_t count, int32_t *fds);
int config_rw(int device, off_t cfg, uint16_t set_bits);
/* /dev/vfio/vfio (type1) or /dev/iommu (compat): see vfio.c. */
const char *container_path(void);
int take_container(char bdf[][EDU_BDF_LEN], int n, int *devices);
int take_cdev(char bdf[][EDU_BDF_LEN], int n, int *devices);
int take(char bdf[][EDU_BDF_LEN], int n, int *devices);
int device_msi_doorbells(int device, const char *name, int sweep);
int device_ext_irq(int device, uint32_t type, uint32_t subtype);
struct vfio_irq_info;
struct vfio_info_cap_header;
int fired(int fd, int ms);
struct vfio_irq_info *irq_info(int device, uint32_t index);
struct vfio_info_cap_header *irq_cap(struct vfio_irq_info *info, uint16_t id);

#endif
