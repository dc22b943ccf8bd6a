// The floor Ink sets: a bare Ink 6 app (one bordered box filling the
// terminal, a clock that changes each second), bundled like sitrep and
// rendered by Ink's own renderer at 1 Hz. Not a test; bench/floors.mjs runs it.
import React, { useEffect, useState } from 'react';
import { Box, Text, render } from 'ink';

function Clock(): React.ReactElement {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <Box borderStyle="round" width={process.stdout.columns || 120} height={(process.stdout.rows || 40) - 1}>
      <Text>bare Ink {now.toTimeString().slice(0, 8)}</Text>
    </Box>
  );
}

render(<Clock />);
