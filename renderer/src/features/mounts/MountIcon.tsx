// A folder with an arrow into a box: something attached inside a container.
interface Props {
  size?: number;
  className?: string;
}

export function MountIcon({ size = 16, className }: Props) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      className={className}
    >
      <path d="M3 7a2 2 0 0 1 2-2h4l2 2h3" />
      <path d="M3 7v10a2 2 0 0 0 2 2h4" />
      <rect x="13" y="10" width="8" height="9" rx="1.5" />
      <path d="M8 14.5h7M12.5 12l2.5 2.5-2.5 2.5" />
    </svg>
  );
}
