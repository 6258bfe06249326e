// Wharf's engine VM: its state and progress, Start and Stop, its settings.
import { z } from 'zod';
import { request, subscription } from '../../api/define';
import type { VmSettings, VmStatus } from './types';
import { none } from '../../api/inputs';

/** A host folder shared into the VM (so bind mounts of it work). */
export const VmShareInput = z
  .object({
    hostPath: z
      .string()
      .trim()
      .min(1)
      .max(1024)
      .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p), 'use a full path'),
    guestPath: z.string().trim().min(1).max(1024).startsWith('/').optional(),
    readOnly: z.boolean().optional(),
  })
  .strict();

export const VmSettingsPatch = z
  .object({
    enabled: z.boolean().optional(),
    driver: z.enum(['qemu', 'wsl']).optional(),
    cpus: z.number().int().min(1).max(64).optional(),
    memoryMiB: z.number().int().min(512).max(262_144).optional(),
    diskGiB: z.number().int().min(4).max(4096).optional(),
    autoStart: z.boolean().optional(),
    idleStopMinutes: z
      .number()
      .int()
      .min(0)
      .max(24 * 60)
      .optional(),
    shares: z.array(VmShareInput).max(32).optional(),
  })
  .strict();

export const vmContract = {
  'vm.status': request<VmStatus>()(none),
  /**
   * Starts the VM and connects to its engine; resolves once it answers or
   * failed. Cancelling this request (the envelope's cancel) cancels the start.
   */
  'vm.start': request<VmStatus>()(none),
  /**
   * Cancels a start in progress, whoever began it (Wharf at launch, another
   * window): QEMU (or the WSL engine) is stopped and the VM is 'stopped' with `cancelled`.
   */
  'vm.cancel': request<VmStatus>()(none),
  'vm.stop': request<VmStatus>()(none),
  'vm.settings': request<VmSettings>()(none),
  'vm.updateSettings': request<VmSettings>()(VmSettingsPatch),
  /**
   * WSL2: write the chosen CPUs and memory into %UserProfile%\.wslconfig. It applies to every WSL
   * distro after `wsl --shutdown`, so the UI asks first and sends `confirmed: true`.
   */
  'vm.applyWslConfig': request<VmStatus>()(z.object({ confirmed: z.literal(true) }).strict()),
  /** The last lines of the guest's console. */
  'vm.logs': request<string[]>()(z.object({ lines: z.number().int().min(1).max(1000).optional() }).strict()),
  /** The VM's status first, then every change (progress, resource use). */
  'vm.watch': subscription<VmStatus>()(none),
} as const;
