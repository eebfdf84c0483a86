// Small inline icons: glyphs from fonts render as boxes on machines without them.
const PATHS = {
  play: 'M5 3.5v9l8-4.5z',
  pause: 'M4 3h3v10H4zM9 3h3v10H9z',
  step: 'M3 3.5v9l7-4.5zM11 3h2v10h-2z',
  rewind: 'M8 3a5 5 0 1 1-4.6 3H1.5l3-3.5 3 3.5H5.5A3.5 3.5 0 1 0 8 4.5z',
  sun: 'M8 5a3 3 0 1 1 0 6 3 3 0 0 1 0-6zM7.25 0h1.5v2.5h-1.5zM7.25 13.5h1.5V16h-1.5zM0 7.25h2.5v1.5H0zM13.5 7.25H16v1.5h-2.5zM2.1 3.2l1.1-1.1 1.8 1.8-1.1 1.1zM11 12.1l1.1-1.1 1.8 1.8-1.1 1.1zM2.1 12.8l1.8-1.8 1.1 1.1-1.8 1.8zM11 3.9l1.8-1.8 1.1 1.1-1.8 1.8z',
  moon: 'M6 1.5a6.5 6.5 0 1 0 8.5 8.5A5.5 5.5 0 0 1 6 1.5z',
  chevronDown: 'M3.5 6l4.5 4.5L12.5 6z',
  chevronRight: 'M6 3.5l4.5 4.5L6 12.5z',
  present: 'M1 2h14v9H1zM2.5 3.5v6h11v-6zM7.25 11h1.5v2H11v1.5H5V13h2.25z',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 16 }: { name: IconName; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 16 16" aria-hidden="true" focusable="false" fill="currentColor">
      <path d={PATHS[name]} />
    </svg>
  );
}
