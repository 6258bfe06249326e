// The run form's query keys.

export const runKeys = {
  describe: (form: unknown) => ['run', 'describe', JSON.stringify(form)] as const,
};
