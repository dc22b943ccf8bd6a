/** The compact layout's tab bar: present panes with their number keys. */
import { Text } from 'ink';
import { ALL_PANES, type PaneId } from '../src/core/types.js';
import { PANE_REGISTRY } from '../src/panes/registry.js';

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
        const label = ` ${ALL_PANES.indexOf(p) + 1} ${PANE_REGISTRY[p].title} `;
        return p === focus ? <Text key={p} inverse bold color="cyan">{label}</Text> : <Text key={p}>{label}</Text>;
      })}
      <Text dimColor>  Tab: next</Text>
    </Text>
  );
}
