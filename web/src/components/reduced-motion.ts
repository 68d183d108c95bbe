import { useMediaQuery } from './media-query';

/** The system setting 「减弱动态效果」 (macOS, iOS, Windows, Android all have one). */
const REDUCED_MOTION_QUERY = '(prefers-reduced-motion: reduce)';

/**
 * True when the user has asked the system for less motion: Ant Design's opening and closing animations (menus,
 * lists, drawers, dialogs) are then turned off, and what opens is there at once. Follows the setting as it changes.
 */
export function useReducedMotion(): boolean {
  return useMediaQuery(REDUCED_MOTION_QUERY);
}
