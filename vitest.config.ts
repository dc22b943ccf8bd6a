import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The e2e tests drive real tmux, sshd, systemd and loop devices on a shared 2-core machine: a test that
    // fails once under another test's load runs once more (vitest reports it as retried). A real failure fails twice.
    retry: 1,
  },
});
