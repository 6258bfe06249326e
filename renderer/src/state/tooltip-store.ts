// One tooltip for the whole window (rows may number in the thousands): a
// trigger says where and what; TooltipLayer draws it.
import { create } from 'zustand';
import type { InputOf } from '../../../runtime/api/contract';

export interface TooltipRequest {
  anchor: HTMLElement;
  label: string;
  /** Look the docker command up lazily for this action. */
  describe?: InputOf<'containers.describeAction'>;
  /** A sentence or two explaining something, set as plain text rather than a bold label. */
  prose?: boolean;
  /** A command already known (no look-up), shown under the label. */
  command?: string;
}

interface TooltipState {
  tip: TooltipRequest | null;
  show(tip: TooltipRequest): void;
  hide(anchor: HTMLElement): void;
}

export const useTooltip = create<TooltipState>()((set, get) => ({
  tip: null,
  show: (tip) => set({ tip }),
  hide: (anchor) => {
    if (get().tip?.anchor === anchor) set({ tip: null });
  },
}));

/** Props that make an element show the shared tooltip on hover and focus. */
export function tooltipProps(
  label: string,
  describe?: TooltipRequest['describe'],
  /** `command`: the command shown under the label; a function is asked only when the tooltip shows. */
  options: { prose?: boolean; command?: string | (() => string) } = {},
) {
  const show = (e: { currentTarget: HTMLElement }) =>
    useTooltip.getState().show({
      anchor: e.currentTarget,
      label,
      ...(describe ? { describe } : {}),
      ...(options.prose ? { prose: true } : {}),
      ...(options.command !== undefined
        ? { command: typeof options.command === 'function' ? options.command() : options.command }
        : {}),
    });
  const hide = (e: { currentTarget: HTMLElement }) => useTooltip.getState().hide(e.currentTarget);
  return { onMouseEnter: show, onFocus: show, onMouseLeave: hide, onBlur: hide };
}
