/**
 * Text as the standard PDF fonts can draw it: characters outside their encoding written in Latin letters, and
 * lines wrapped to a width.
 */

/** What wrapping needs of a style: the font's measure of a text, at a size. */
export type TextStyle = { font: { widthOfTextAtSize(text: string, size: number): number }; size: number };

/**
 * What the standard fonts cannot show. Cyrillic after ICAO 9303's Russian table, close to how passports write
 * a name (national tables differ in a few letters); Arabic by its consonants; Latin letters with no accent to
 * strip. A stand-in for a Unicode font: the Latin name from the passport stays the one to print.
 */
const TRANSLITERATION: Record<string, string> = Object.fromEntries(
  [
    'а=a б=b в=v г=g ґ=g д=d е=e ё=e є=ie ж=zh з=z и=i і=i ї=i й=i к=k л=l м=m н=n о=o п=p р=r с=s т=t',
    'у=u ф=f х=kh ц=ts ч=ch ш=sh щ=shch ъ=ie ы=y ь= э=e ю=iu я=ia ў=u ђ=d ј=j љ=lj њ=nj ћ=c џ=dz',
    "ا=a أ=a إ=i آ=a ب=b ت=t ث=th ج=j ح=h خ=kh د=d ذ=dh ر=r ز=z س=s ش=sh ص=s ض=d ط=t ظ=z ع=' غ=gh",
    "ف=f ق=q ك=k ل=l م=m ن=n ه=h و=w ي=y ى=a ة=a ء=' ئ=' ؤ=' پ=p چ=ch ژ=zh گ=g ک=k ی=y",
    'ł=l đ=d ı=i ħ=h ŧ=t ŋ=ng ə=e ĸ=k ſ=s ß=ss',
  ]
    .join(' ')
    .split(' ')
    .map((pair) => pair.split('=')),
);

const isUpperCase = (char: string | undefined) =>
  char !== undefined && char !== char.toLowerCase() && char === char.toUpperCase();

/** Matches a transliteration to the case of its letter: `Ж` is `Zh` in `Жанна`, `ZH` in `ЖАННА`. */
function inCase(latin: string, char: string, next: string | undefined): string {
  if (!isUpperCase(char)) return latin;
  return isUpperCase(next) ? latin.toUpperCase() : latin.charAt(0).toUpperCase() + latin.slice(1);
}

/** The character itself when the font has it, else its Latin transliteration, its unaccented base, or `?`. */
function winAnsiChar(char: string, next: string | undefined, supported: ReadonlySet<number>): string {
  const canShow = (text: string) => [...text].every((c) => c >= ' ' && supported.has(c.codePointAt(0) ?? 0));
  if (canShow(char)) return char;
  if (/\p{M}|\p{Cf}/u.test(char)) return '';
  if (/\s|\p{Cc}/u.test(char)) return ' ';
  const transliterated = TRANSLITERATION[char.toLowerCase()];
  if (transliterated !== undefined) return inCase(transliterated, char, next);
  const digit = digitValue(char);
  if (digit !== undefined) return digit;
  for (const form of ['NFD', 'NFKD'] as const) {
    const base = char.normalize(form).replace(/\p{M}/gu, '');
    if (base !== char && canShow(base)) return base;
  }
  return '?';
}

/** Where the digits of the portal's scripts begin: Arabic, Persian and Urdu, Hindi, Bengali, Punjabi. */
const DIGIT_ZEROS = [0x0660, 0x06f0, 0x0966, 0x09e6, 0x0a66];

/** `٢` and `۲` are `2`: a date or a number keeps its value in Latin digits. */
function digitValue(char: string): string | undefined {
  const code = char.codePointAt(0) ?? 0;
  const zero = DIGIT_ZEROS.find((first) => code >= first && code <= first + 9);
  return zero === undefined ? undefined : String(code - zero);
}

/** Text the font can draw: a standard font encodes nothing outside WinAnsi. */
function toWinAnsi(text: string, supported: ReadonlySet<number>): string {
  const chars = [...text.normalize('NFC')];
  return chars.map((char, i) => winAnsiChar(char, chars[i + 1], supported)).join('');
}

/**
 * The longest start of `word` that fits `width`, at least one character so that wrapping always ends. Found by
 * halving, as a start's width grows with its length: a pasted 4,000-character link measures a dozen starts per
 * line, not thousands.
 */
function fittingLength(word: string, style: TextStyle, width: number): number {
  let fitting = 1;
  let tooLong = word.length;
  while (tooLong - fitting > 1) {
    const middle = Math.floor((fitting + tooLong) / 2);
    if (style.font.widthOfTextAtSize(word.slice(0, middle), style.size) <= width) fitting = middle;
    else tooLong = middle;
  }
  return fitting;
}

/** Lines of at most `width` points, breaking at spaces and inside words longer than a line (URLs). */
export function wrap(
  text: string,
  style: TextStyle,
  width: number,
  supported: ReadonlySet<number>,
): string[] {
  const lines: string[] = [];
  const fits = (line: string) => style.font.widthOfTextAtSize(line, style.size) <= width;
  for (const paragraph of text.split(/\r?\n/)) {
    let line = '';
    for (const word of toWinAnsi(paragraph, supported).split(' ').filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (fits(candidate)) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = word;
      while (!fits(line)) {
        const length = fittingLength(line, style, width);
        lines.push(line.slice(0, length));
        line = line.slice(length);
      }
    }
    lines.push(line);
  }
  return lines;
}
