// A KVM probe through /dev/kvm's ioctls (https://docs.kernel.org/virt/kvm/api.html): make a VM
// with one page of memory and one vCPU, run five bytes of real-mode code (`mov al, 0x42;
// out 0x10, al; hlt`) and check that KVM hands back the port write and then the halt. A /dev/kvm
// that exists but cannot run a guest (another hypervisor holds VT-x, the firmware disabled it, a
// nested setup that fails at entry) fails here, where a check of the file alone would pass.
//
// Every call is `nonblocking` (Deno's blocking pool): a KVM_RUN that never returns leaves one
// thread behind, never the server; the caller bounds the wait. errno is per thread, so a failure
// names the step that failed rather than its errno.

import { libcLoader } from "./library.ts";

const symbols = {
  // int open(const char *pathname, int flags, mode_t mode)
  open: { parameters: ["buffer", "i32", "u32"], result: "i32", nonblocking: true },
  // int close(int fd)
  close: { parameters: ["i32"], result: "i32", nonblocking: true },
  // int ioctl(int fd, unsigned long request, ...): the argument is an integer or a pointer.
  ioctl: { parameters: ["i32", "u64", "pointer"], result: "i32", nonblocking: true },
  // void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset)
  mmap: {
    parameters: ["pointer", "usize", "i32", "i32", "i32", "i64"],
    result: "pointer",
    nonblocking: true,
  },
  // int munmap(void *addr, size_t length)
  munmap: { parameters: ["pointer", "usize"], result: "i32", nonblocking: true },
} as const satisfies Deno.ForeignLibraryInterface;

const lib = libcLoader(symbols);

// linux/kvm.h (x86_64): _IO(0xAE, n), _IOR/_IOW with the struct's size.
const KVM_GET_API_VERSION = 0xae00n;
const KVM_CREATE_VM = 0xae01n;
const KVM_GET_VCPU_MMAP_SIZE = 0xae04n;
const KVM_CREATE_VCPU = 0xae41n;
const KVM_SET_USER_MEMORY_REGION = 0x4020ae46n; // struct kvm_userspace_memory_region, 32 bytes
const KVM_RUN = 0xae80n;
const KVM_SET_REGS = 0x4090ae82n; // struct kvm_regs, 144 bytes
const KVM_GET_SREGS = 0x8138ae83n; // struct kvm_sregs, 312 bytes
const KVM_SET_SREGS = 0x4138ae84n;
const KVM_EXIT_IO = 2;
const KVM_EXIT_HLT = 5;

const O_RDWR = 2;
const O_CLOEXEC = 0o2000000;
const PROT_RW = 3;
const MAP_SHARED = 1;
const MAP_ANONYMOUS = 0x20;
const GUEST_ADDR = 0x1000n;
const PAGE = 0x1000;
const CODE = [0xb0, 0x42, 0xe6, 0x10, 0xf4]; // mov al, 0x42; out 0x10, al; hlt

/** What the probe found: the guest ran, or the step at which it did not. */
export type KvmProbe = { ok: true } | { ok: false; step: string };

const ptrOf = (buf: Uint8Array<ArrayBuffer>) => Deno.UnsafePointer.of(buf);

