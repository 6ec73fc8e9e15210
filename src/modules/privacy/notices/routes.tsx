/**
 * The privacy notices' public pages: `/portale/<lang>/privacy`, the index every page's footer leads to, and
 * `/portale/<lang>/privacy/<form>`, the notice each form links to. Server-rendered in the portal's layout,
 * in every portal language; an unknown form or language answers the portal's 404 page.
 */
import { NotFound } from '../../../kernel/errors.ts';
import type { LovitApp } from '../../../kernel/http.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { portalPath } from '../../portal/layout.tsx';
import { languageParam, PUBLIC_PAGE, registerPublicPages, sendPage } from '../../portal/site.tsx';
import { noticeText } from './catalogue.ts';
import { IndexBody, NoticeBody } from './pages.tsx';
import { controllerOf, formNotice } from './service.ts';

export async function registerNoticePages(app: LovitApp, platform: Platform): Promise<void> {
  await registerPublicPages(app, (scope) => {
    scope.get('/portale/:lang/privacy', PUBLIC_PAGE, async (request, reply) => {
      const { lang } = languageParam(request);
      const n = noticeText(lang);
      return sendPage(request, reply, {
        lang,
        title: n('title'),
        description: n('index.intro'),
        place: '/privacy',
        body: (
          <IndexBody
            lang={lang}
            n={n}
            controller={controllerOf(platform.config)}
            dpoEmail={platform.config.dataProtectionOfficer.email}
          />
        ),
      });
    });
    scope.get('/portale/:lang/privacy/:form', PUBLIC_PAGE, async (request, reply) => {
      const { lang } = languageParam(request);
      const notice = await formNotice(platform, (request.params as { form: string }).form);
      if (!notice) throw new NotFound();
      const n = noticeText(lang);
      const name = n(`forms.${notice.form.slug}.name`);
      return sendPage(request, reply, {
        lang,
        title: `${n('title')} – ${name}`,
        description: n('intro', { form: name }),
        place: `/privacy/${notice.form.slug}`,
        breadcrumbs: [{ label: n('title'), href: portalPath(lang, '/privacy') }, { label: name }],
        body: <NoticeBody lang={lang} n={n} notice={notice} />,
      });
    });
  });
}
