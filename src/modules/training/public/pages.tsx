/**
 * The public pages of training, `/portale/it/formazione` and a page per course: the courses with an edition
 * taking enrolments, for the operators of public bodies and of the Third Sector. They are written in Italian
 * only, like the courses themselves; another language's address leads here (decision 059). Enrolment is in the
 * back-office: the pages say how.
 */
import { z } from 'zod';
import { NotFound } from '../../../kernel/errors.ts';
import type { LovitApp } from '../../../kernel/http.ts';
import { provinceName } from '../../../kernel/institution.ts';
import type { Platform } from '../../../kernel/platform.ts';
import {
  Fact,
  Ltr,
  listOf,
  longDate,
  portalInstitution,
  STAFF_SIGN_IN,
  TRAINING_PATH,
} from '../../portal/layout.tsx';
import { languageParam, PUBLIC_PAGE, registerPublicPages, sendPage } from '../../portal/site.tsx';
import { TRACKS } from '../contract.ts';
import {
  openCourse,
  openCourses,
  type PublicCourse,
  type PublicEdition,
  type PublicSession,
} from './service.ts';

const LANG = 'it';
const TITLE = 'Formazione per gli operatori';
const description = () =>
  `I corsi del progetto LOVIT per gli operatori degli enti pubblici e del privato sociale della provincia di ${provinceName()}, con le edizioni aperte alle iscrizioni.`;
const PAGE = {
  ...PUBLIC_PAGE,
  config: { ...PUBLIC_PAGE.config, rateLimit: { max: 60, timeWindow: 60_000 } },
};
const coursePath = (id: string) => `${TRAINING_PATH}/${id}`;

const dayFormat = new Intl.DateTimeFormat('it-IT', { dateStyle: 'full', timeZone: 'Europe/Rome' });
const dateFormat = new Intl.DateTimeFormat('it-IT', { dateStyle: 'long', timeZone: 'Europe/Rome' });
const timeFormat = new Intl.DateTimeFormat('it-IT', {
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Rome',
});
const hoursText = (hours: number) =>
  `${new Intl.NumberFormat('it-IT').format(hours)} ${hours === 1 ? 'ora' : 'ore'}`;

/** Where a session is held, as the public reads it: the place, "online", or both. */
const whereOf = (session: PublicSession) =>
  session.place ? (session.isOnline ? `${session.place} (anche online)` : session.place) : 'online';

/** The places of an edition's sessions, each once. */
const placesOf = (edition: PublicEdition) => listOf(LANG, [...new Set(edition.sessions.map(whereOf))]);

function datesOf(edition: PublicEdition) {
  const first = edition.sessions[0];
  const last = edition.sessions.at(-1);
  if (!first || !last) return '';
  const [from, to] = [dateFormat.format(first.startsAt), dateFormat.format(last.startsAt)];
  return from === to ? from : `dal ${from} al ${to}`;
}

function placesLeft(edition: PublicEdition) {
  if (edition.placesLeft === 0) return 'esauriti: ci si può iscrivere in lista d’attesa';
  return edition.placesLeft === 1 ? '1 posto' : `${edition.placesLeft} posti`;
}

function EditionFacts({ edition }: { edition: PublicEdition }) {
  return (
    <dl className="facts">
      <Fact label="Date">{datesOf(edition)}</Fact>
      <Fact label="Sede">{placesOf(edition)}</Fact>
      <Fact label="Posti disponibili">{placesLeft(edition)}</Fact>
      <Fact label="Iscrizioni fino al">{dateFormat.format(edition.enrolUntil)}</Fact>
      {edition.cancelPassed ? (
        <Fact label="Annullamento">Annullamento non più possibile</Fact>
      ) : (
        <Fact label="Annullamento entro il">{longDate(LANG, edition.cancelUntil)}</Fact>
      )}
    </dl>
  );
}

function CourseFacts({ course }: { course: PublicCourse }) {
  return (
    <dl className="facts">
      <Fact label="Percorso">{TRACKS[course.track]}</Fact>
      <Fact label="Destinatari">{course.targetRoles}</Fact>
      <Fact label="Durata">{hoursText(course.hours)}</Fact>
      {course.trainers.length > 0 && <Fact label="Formatori">{listOf(LANG, course.trainers)}</Fact>}
    </dl>
  );
}

/** How to enrol: in the back-office, by the operator or by their organisation's head. */
function HowToEnrol() {
  const institution = portalInstitution();
  return (
    <section aria-labelledby="come-iscriversi" className="card note">
      <h2 id="come-iscriversi">Come iscriversi</h2>
      <p>Le iscrizioni si fanno nell’area riservata di LOVIT, non da questa pagina.</p>
      <ul>
        <li>
          L’operatore con un account di partecipante alla formazione{' '}
          <a href={STAFF_SIGN_IN}>accede all’area riservata</a>, apre «Formazione», sceglie il corso e
          l’edizione e preme «Iscriviti». Se i posti sono esauriti entra in lista d’attesa e riceve un’e-mail
          quando un posto si libera.
        </li>
        <li>Il responsabile dell’ente può iscrivere le persone del proprio ente.</li>
        <li>
          Chi non ha un account lo chiede al referente del proprio ente o alla {institution.name}
          {institution.mail && (
            <>
              {' ('}
              <a href={`mailto:${institution.mail}`}>
                <Ltr>{institution.mail}</Ltr>
              </a>
              )
            </>
          )}
          .
        </li>
      </ul>
      <p>Ogni corso è riservato agli enti del suo percorso: pubblico, privato sociale o entrambi.</p>
    </section>
  );
}

