/** The bottom line drawn with Ink: src/panes/frame-lines.ts's statusLine. */
import { statusLine, type StatusArgs } from '../src/panes/frame-lines.js';
import { StyledText } from './StyledLines.js';

/** Props of the status bar. */
export type StatusBarProps = StatusArgs;

/** One line, exactly `width` cells: host, sampling, PAUSED, the newest message (shortened as it must), the key hints. */
export function StatusBar(props: StatusBarProps) {
  return <StyledText line={statusLine(props)} />;
}
