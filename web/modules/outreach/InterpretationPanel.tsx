import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { sentence } from '../../ui/fields.tsx';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { type InterpretationNeed, keys, outreach } from './requests.ts';
import { languageName, momentOf } from './words.ts';

/** The needs of each language, in the order the server sends them (by language, then by date). */
function byLanguage(needs: InterpretationNeed[]): [string, InterpretationNeed[]][] {
  const groups = new Map<string, InterpretationNeed[]>();
  for (const need of needs) groups.set(need.language, [...(groups.get(need.language) ?? []), need]);
  return [...groups];
}

/** Who asked for an interpreter or a mediator, per language and date, to book them in time. */
export function InterpretationPanel({ eventId }: { eventId: string }) {
  const { t } = useTranslation();
  const needs = useQuery({
    queryKey: keys.interpretation(eventId),
    queryFn: () => outreach.interpretation(eventId),
  });
  return (
    <section aria-labelledby="interpreti" className="mt-5">
      <h2 id="interpreti" className="h4">
        {t('outreach.interpretation.title')}
      </h2>
      <p>{t('outreach.interpretation.intro')}</p>
      {needs.isPending ? (
        <Loading />
      ) : needs.error ? (
        <LoadError error={needs.error} />
      ) : needs.data.length === 0 ? (
        <p className="alert alert-info">{t('outreach.interpretation.empty')}</p>
      ) : (
        byLanguage(needs.data).map(([language, sessions]) => (
          <div key={language} className="mb-3">
            <h3 className="h5">{sentence(languageName(language))}</h3>
            <ul>
              {sessions.map((need) => (
                <li key={need.sessionId}>
                  {t('outreach.interpretation.session', {
                    label: need.sessionLabel,
                    when: momentOf(need.startsAt),
                    count: need.people,
                  })}
                  {need.accessibilityNeeds.length > 0 && (
                    <ul>
                      {need.accessibilityNeeds.map((text, index) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: two people may write the same need
                        <li key={index} className="lovit-prose">
                          {text}
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ul>
          </div>
        ))
      )}
    </section>
  );
}
