/** A folder of texts with every kind of file a text folder must handle, good and bad. */
import { makeFolder } from '../images/fixtures.ts';

export function textFolder(): string {
  return makeFolder({
    'ham/note.md': '# Notes\nLunch at noon?\n',
    'ham/reply.eml': 'From: bob@example.com\r\nSubject: Re: lunch\r\nDate: Mon, 1 Dec 2026 10:00:00 +0000\r\n\r\nYes, see you then.\r\n',
    'ham/binary.txt': Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x0d, 0x0a]),
    'spam/offer.eml': 'From: win@example.com\nSubject: =?UTF-8?B?R2V3aW5uIGbDvHIgU2ll?=\nMIME-Version: 1.0\n\nClick here to claim your prize.\n',
    'spam/empty.txt': '',
    'spam/latin1.txt': Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 0x0a]),
    'top.txt': 'a text at the top, no label\n',
    'README.pdf': 'not listed',
    '.hidden.txt': 'not listed',
  });
}
