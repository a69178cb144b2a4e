# The devices of the rig's qemu-system-aarch64 (scripts/qemu-build.sh
# configures QEMU --without-default-devices, with these): the virt
# machine (GICv3 and its ITS, GICv2m, SMMUv3, PCIe, PL011), edu (the
# tests' DMA and MSI device) and igb (MSI-X).
CONFIG_ARM_VIRT=y
CONFIG_EDU=y
CONFIG_IGB_PCI_EXPRESS=y
# Without the defaults, QEMU 10.2 does not link: igb calls
# e1000x_common.c, which only E1000 and E1000E build, and virt's ACPI
# tables call CXL's cxl_fmws_get_all_sorted(), which CXL's stubs lack
# (and CXL needs the PCI expander bridge, its memory device, whose
# functions CXL's mailbox calls, and PCIe root ports, the parent of its).
CONFIG_E1000E_PCI_EXPRESS=y
CONFIG_PXB=y
CONFIG_CXL=y
CONFIG_CXL_MEM_DEVICE=y
CONFIG_PCIE_PORT=y
