// The run form's query keys.

export const runKeys = {
  describe: (form: unknown) => ['run', 'describe', JSON.stringify(form)] as const,
  /** The form of a copy of a container (Duplicate). */
  copyOf: (container: string) => ['run', 'copyOf', container] as const,
};