/** Runs the probe; only on x86_64 (the code above is x86 real mode). */
export async function probeKvm(path = "/dev/kvm"): Promise<KvmProbe> {
  if (Deno.build.arch !== "x86_64") return { ok: false, step: "x86_64 only" };
  const c = lib();
  const fds: number[] = [];
  const maps: [Deno.PointerValue, number][] = [];
  const fail = (step: string): KvmProbe => ({ ok: false, step });
  try {
    const name = new TextEncoder().encode(path + "\0") as Uint8Array<ArrayBuffer>;
    const kvm = await c.open(name, O_RDWR | O_CLOEXEC, 0);
    if (kvm < 0) return fail("open");
    fds.push(kvm);
    if (await c.ioctl(kvm, KVM_GET_API_VERSION, null) !== 12) return fail("KVM_GET_API_VERSION");
    const vm = await c.ioctl(kvm, KVM_CREATE_VM, null);
    if (vm < 0) return fail("KVM_CREATE_VM");
    fds.push(vm);

    const mem = await c.mmap(null, BigInt(PAGE), PROT_RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0n);
    if (!mem || Deno.UnsafePointer.value(mem) === 0xffffffffffffffffn) return fail("mmap");
    maps.push([mem, PAGE]);
    new Uint8Array(Deno.UnsafePointerView.getArrayBuffer(mem, PAGE)).set(CODE);
    const region = new Uint8Array(32);
    const rv = new DataView(region.buffer);
    rv.setBigUint64(8, GUEST_ADDR, true); // guest_phys_addr (slot 0, flags 0)
    rv.setBigUint64(16, BigInt(PAGE), true); // memory_size
    rv.setBigUint64(24, Deno.UnsafePointer.value(mem) as bigint, true); // userspace_addr
    if (await c.ioctl(vm, KVM_SET_USER_MEMORY_REGION, ptrOf(region)) < 0) {
      return fail("KVM_SET_USER_MEMORY_REGION");
    }
    const vcpu = await c.ioctl(vm, KVM_CREATE_VCPU, null);
    if (vcpu < 0) return fail("KVM_CREATE_VCPU");
    fds.push(vcpu);
    const runSize = await c.ioctl(kvm, KVM_GET_VCPU_MMAP_SIZE, null);
    if (runSize <= 0) return fail("KVM_GET_VCPU_MMAP_SIZE");
    const run = await c.mmap(null, BigInt(runSize), PROT_RW, MAP_SHARED, vcpu, 0n);
    if (!run || Deno.UnsafePointer.value(run) === 0xffffffffffffffffn) return fail("mmap vcpu");
    maps.push([run, runSize]);

    // Real mode at 0x1000: code segment base 0 (struct kvm_sregs begins with cs: base u64 at 0,
    // limit u32 at 8, selector u16 at 12).
    const sregs = new Uint8Array(312);
    if (await c.ioctl(vcpu, KVM_GET_SREGS, ptrOf(sregs)) < 0) return fail("KVM_GET_SREGS");
    const sv = new DataView(sregs.buffer);
    sv.setBigUint64(0, 0n, true);
    sv.setUint16(12, 0, true);
    if (await c.ioctl(vcpu, KVM_SET_SREGS, ptrOf(sregs)) < 0) return fail("KVM_SET_SREGS");
    const regs = new Uint8Array(144); // rax … r15, rip (16), rflags (17)
    const gv = new DataView(regs.buffer);
    gv.setBigUint64(16 * 8, GUEST_ADDR, true);
    gv.setBigUint64(17 * 8, 2n, true);
    if (await c.ioctl(vcpu, KVM_SET_REGS, ptrOf(regs)) < 0) return fail("KVM_SET_REGS");

    const view = new Deno.UnsafePointerView(run!);
    let sawOut = false;
    for (let i = 0; i < 4; i++) {
      if (await c.ioctl(vcpu, KVM_RUN, null) < 0) return fail("KVM_RUN");
      const exit = view.getUint32(8); // struct kvm_run: exit_reason at 8
      if (exit === KVM_EXIT_IO) {
        // io: direction u8 at 32, size u8, port u16 at 34, count u32, data_offset u64 at 40.
        const port = view.getUint16(34);
        const value = view.getUint8(Number(view.getBigUint64(40)));
        if (port !== 0x10 || value !== 0x42) return fail("KVM_RUN: wrong port write");
        sawOut = true;
      } else if (exit === KVM_EXIT_HLT) {
        return sawOut ? { ok: true } : fail("KVM_RUN: halted early");
      } else {
        return fail(`KVM_RUN: exit reason ${exit}`);
      }
    }
    return fail("KVM_RUN: no halt");
  } finally {
    for (const [p, len] of maps) await c.munmap(p, BigInt(len));
    for (const fd of fds.reverse()) await c.close(fd);
  }
}
