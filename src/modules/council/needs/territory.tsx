/**
 * The services of the territory on the offices page: the council's directory, grouped by municipality and
 * narrowed by a plain GET form (municipality, theme). The labels follow the visitor's language; the texts
 * of the services stay as the organisations wrote them, in Italian.
 */
import { z } from 'zod';
import type { Platform } from '../../../kernel/platform.ts';
import { isMunicipalityOfProvince } from '../../../kernel/territory/province.ts';
import type { Translate } from '../../portal/languages.ts';
import { Fact, portalPath } from '../../portal/layout.tsx';
import { type PublicService, publicServices, SERVICE_THEMES } from './directory.ts';

export type TerritoryFilter = { comune?: string; tema?: string };

const choice = (valid: (value: string) => boolean) =>
  z
    .string()
    .max(20)
    .refine((value) => value === '' || valid(value))
    .optional()
    .transform((value) => value || undefined);

const filterQuery = z.object({
  comune: choice(isMunicipalityOfProvince),
  tema: choice((value) => (SERVICE_THEMES as string[]).includes(value)),
});

/** The filter of the address, or null when it names a municipality or a theme that does not exist. */
export function territoryFilter(query: unknown): TerritoryFilter | null {
  const parsed = filterQuery.safeParse(query ?? {});
  return parsed.success ? parsed.data : null;
}

/** The section the portal shows below its offices (see the portal's `officesSection` port). */
export async function territorySection(
  platform: Platform,
  query: unknown,
  { lang, t }: { lang: string; t: Translate },
) {
  const filter = territoryFilter(query);
  const services = await publicServices(platform);
  return {
    valid: filter !== null,
    section: (
      <TerritorySection lang={lang} t={t} services={services} filter={filter ?? {}} invalid={!filter} />
    ),
  };
}

const matches = (service: PublicService, filter: TerritoryFilter) =>
  (!filter.comune || service.municipalityCode === filter.comune) &&
  (!filter.tema || (service.themes as string[]).includes(filter.tema));

type Props = {
  lang: string;
  t: Translate;
  services: PublicService[];
  filter: TerritoryFilter;
  invalid?: boolean;
};

export function TerritorySection({ lang, t, services, filter, invalid }: Props) {
  const municipalities = new Map(services.map((service) => [service.municipalityCode, service.municipality]));
  const shown = services.filter((service) => matches(service, filter));
  const groups = Map.groupBy(shown, (service) => service.municipality);
  return (
    <section aria-labelledby="territorio">
      <h2 id="territorio">{t('territory.title')}</h2>
      <p>{t('territory.intro')}</p>
      {invalid && (
        <p className="card ko" role="alert">
          {t('territory.badFilter')}
        </p>
      )}
      <form method="get" action={`${portalPath(lang, '/uffici')}#territorio`} className="filters">
        <div>
          <label htmlFor="comune">{t('territory.municipality')}</label>
          <select id="comune" name="comune" defaultValue={filter.comune ?? ''}>
            <option value="">{t('territory.all')}</option>
            {[...municipalities].map(([code, name]) => (
              <option key={code} value={code} lang="it">
                {name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="tema">{t('territory.theme')}</label>
          <select id="tema" name="tema" defaultValue={filter.tema ?? ''}>
            <option value="">{t('territory.all')}</option>
            {SERVICE_THEMES.map((theme) => (
              <option key={theme} value={theme}>
                {t(`theme.${theme}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <button type="submit">{t('territory.show')}</button>
        </div>
      </form>
      {shown.length === 0 && <p className="card note">{t('territory.none')}</p>}
      {[...groups].map(([municipality, list]) => (
        <section key={municipality} aria-label={municipality}>
          <h3 lang="it">{municipality}</h3>
          {list.map((service) => (
            <ServiceCard key={service.id} lang={lang} t={t} service={service} />
          ))}
        </section>
      ))}
    </section>
  );
}

function ServiceCard({ lang, t, service }: { lang: string; t: Translate; service: PublicService }) {
  const spoken = new Intl.DisplayNames([lang], { type: 'language' });
  const contacts = [
    service.phone && { label: service.phone, href: `tel:${service.phone.replace(/[^\d+]/g, '')}` },
    service.email && { label: service.email, href: `mailto:${service.email}` },
    service.url && { label: service.url, href: service.url },
  ].filter((contact) => !!contact);
  return (
    <article className="card" aria-labelledby={`servizio-${service.id}`}>
      <h4 id={`servizio-${service.id}`} lang="it">
        {service.name}
      </h4>
      <dl className="facts">
        <Fact label={t('territory.organisation')} lang="it">
          {service.organisation}
        </Fact>
        <Fact label={t('territory.theme')}>
          {service.themes.map((theme) => t(`theme.${theme}`)).join(', ')}
        </Fact>
        {service.targetGroups.length > 0 && (
          <Fact label={t('territory.targetGroups')} lang="it">
            {service.targetGroups.join(', ')}
          </Fact>
        )}
        {service.languages.length > 0 && (
          <Fact label={t('territory.languages')}>
            {service.languages.map((code) => spoken.of(code) ?? code).join(', ')}
          </Fact>
        )}
        {service.eligibility && (
          <Fact label={t('territory.eligibility')} lang="it">
            {service.eligibility}
          </Fact>
        )}
        {service.hours && (
          <Fact label={t('offices.hours')} lang="it">
            {service.hours}
          </Fact>
        )}
        {contacts.length > 0 && (
          <Fact label={t('offices.contacts')}>
            {contacts.map((contact) => (
              <span key={contact.href} className="contact">
                <a href={contact.href} dir="ltr">
                  {contact.label}
                </a>{' '}
              </span>
            ))}
          </Fact>
        )}
      </dl>
    </article>
  );
}
