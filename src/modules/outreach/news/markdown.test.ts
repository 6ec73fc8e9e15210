import { describe, expect, it } from 'vitest';
import { bodyProblems, imagePath, renderBody } from './markdown.ts';

const IMAGE = '0b7c1d2e-3f40-4a5b-8c6d-7e8f90a1b2c3';

describe('the body of an article', () => {
  it('renders Markdown with the title as the only first-level heading', () => {
    expect(renderBody('# Il convegno\n\nUn testo **importante** e un [link](https://example.org).')).toBe(
      '<h2>Il convegno</h2>\n<p>Un testo <strong>importante</strong> e un <a href="https://example.org">link</a>.</p>\n',
    );
  });

  it('shows raw HTML as text and keeps no script, handler or dangerous link', () => {
    const html = renderBody(
      '<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[clic](javascript:alert(1)) [dati](data:text/html,x)',
    );
    expect(html).not.toMatch(/<script|<img|<a |href=/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('keeps only the article’s own images, with their text', () => {
    const own = renderBody(`![La sala del convegno](${imagePath(IMAGE)})`);
    expect(own).toBe(`<p><img src="/portale/immagini/${IMAGE}" alt="La sala del convegno" /></p>\n`);
    expect(renderBody('![tracciamento](https://tracker.example/pixel.png)')).toBe('<p></p>\n');
  });

  it('names every image that would keep it from being published', () => {
    expect(bodyProblems(`![](${imagePath(IMAGE)})`, [IMAGE])).toEqual([
      { path: 'body', message: expect.stringContaining('cosa mostra') },
    ]);
    expect(bodyProblems('Testo ![foto](https://example.org/a.png)', [IMAGE])).toEqual([
      { path: 'body', message: expect.stringContaining('non è tra quelle caricate') },
    ]);
    expect(bodyProblems(`Testo\n\n- ![La sala](${imagePath(IMAGE)})`, [IMAGE])).toEqual([]);
  });
});
