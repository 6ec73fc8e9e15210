/** The page a signed link of an event answers when it opens nothing: 404 for a wrong link, 410 for a lapsed one. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ErrorBody } from '../../portal/layout.tsx';
import { languageParam, sendPage } from '../../portal/site.tsx';

/** The catalogue's words of the page: its title and what it says of a wrong or a lapsed link. */
export type RefusalWords = { title: string; invalid: string; expired: string };

export function linkRefusal(
  request: FastifyRequest,
  reply: FastifyReply,
  reason: 'invalid' | 'expired',
  words: RefusalWords,
) {
  const { lang, t } = languageParam(request);
  return sendPage(request, reply, {
    lang,
    title: t(words.title),
    place: '',
    status: reason === 'invalid' ? 404 : 410,
    body: <ErrorBody lang={lang} t={t} text={t(reason === 'invalid' ? words.invalid : words.expired)} />,
  });
}
