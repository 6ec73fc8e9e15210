/** Training (WP3): courses of the two tracks, editions with sessions, enrolment with a waitlist, attendance. */
import type { LovitModule } from '../../kernel/module.ts';
import { certificateJob } from './certificates/generation.ts';
import { registerCertificateRoutes } from './certificates/routes.ts';
import { evaluationJob, sessionReminderJob } from './jobs.ts';
import { courseFiles } from './materials.ts';
import { registerPublicCoursePages } from './public/pages.tsx';
import { registerRecordRoutes } from './records/routes.ts';
import { registerTrainingRoutes } from './routes.ts';

export { verifyCertificate } from './certificates/service.ts';

export const trainingModule: LovitModule = {
  name: 'training',
  async routes(app, platform) {
    await registerTrainingRoutes(app, platform);
    registerCertificateRoutes(app, platform);
    registerRecordRoutes(app, platform);
    await registerPublicCoursePages(app, platform);
  },
  jobs: (platform) => [sessionReminderJob(platform), evaluationJob(platform), certificateJob(platform)],
  storedFiles: courseFiles,
};
