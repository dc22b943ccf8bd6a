/** The No / Yes row of every confirmation: No highlighted until the admin moves to Yes. */
import { Text } from 'ink';

/** Draws No and Yes, the chosen one inverse, and how to answer. */
export function AnswerButtons({ yes }: { readonly yes: boolean }) {
  return (
    <Text>
      <Text inverse={!yes} bold>{'  No  '}</Text>
      {'   '}
      <Text inverse={yes} bold color="red">{'  Yes  '}</Text>
      <Text dimColor>{'   ←/→ choose · Enter take · y yes · n/Esc no'}</Text>
    </Text>
  );
}
