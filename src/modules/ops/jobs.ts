import { SYSTEM_CALLER } from '../../kernel/auth.ts';
import type { JobDefinition } from '../../kernel/jobs.ts';
import type { Platform } from '../../kernel/platform.ts';
import { dailyCron } from './rules.ts';
import { BACKUP_QUEUE, runBackup } from './runs.ts';

/** The daily backup at BACKUP_AT (Europe/Rome), and the runs an administrator asks for. */
export function backupJob(platform: Platform): JobDefinition {
  return {
    queue: BACKUP_QUEUE,
    cron: dailyCron(platform.config.backup.at),
    async handle(data) {
      const trigger = (data as { trigger?: unknown } | null)?.trigger === 'ADMIN' ? 'ADMIN' : 'SCHEDULE';
      await runBackup(platform, SYSTEM_CALLER, trigger);
    },
  };
}
