/** The compact layout's tab bar drawn with Ink: src/panes/frame-lines.ts's tabBarLine. */
import type { PaneId } from '../src/core/types.js';
import { tabBarLine } from '../src/panes/frame-lines.js';
import { StyledText } from './StyledLines.js';

/** Props of the tab bar. */
export interface TabBarProps {
  readonly panes: readonly PaneId[];
  readonly focus: PaneId;
}

/** One line naming each present pane; the shown one is highlighted. */
export function TabBar({ panes, focus }: TabBarProps) {
  return <StyledText line={tabBarLine(panes, focus)} />;
}
