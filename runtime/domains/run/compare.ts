// What the run form decides, as `docker inspect` shows it: the fields two
// containers must share when one came from Wharf's run form and the other from
// the shown `docker run` line typed into a shell. Used by the integration and
// end-to-end tests that compare the two.

export interface ContainerInspectJson {
  Id: string;
  Config: Record<string, unknown>;
  HostConfig: Record<string, unknown>;
}

export function runInspectFields(i: ContainerInspectJson) {
  const c = i.Config;
  const h = i.HostConfig;
  return {
    Cmd: c.Cmd,
    Entrypoint: c.Entrypoint,
    // The engine keeps -e flags in no meaningful order.
    Env: [...((c.Env as string[] | null) ?? [])].sort(),
    ExposedPorts: c.ExposedPorts,
    Volumes: c.Volumes,
    WorkingDir: c.WorkingDir,
    Tty: c.Tty,
    OpenStdin: c.OpenStdin,
    Image: c.Image,
    Labels: c.Labels,
    Healthcheck: c.Healthcheck,
    PortBindings: h.PortBindings,
    // The docker CLI gathers -v flags in a map, so their order is not kept.
    Binds: h.Binds === null || h.Binds === undefined ? h.Binds : [...(h.Binds as string[])].sort(),
    Mounts: h.Mounts,
    RestartPolicy: h.RestartPolicy,
    Memory: h.Memory,
    NanoCpus: h.NanoCpus,
    NetworkMode: h.NetworkMode,
    AutoRemove: h.AutoRemove,
  };
}
