import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { smsInfo, stripDiacritics, toSmsText } from '#domain/sms';

const VI_LOWER = 'aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ';
const PLAIN_LOWER =
  'aaaaaaaaaaaaaaaaaabcddeeeeeeeeeeeeghiiiiiiklmnoooooooooooooooooopqrstuuuuuuuuuuuuvxyyyyyy';
const GSM_BASIC_SAMPLE = Array.from(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./09:;<=>?¡AZÄÖÑÜ§¿azäöñüà',
);
const GSM_EXTENSION = Array.from('^{}\\[~]|€\f');

describe('stripDiacritics', () => {
  it('removes every tone and vowel mark of the Vietnamese alphabet', () => {
    const result = stripDiacritics(VI_LOWER);

    expect(result).toBe(PLAIN_LOWER);
  });

  it('removes the marks of capital letters and turns Đ into D', () => {
    const result = stripDiacritics(VI_LOWER.toUpperCase());

    expect(result).toBe(PLAIN_LOWER.toUpperCase());
  });

  it('turns đ and Đ into d and D', () => {
    const result = stripDiacritics('Đôn đốc');

    expect(result).toBe('Don doc');
  });

  it('handles decomposed (NFD) input like precomposed input', () => {
    const decomposed = 'Nhắc việc quá hạn'.normalize('NFD');

    const result = stripDiacritics(decomposed);

    expect(result).toBe('Nhac viec qua han');
  });

  it('leaves digits, punctuation and plain letters untouched', () => {
    const text = 'VB 276/UBND-NCPC, 13/01/2023 (quy I): 100%';

    const result = stripDiacritics(text);

    expect(result).toBe(text);
  });
});

describe('toSmsText', () => {
  it('replaces typographic quotes, dashes and ellipses when stripping', () => {
    const result = toSmsText('Phong trào “Dân vận khéo” – năm 2023…', 'strip');

    expect(result).toBe('Phong trao "Dan van kheo" - nam 2023...');
  });

  it('keeps diacritics but recomposes decomposed letters when keeping', () => {
    const decomposed = 'Nhắc việc'.normalize('NFD');

    const result = toSmsText(decomposed, 'keep');

    expect(result).toBe('Nhắc việc'.normalize('NFC'));
  });
});

describe('smsInfo', () => {
  it('sends plain ASCII as GSM-7', () => {
    const info = smsInfo('Nhac viec: qua han 5 ngay');

    expect(info).toEqual({ encoding: 'GSM-7', characters: 25, units: 25, segments: 1 });
  });

  it('sends Vietnamese with diacritics as UCS-2', () => {
    const info = smsInfo('Nhắc việc');

    expect(info.encoding).toBe('UCS-2');
  });

  it('keeps GSM accented letters such as é and à in GSM-7', () => {
    const info = smsInfo('café à la');

    expect(info.encoding).toBe('GSM-7');
  });

  it('counts an empty text as zero segments', () => {
    const info = smsInfo('');

    expect(info.segments).toBe(0);
  });

  it.each([
    [160, 1],
    [161, 2],
    [306, 2],
    [307, 3],
  ])('splits %i GSM-7 characters into %i segment(s)', (length, segments) => {
    const info = smsInfo('a'.repeat(length));

    expect(info.segments).toBe(segments);
  });

  it('counts each extension character as two septets', () => {
    const info = smsInfo('€[]{}');

    expect(info).toEqual({ encoding: 'GSM-7', characters: 5, units: 10, segments: 1 });
  });

  it('counts a form feed as an extension character', () => {
    const info = smsInfo('a\fb');

    expect(info.units).toBe(4);
  });

  it('overflows a single GSM-7 message when extension characters pass 160 septets', () => {
    const info = smsInfo('€'.repeat(81));

    expect(info).toMatchObject({ units: 162, segments: 2 });
  });

  it('never splits an extension character across two parts', () => {
    const text = `${'a'.repeat(152)}[${'a'.repeat(152)}`;

    const info = smsInfo(text);

    expect(info).toMatchObject({ units: 306, segments: 3 });
  });

  it.each([
    [70, 1],
    [71, 2],
    [134, 2],
    [135, 3],
  ])('splits %i UCS-2 characters into %i segment(s)', (length, segments) => {
    const info = smsInfo('ệ'.repeat(length));

    expect(info.segments).toBe(segments);
  });

  it('counts a character outside the BMP as one character and two UCS-2 units', () => {
    const info = smsInfo('Việc 📌');

    expect(info).toMatchObject({ encoding: 'UCS-2', characters: 6, units: 7 });
  });

  it('never splits a surrogate pair across two parts', () => {
    const text = `${'ệ'.repeat(66)}📌${'ệ'.repeat(66)}`;

    const info = smsInfo(text);

    expect(info).toMatchObject({ units: 134, segments: 3 });
  });
});

