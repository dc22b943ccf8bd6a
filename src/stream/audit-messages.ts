/** The audit trail's entry, carried by an event message (re-exported by messages.ts). */

/** What an audited action did: ran, failed, refused before acting, or found its target changed. */
export type AuditOutcome = 'ok' | 'failed' | 'refused' | 'changed';

/** One confirmed (or refused) action, as written to the journal and the recording. Every text is raw. */
export interface AuditEntry {
  /** When the admin confirmed it (the action started), ms since the epoch; its outcome came later. @time */
  readonly at: number;
  /** Unique per entry, so a journal copy and a recorded copy are one entry. @maxLength 64 */
  readonly id: string;
  /** signal, truncate, stop, restart, block, unblock, persist-journal, delete, truncate-path. @maxLength 32 */
  readonly action: string;
  readonly outcome: AuditOutcome;
  /** The login user behind sudo (SUDO_USER, else the login uid's name, else the process user). @maxLength 256 */
  readonly user: string;
  /** The effective uid sitrep acted as. @min 0 @max 4294967295 */
  readonly uid: number;
  /** /proc/self/loginuid, or null when unset (4294967295). @min 0 @max 4294967295 */
  readonly loginUid: number | null;
  /** The SSH client address of the session, or ''. @maxLength 64 */
  readonly from: string;
  /** The host that acted. @maxLength 256 */
  readonly host: string;
  /** The target's identity as locked, as one line: 'pid 812 (php-fpm) start 1234', 'unit web.service', 'range 10.0.0.0/24', 'path /x dev 8:1 ino 12'. @maxLength 4096 */
  readonly target: string;
  /** The target's identity fields (pid, start, comm, unit, path, device, inode, range, signal). @maxItems 16 */
  readonly fields: Readonly<Record<string, string>>;
  /** The figures the dialog quoted ('1.1 GiB held', 'main pid 812, 4 processes'). @maxLength 1024 */
  readonly figures: string;
  /** The outcome in sitrep's words. @maxLength 4096 */
  readonly text: string;
  /** 'sitrep ssh' when the console was elsewhere (the agent acted), '' locally. @maxLength 64 */
  readonly via: string;
}
