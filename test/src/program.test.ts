/** The COMMAND column program first: an interpreter's script or module, basename first (htop's highlight). */
import { describe, expect, it } from 'vitest';
import { programFirst } from '../../src/text/program.js';

describe('programFirst', () => {
  it.each([
    ['/usr/local/bin/python3 /srv/app/nightly_report.py --since 3h', 'nightly_report.py (python3) --since 3h'],
    ['/usr/bin/python3.11 -u -X dev /srv/app/worker.py', 'worker.py (python3.11)'],
    ['python3 -m http.server 8000', 'http.server (python3 -m) 8000'],
    ['/usr/bin/python3 -W ignore -m celery worker -A proj', 'celery (python3 -m) worker -A proj'],
    ['node --max-old-space-size=4096 -r dotenv/config /srv/api/app.js --port 3000', 'app.js (node) --port 3000'],
    ['node --conditions development /srv/x/node_modules/vitest/dist/workers/forks.js', 'forks.js (node)'],
    ['/usr/bin/perl -Ilib /usr/share/munin/munin-update', 'munin-update (perl)'],
    ['ruby /srv/app/bin/sidekiq -C config.yml', 'sidekiq (ruby) -C config.yml'],
    ['/bin/bash /usr/local/sbin/backup.sh nightly', 'backup.sh (bash) nightly'],
    ['sh -e /etc/init.d/rc 2', 'rc (sh) 2'],
    ['php /var/www/artisan queue:work', 'artisan (php) queue:work'],
    ['php8.2 -d memory_limit=-1 /var/www/cron.php', 'cron.php (php8.2)'],
    ['/usr/bin/java -Xmx2g -jar /opt/kafka/libs/kafka-server.jar config/server.properties', 'kafka-server.jar (java -jar) config/server.properties'],
    ['java -cp /opt/app/lib/* com.example.Main --port 8080', 'com.example.Main (java) --port 8080'],
  ])('%s -> %s', (cmdline, shown) => {
    expect(programFirst(cmdline)).toBe(shown);
  });

  it.each([
    'nginx: master process /usr/sbin/nginx -g daemon on;',
    '/usr/sbin/sshd -D',
    'python3 -c import time; time.sleep(9)',
    'bash -c while :; do :; done',
    'node -e setInterval(()=>{},1000)',
    'perl -e print 1',
    'python3',
    'bash',
    'python3 - < script.py',
    '',
  ])('leaves %j as it is (not an interpreter, or inline code, or stdin)', (cmdline) => {
    expect(programFirst(cmdline)).toBe(cmdline);
  });
});
