/**
 * An article's body: Markdown written by the staff, shown as HTML that keeps only what an article needs
 * (paragraphs, headings, lists, links, emphasis, quotes and the article's own images). Raw HTML in the
 * Markdown is shown as text, and what the renderer produces passes a sanitiser's allowlist all the same.
 */
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

/** Where the public site serves an article's image. */
export const imagePath = (imageId: string) => `/portale/immagini/${imageId}`;
const IMAGE_PATH = /^\/portale\/immagini\/([0-9a-f-]{36})$/;

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'h2',
    'h3',
    'h4',
    'ul',
    'ol',
    'li',
    'strong',
    'em',
    'a',
    'img',
    'blockquote',
    'code',
    'pre',
    'br',
    'hr',
  ],
  allowedAttributes: { a: ['href'], img: ['src', 'alt'], ol: ['start'] },
  allowedSchemes: ['https', 'http', 'mailto'],
  allowedSchemesByTag: { img: [] },
  allowProtocolRelative: false,
  transformTags: {
    // The article's title is the page's only first-level heading.
    h1: 'h2',
    h5: 'h4',
    h6: 'h4',
  },
  exclusiveFilter: (frame) => frame.tag === 'img' && !IMAGE_PATH.test(frame.attribs.src ?? ''),
};

/** Plain text written inside HTML: it reads as typed. */
export const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** The body as safe HTML. */
export function renderBody(body: string): string {
  return sanitizeHtml(markdown.render(body), ALLOWED);
}

export type BodyProblem = { path: string; message: string };

/**
 * What keeps a body from being published: an image that is not one of the article's own, or one without
 * the text that says what it shows.
 */
export function bodyProblems(body: string, imageIds: readonly string[]): BodyProblem[] {
  const problems: BodyProblem[] = [];
  const walk = (tokens: ReturnType<typeof markdown.parse>) => {
    for (const token of tokens) {
      if (token.type === 'image') {
        const source = String(token.attrGet('src') ?? '');
        const own = IMAGE_PATH.exec(source)?.[1];
        if (!own || !imageIds.includes(own))
          problems.push({
            path: 'body',
            message: `l’immagine «${source}» non è tra quelle caricate per l’articolo`,
          });
        else if (token.content.trim() === '')
          problems.push({
            path: 'body',
            message: 'ogni immagine ha bisogno di un testo che dica cosa mostra: ![descrizione](indirizzo)',
          });
      }
      if (token.children) walk(token.children);
    }
  };
  walk(markdown.parse(body, {}));
  return problems;
}
