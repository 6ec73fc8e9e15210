import type { LovitApp } from '../../kernel/http.ts';
import type { Platform } from '../../kernel/platform.ts';
import { backupRequested, backupStatus } from './contract.ts';
import { backupStatus as readBackupStatus, requestBackup } from './runs.ts';

export function registerOpsRoutes(app: LovitApp, platform: Platform): void {
  const tags = ['Backup'];
  app.get(
    '/api/ops/backup',
    {
      config: { access: 'ops.backup.manage' },
      schema: {
        tags,
        summary: 'Stato dei backup: ultimo riuscito, ultimo errore, pianificazione',
        response: { 200: backupStatus },
      },
    },
    () => readBackupStatus(platform),
  );
  app.post(
    '/api/ops/backup/run',
    {
      config: { access: 'ops.backup.manage' },
      schema: {
        tags,
        summary: 'Esegue subito un backup (in background)',
        response: { 202: backupRequested },
      },
    },
    async (request, reply) => {
      await requestBackup(platform, request.caller);
      return reply.code(202).send({ queued: true as const });
    },
  );
}
