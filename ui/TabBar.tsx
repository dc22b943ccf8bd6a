/** The compact layout's tab bar: present panes with their number keys. */
import { Text } from 'ink';
import type { PaneId } from '../src/core/types.js';
import { tabLabel } from '../src/panes/tab-labels.js';

/** Props of the tab bar. */
export interface TabBarProps {
  readonly panes: readonly PaneId[];
  readonly focus: PaneId;
}

/** One line naming each present pane; the shown one is highlighted. */
export function TabBar({ panes, focus }: TabBarProps) {
  return (
    <Text wrap="truncate">
      {panes.map((p) => {
        const label = tabLabel(p);
        return p === focus ? <Text key={p} inverse bold color="cyan">{label}</Text> : <Text key={p}>{label}</Text>;
      })}
      <Text dimColor>  Tab: next</Text>
    </Text>
  );
}