/** Lengths up to `max`, often within two of a multiple of `part` or of the single-message limit. */
function lengthNear(part: number, max: number): fc.Arbitrary<number> {
  const single = part === 153 ? 160 : 70;
  const near = (m: number) => fc.integer({ min: Math.max(1, m - 2), max: Math.min(max, m + 2) });
  return fc.oneof(
    fc.integer({ min: 1, max }),
    near(single),
    fc.integer({ min: 1, max: Math.floor(max / part) }).chain((k) => near(k * part)),
  );
}

function textOf(alphabet: string[], n: number): fc.Arbitrary<string[]> {
  return fc.array(fc.constantFrom(...alphabet), { minLength: n, maxLength: n });
}

describe('segment counts follow the GSM rules (properties)', () => {
  it('a GSM basic text of n septets takes 1 segment up to 160, then ceil(n / 153)', () => {
    fc.assert(
      fc.property(
        lengthNear(153, 1200).chain((n) => textOf(GSM_BASIC_SAMPLE, n)),
        (chars) => {
          const n = chars.length;

          const info = smsInfo(chars.join(''));

          expect(info.encoding).toBe('GSM-7');
          expect(info.units).toBe(n);
          expect(info.segments).toBe(n <= 160 ? 1 : Math.ceil(n / 153));
        },
      ),
    );
  });

  it('a GSM text with extension characters fills every part but the last to 152 or 153 septets', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...GSM_BASIC_SAMPLE, ...GSM_EXTENSION), { minLength: 1, maxLength: 1200 }),
        (chars) => {
          const units = chars.reduce((sum, c) => sum + (GSM_EXTENSION.includes(c) ? 2 : 1), 0);

          const info = smsInfo(chars.join(''));

          expect(info.units).toBe(units);
          if (units <= 160) expect(info.segments).toBe(1);
          else {
            expect(info.segments * 153).toBeGreaterThanOrEqual(units);
            expect((info.segments - 1) * 152).toBeLessThan(units);
          }
        },
      ),
    );
  });

  it('a Vietnamese text of n UTF-16 units takes 1 segment up to 70, then ceil(n / 67)', () => {
    fc.assert(
      fc.property(
        lengthNear(67, 600).chain((n) => textOf(Array.from(`${VI_LOWER} 0123456789,.`), n - 1)),
        (chars) => {
          const text = `ư${chars.join('')}`;
          const n = text.length;

          const info = smsInfo(text);

          expect(info.encoding).toBe('UCS-2');
          expect(info.segments).toBe(n <= 70 ? 1 : Math.ceil(n / 67));
        },
      ),
    );
  });

  it('stripped Vietnamese text is always GSM-7 and keeps its length in characters', () => {
    const letters = Array.from(`${VI_LOWER}${VI_LOWER.toUpperCase()} 0123456789,.:;!?()/-%“”‘’–…`);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...letters), { maxLength: 400 }), (chars) => {
        const text = chars.join('');

        const stripped = stripDiacritics(text);
        const sent = toSmsText(text, 'strip');

        expect(smsInfo(sent).encoding).toBe('GSM-7');
        expect(Array.from(stripped)).toHaveLength(chars.length);
      }),
    );
  });
});
