import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { formatNumber, Isolated, listOf, longDate, renderPage, shortDate } from './layout.tsx';

const isolated = (lang: string, text: string) =>
  renderToStaticMarkup(createElement(Isolated, { lang, text }));

describe('the public layout', () => {
  it('writes dates and numbers as each language does, never the American way on English pages', () => {
    expect(longDate('en', '2026-03-02')).toBe('2 March 2026');
    expect(shortDate('en', '2026-03-02')).toBe('02/03/2026');
    expect(longDate('it', '2026-03-02')).toBe('2 marzo 2026');
    expect(shortDate('it', '2026-03-02')).toBe('02/03/26');
    expect(longDate('uk', '2026-03-02')).toBe('2 березня 2026 р.');
    expect(longDate('ar', '2026-03-02')).toBe('٢ مارس ٢٠٢٦');
    expect(formatNumber('it', 1234.5)).toBe('1234,5');
    expect(formatNumber('it', 12345.5)).toBe('12.345,5');
    expect(formatNumber('ar', 1234.5)).toBe('١٬٢٣٤٫٥');
  });

  it('joins lists with the language’s own comma and conjunction', () => {
    expect(listOf('it', ['Comune di Lodi', 'Caritas', 'ASL'])).toBe('Comune di Lodi, Caritas e ASL');
    expect(listOf('ar', ['مصر', 'المغرب', 'تونس'])).toBe('مصر، والمغرب، وتونس');
    expect(listOf('ur', ['مصر', 'مراکش', 'تیونس'])).toBe('مصر، مراکش، اور تیونس');
    expect(listOf('zh', ['埃及', '摩洛哥', '突尼斯'])).toBe('埃及、摩洛哥和突尼斯');
  });

  it('isolates the Italian fragments and addresses of right-to-left pages, and leaves others alone', () => {
    expect(isolated('ar', 'محافظة لودي (Prefettura)')).toBe(
      'محافظة لودي <bdi dir="ltr" lang="it">(Prefettura)</bdi>',
    );
    expect(isolated('ur', 'لکھیں prefettura.lodi@interno.it پر')).toBe(
      'لکھیں <bdi dir="ltr">prefettura.lodi@interno.it</bdi> پر',
    );
    expect(isolated('ar', 'ملف appuntamento.ics.')).toBe(
      'ملف <bdi dir="ltr" lang="it">appuntamento.ics</bdi>.',
    );
    expect(isolated('ar', 'المقسم: 0371 4441 (المصدر')).toBe(
      'المقسم: <bdi dir="ltr">0371 4441</bdi> (المصدر',
    );
    expect(isolated('ar', 'المادة 29 الفقرة 3')).toBe('المادة 29 الفقرة 3');
    expect(isolated('it', 'Sportello Unico (SUI)')).toBe('Sportello Unico (SUI)');
    expect(isolated('uk', 'Комутатор: 0371 4441')).toBe('Комутатор: 0371 4441');
  });

  it('gives a page outside the portal one address only, and an error page none', () => {
    const council = renderPage({
      lang: 'it',
      title: 'Consiglio',
      place: '',
      path: '/consiglio',
      children: null,
    });
    expect(council.match(/rel="alternate"/g)).toHaveLength(1);
    expect(council).toContain('<a href="/consiglio" lang="it" hrefLang="it" dir="ltr" aria-current="true">');
    expect(council).toContain('<a href="/portale/ar" lang="ar" hrefLang="ar" dir="rtl">');
    expect(/<nav class="main"[\s\S]*?<\/nav>/.exec(council)?.[0]).not.toContain('aria-current');
    const missing = renderPage({ lang: 'uk', title: 'Немає', place: '/x', status: 404, children: null });
    expect(missing).toContain('<meta name="robots" content="noindex"/>');
    expect(missing).not.toContain('rel="canonical"');
  });
});
