// The docker build command as a user types it for the builder that runs:
// DOCKER_BUILDKIT=1 asks the docker CLI for BuildKit, DOCKER_BUILDKIT=0 for
// the classic builder (the CLI's own default follows the engine's). Pure.
import type { BuilderChoice } from './types';

export function withBuilderEnv(command: string, choice: BuilderChoice | undefined): string {
  if (choice === undefined) return command;
  if (choice.builder === 'buildkit') return `DOCKER_BUILDKIT=1 ${command}`;
  if (choice.reason === 'classic-chosen' || choice.reason === 'buildkit-failed') return `DOCKER_BUILDKIT=0 ${command}`;
  return command;
}
