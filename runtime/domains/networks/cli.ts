// The docker command each network action stands for (pure: the renderer shows them too).

/** docker network ls */
export function networkListCommand(): string {
  return 'docker network ls';
}
