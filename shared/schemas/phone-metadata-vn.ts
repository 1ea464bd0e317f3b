import type { MetadataJson } from 'libphonenumber-js/core';

/**
 * libphonenumber-js metadata ("max": with number types) for Vietnam only, +84: 1 KB instead of the
 * whole world's 150 KB in the API bundle. test/unit/domain/phone.test.ts checks it still equals the
 * VN part of the installed libphonenumber-js/metadata.max.json; after an upgrade, copy that part here.
 */
export const vnPhoneMetadata: MetadataJson = {
  version: 4,
  country_calling_codes: { '84': ['VN'] },
  countries: {
    VN: [
      '84',
      '00',
      '[12]\\d{9}|[135-9]\\d{8}|[16]\\d{6,7}|7\\d{6}',
      [7, 8, 9, 10],
      [
        ['(\\d{4})(\\d{4,6})', '$1 $2', ['1(?:2[02]|[89])'], 0, 1],
        ['(\\d{2})(\\d{3})(\\d{2})(\\d{2})', '$1 $2 $3 $4', ['1[26]|6'], '0$1', 1],
        ['(\\d{3})(\\d{3})(\\d{3})', '$1 $2 $3', ['[1357-9]'], '0$1', 1],
        ['(\\d{2})(\\d{4})(\\d{4})', '$1 $2 $3', ['2[48]'], '0$1', 1],
        ['(\\d{3})(\\d{4})(\\d{3})', '$1 $2 $3', ['2'], '0$1', 1],
      ],
      '0',
      0,
      0,
      0,
      0,
      0,
      [
        ['2(?:0[3-9]|1[0-689]|2[0-25-9]|[38][2-9]|4[2-8]|5[124-9]|6[0-39]|7[0-7]|9[0-4679])\\d{7}', [10]],
        [
          '121[0-3]\\d{5}|(?:1[46]0|(?:3\\d|7[06-9])\\d|5(?:[1689]\\d|2[238]|59)|8(?:[1-8]\\d|9[6-9])|9(?:[0-8]\\d|9[013-9]))\\d{6}',
          [9],
        ],
        ['1800\\d{4,6}|12(?:0[13]|28)\\d{4}', [8, 9, 10]],
        ['1900\\d{4,6}', [8, 9, 10]],
        0,
        0,
        ['[17]99\\d{4}|69\\d{5,6}', [7, 8]],
        0,
        ['672\\d{6}', [9]],
      ],
    ],
  },
  nonGeographic: {},
};
