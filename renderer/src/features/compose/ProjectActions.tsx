// The actions on a whole compose project (start, stop, restart, down, pull,
// build, recreate), as icon buttons whose tooltip shows the command each
// stands for (worked out when the tooltip shows: the containers list draws
// these for every project). Down asks first (DownDialog).
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  BuildIcon,
  DownIcon,
  PlayIcon,
  PullIcon,
  RecreateIcon,
  RestartIcon,
  StopIcon,
  type IconProps,
} from '../../components/Icons';
import { tooltipProps } from '../../state/tooltip-store';
import { composeCommand, composePsCommand, type ComposeCommandTarget, type ComposeOp } from './compose-command';
import type { TFunction } from 'i18next';
import type { MenuItem } from '../../components/ContextMenu';
import { navigate } from '../../lib/useHashRoute';
import { copyItems } from '../palette/row-menu';
import { useComposeUi } from './compose-store';
import { knownComposeTool } from './queries';
import { DownDialog } from './DownDialog';
import { useComposeRun } from './useComposeRun';

type Kind = 'start' | 'stop' | 'restart' | 'down' | 'pull' | 'build' | 'recreate';

const ACTIONS: { kind: Kind; Icon: (p: IconProps) => React.ReactNode }[] = [
  { kind: 'start', Icon: PlayIcon },
  { kind: 'stop', Icon: StopIcon },
  { kind: 'restart', Icon: RestartIcon },
  { kind: 'recreate', Icon: RecreateIcon },
  { kind: 'pull', Icon: PullIcon },
  { kind: 'build', Icon: BuildIcon },
  { kind: 'down', Icon: DownIcon },
];

interface Props {
  target: ComposeCommandTarget;
  fileId?: string | undefined;
  running: number;
  total: number;
  stale: boolean;
}

function enabled(kind: Kind, running: number, total: number): boolean {
  if (kind === 'start') return running < total;
  if (kind === 'stop' || kind === 'restart') return running > 0;
  if (kind === 'down') return total > 0;
  return true;
}

export interface ProjectAction {
  kind: Kind;
  Icon: (p: IconProps) => React.ReactNode;
  /** The action's name ("Stop"), and with the project ("Stop shop"). */
  label: string;
  name: string;
  disabled: boolean;
  /** Worked out when shown: the tool the command names may be known only then. */
  command: () => string;
  /** Runs it (Down asks first). */
  run: () => void;
}

/** A project's actions and the Down dialog they may open: for its buttons and its row's menu. */
export function useProjectActions({ target, fileId, running, total, stale }: Props) {
  const { t } = useTranslation();
  const { run } = useComposeRun();
  const busy = useComposeUi((s) => s.runs[target.project]?.done === false);
  const [asking, setAsking] = useState(false);
  const queryClient = useQueryClient();
  // The tool the commands name, as known when they are shown (the target's until the status is read).
  const withTool = (): ComposeCommandTarget => ({ ...target, tool: knownComposeTool(queryClient) ?? target.tool });
  const actions = ACTIONS.map(({ kind, Icon }): ProjectAction => {
    const label = t(`compose.actions.${kind}`);
    const op: ComposeOp = kind === 'down' ? { kind: 'down' } : { kind };
    return {
      kind,
      Icon,
      label,
      name: t('compose.actionOn', { action: label, project: target.project }),
      disabled: stale || busy || !enabled(kind, running, total),
      command: () => composeCommand(withTool(), op),
      run: () => (kind === 'down' ? setAsking(true) : run(target.project, op, fileId)),
    };
  });
  const dialog = asking ? (
    <DownDialog
      target={withTool()}
      onCancel={() => setAsking(false)}
      onConfirm={(op) => {
        setAsking(false);
        run(target.project, op, fileId);
      }}
    />
  ) : null;
  return { actions, dialog };
}

/** The actions as icon buttons, each with its command in its tooltip. */
export function ProjectActionButtons({ actions, dialog }: ReturnType<typeof useProjectActions>) {
  return (
    <div className="row-actions compose-actions">
      {actions.map(({ kind, Icon, label, name, disabled, command, run }) => (
        <button
          key={kind}
          type="button"
          className={kind === 'down' ? 'icon-button danger' : 'icon-button'}
          aria-label={name}
          data-action={kind}
          data-learn={kind === 'down' ? 'compose.down' : undefined}
          disabled={disabled}
          onClick={run}
          {...tooltipProps(label, undefined, { command })}
        >
          <Icon />
        </button>
      ))}
      {dialog}
    </div>
  );
}

/** A project row's menu: open its page, its actions with their commands, then copy its name and `ps` command. */
export function projectMenuItems(
  t: TFunction,
  { actions }: ReturnType<typeof useProjectActions>,
  project: { name: string; href: string; target: ComposeCommandTarget },
): MenuItem[] {
  return [
    { id: 'open', label: t('rowMenu.open'), onSelect: () => navigate(project.href) },
    ...actions.map((a) => ({
      id: a.kind,
      label: a.label,
      command: a.command(),
      disabled: a.disabled,
      danger: a.kind === 'down',
      onSelect: a.run,
    })),
    ...copyItems(t, { name: project.name, command: composePsCommand(project.target) }),
  ];
}

export function ProjectActions(props: Props) {
  return <ProjectActionButtons {...useProjectActions(props)} />;
}
