// What the guest's console says about its boot: the milestones wharf-init
// prints ("wharf-guest: …") and the kernel's own first and last words.

export type BootMilestone = 'nothing' | 'kernel' | 'init' | 'sshd' | 'engine' | 'engine-socket';

export interface BootReading {
  milestone: BootMilestone;
  /** A line that means the boot has failed, when there is one. */
  failure?: string;
}

const order: BootMilestone[] = ['nothing', 'kernel', 'init', 'sshd', 'engine', 'engine-socket'];

const marks: Array<[RegExp, BootMilestone]> = [
  [/Linux version \d/, 'kernel'],
  [/wharf-guest: init\b/, 'init'],
  [/wharf-guest: starting sshd/, 'sshd'],
  [/wharf-guest: starting the engine/, 'engine'],
  [/wharf-guest: engine socket ready/, 'engine-socket'],
];

const failures = [
  /Kernel panic - not syncing.*/,
  /wharf-guest: no root disk.*/,
  /wharf-guest: engine socket missing.*/,
  /wharf-guest: sshd did not start.*/,
  /wharf-guest: no SSH host key.*/,
  /wharf-guest: could not close the host's loopback.*/,
];

export function readBoot(consoleText: string): BootReading {
  let milestone: BootMilestone = 'nothing';
  for (const [re, m] of marks) {
    if (re.test(consoleText) && order.indexOf(m) > order.indexOf(milestone)) milestone = m;
  }
  for (const re of failures) {
    const found = re.exec(consoleText);
    if (found) return { milestone, failure: found[0].trim() };
  }
  return { milestone };
}

/** Plain words for the UI, per milestone. */
export function describeMilestone(m: BootMilestone, accel: string): string {
  switch (m) {
    case 'nothing':
      return `Starting the VM (${accel})…`;
    case 'kernel':
      return 'Booting Linux…';
    case 'init':
      return 'Starting the guest system…';
    case 'sshd':
      return 'Opening the connection to the VM…';
    case 'engine':
    case 'engine-socket':
      return 'Waiting for the engine…';
  }
}