function CourseCard({ course }: { course: PublicCourse }) {
  return (
    <article className="card">
      <h2>
        <a href={coursePath(course.id)}>{course.title}</a>
      </h2>
      <p className="prose">{course.objectives}</p>
      <CourseFacts course={course} />
      {course.editions.map((edition) => (
        <section key={edition.id} aria-label={`${course.title} – ${edition.name}`}>
          <h3>{edition.name}</h3>
          <EditionFacts edition={edition} />
        </section>
      ))}
    </article>
  );
}

function ListBody({ courses }: { courses: PublicCourse[] }) {
  return (
    <>
      {/* One text, not three: React would mark the joins between literal and name in the markup. */}
      <p>
        {'I corsi del progetto LOVIT per gli operatori degli enti pubblici (Prefettura, Questura, Comuni, ' +
          `servizi sanitari e scolastici) e del privato sociale (Terzo Settore) della provincia di ${provinceName()}. ` +
          'Sono elencati i corsi con un’edizione aperta alle iscrizioni. I corsi si tengono in italiano.'}
      </p>
      {courses.length === 0 ? (
        <p className="card">Al momento non ci sono corsi aperti alle iscrizioni.</p>
      ) : (
        courses.map((course) => <CourseCard key={course.id} course={course} />)
      )}
      <HowToEnrol />
    </>
  );
}

function SessionList({ sessions }: { sessions: PublicSession[] }) {
  return (
    <ul>
      {sessions.map((session) => (
        <li key={session.startsAt.toISOString()}>
          {dayFormat.format(session.startsAt)}, {timeFormat.format(session.startsAt)}–
          {timeFormat.format(session.endsAt)} ({hoursText(session.hours)}), {whereOf(session)}
        </li>
      ))}
    </ul>
  );
}

function CourseBody({ course }: { course: PublicCourse }) {
  return (
    <>
      <CourseFacts course={course} />
      <h2>Obiettivi</h2>
      {course.objectives.split(/\n\s*\n/).map((block) => (
        <p className="prose" key={block}>
          {block}
        </p>
      ))}
      {course.topics.length > 0 && (
        <>
          <h2>Argomenti</h2>
          <ul>
            {course.topics.map((topic) => (
              <li key={topic}>{topic}</li>
            ))}
          </ul>
        </>
      )}
      {course.prerequisites && (
        <>
          <h2>Prerequisiti</h2>
          <p className="prose">{course.prerequisites}</p>
        </>
      )}
      <h2>Edizioni aperte alle iscrizioni</h2>
      {course.editions.map((edition) => (
        <article className="card" key={edition.id}>
          <h3>{edition.name}</h3>
          {edition.hasStarted && (
            <p>L’edizione è già cominciata: chi si iscrive ora segue le sessioni che restano.</p>
          )}
          <EditionFacts edition={edition} />
          <SessionList sessions={edition.sessions} />
        </article>
      ))}
      <HowToEnrol />
      <p>
        <a href={TRAINING_PATH}>Tutti i corsi aperti alle iscrizioni</a>
      </p>
    </>
  );
}

const courseId = z.uuid();

export async function registerPublicCoursePages(app: LovitApp, platform: Platform): Promise<void> {
  await registerPublicPages(app, (scope) => {
    scope.get('/portale/:lang/formazione', PAGE, async (request, reply) => {
      if (languageParam(request).lang !== LANG) return reply.redirect(TRAINING_PATH, 302);
      return sendPage(request, reply, {
        lang: LANG,
        title: TITLE,
        description: description(),
        place: '/formazione',
        path: TRAINING_PATH,
        body: <ListBody courses={await openCourses(platform)} />,
      });
    });
    scope.get('/portale/:lang/formazione/:id', PAGE, async (request, reply) => {
      const { lang } = languageParam(request);
      const id = courseId.safeParse((request.params as { id: string }).id);
      if (!id.success) throw new NotFound();
      if (lang !== LANG) return reply.redirect(coursePath(id.data), 302);
      const course = await openCourse(platform, id.data);
      if (!course) throw new NotFound();
      return sendPage(request, reply, {
        lang: LANG,
        title: course.title,
        description: course.objectives.slice(0, 300),
        place: `/formazione/${id.data}`,
        path: coursePath(id.data),
        breadcrumbs: [{ label: TITLE, href: TRAINING_PATH }, { label: course.title }],
        body: <CourseBody course={course} />,
      });
    });
  });
}
