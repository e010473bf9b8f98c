import { driveFileIdFromLink, isDriveFolderLink } from '../../src/domain/drive-link';

const ID = '1AbC_dEf-GhIjKlMnOp';

describe('driveFileIdFromLink', () => {
  test.each([
    ['a Drive file link', `https://drive.google.com/file/d/${ID}/view?usp=sharing`],
    ['a Drive file link with nothing after the id', `https://drive.google.com/file/d/${ID}`],
    ['a Drive open link', `https://drive.google.com/open?id=${ID}`],
    ['a Drive download link', `https://drive.google.com/uc?id=${ID}&export=download`],
    ['a download link with the id last', `https://drive.google.com/uc?export=download&id=${ID}`],
    ['a Docs document link', `https://docs.google.com/document/d/${ID}/edit`],
    ['a Sheets link', `https://docs.google.com/spreadsheets/d/${ID}/edit#gid=0`],
    ['a Slides link', `https://docs.google.com/presentation/d/${ID}/edit?usp=sharing`],
    ['a Forms link', `https://docs.google.com/forms/d/${ID}`],
    ['a Drive link for a second account', `https://drive.google.com/u/0/file/d/${ID}/view`],
    ['an open link for a second account', `https://drive.google.com/u/1/open?id=${ID}`],
    ['a Docs link for a second account', `https://docs.google.com/document/u/1/d/${ID}/edit`],
    ['a link without https://', `drive.google.com/file/d/${ID}/view`],
    ['a Docs link without https://', `docs.google.com/spreadsheets/d/${ID}`],
    ['a link with spaces around it', `  https://docs.google.com/document/d/${ID}/edit  `],
  ])('finds the file id in %s', (_case, link) => {
    expect(driveFileIdFromLink(link)).toBe(ID);
  });

  test.each([
    ['empty text', ''],
    ['plain words', 'see the quote in my email'],
    ['a Drive folder', `https://drive.google.com/drive/folders/${ID}`],
    ['another site with the same path', `https://example.com/file/d/${ID}/view`],
    ['a look-alike host', `https://drive.google.com.example.com/file/d/${ID}/view`],
    ['a Drive link inside another link', `https://example.com/?next=drive.google.com/file/d/${ID}`],
    ['an id shorter than ten characters', 'https://drive.google.com/file/d/abc123/view'],
    ['an id with a forbidden character', 'https://drive.google.com/file/d/abc$123456789/view'],
    ['a query parameter that only ends in id', `https://drive.google.com/open?xid=${ID}`],
    ['a published form link', 'https://docs.google.com/forms/d/e/1FAIpQLSf/viewform'],
    ['a link followed by more words', `https://docs.google.com/document/d/${ID}/edit please`],
  ])('refuses %s', (_case, text) => {
    expect(driveFileIdFromLink(text)).toBeNull();
  });
});

describe('isDriveFolderLink', () => {
  test.each([
    ['https://drive.google.com/drive/folders/1AbCdEfGhIjKlMnOp', true],
    ['https://drive.google.com/drive/u/0/folders/1AbCdEfGhIjKlMnOp', true],
    ['https://drive.google.com/file/d/1AbCdEfGhIjKlMnOp/view', false],
    ['https://example.com/drive/folders/1AbCdEfGhIjKlMnOp', false],
  ])('%s is a folder link: %s', (link, expected) => {
    expect(isDriveFolderLink(link)).toBe(expected);
  });
});
