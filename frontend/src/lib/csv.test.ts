import { describe, expect, it } from 'vitest';
import { neutraliseCell, toCsv } from './csv';

describe('CSV download', () => {
  it.each(['=SUM(A1)', '+1', '-2', '@cmd', '\tx', '\rx'])('prefixes a formula-like cell %j with an apostrophe', (cell) => {
    expect(neutraliseCell(cell)).toBe(`'${cell}`);
  });

  it('leaves ordinary values alone', () => {
    expect(neutraliseCell('WB-21850')).toBe('WB-21850');
    expect(neutraliseCell(37)).toBe('37');
    expect(neutraliseCell(null)).toBe('');
  });

  it('quotes cells with commas, quotes or line breaks', () => {
    expect(toCsv([['id', 'events'], ['a,b', 'say "hi"'], ['=1+1', 'x\ny']])).toBe('id,events\r\n"a,b","say ""hi"""\r\n\'=1+1,"x\ny"\r\n');
  });
});
