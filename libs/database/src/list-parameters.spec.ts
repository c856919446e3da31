import { describe, expect, it } from '@jest/globals';
import { joinedList, splitListSql } from './list-parameters.js';

describe('list parameters', () => {
  it('join codes and split them back in SQL', () => {
    expect(joinedList(['SEXUAL', 'LABOUR'])).toBe('SEXUAL,LABOUR');
    expect(splitListSql('r.exploitation')).toBe("string_to_array(r.exploitation, ',')");
  });

  it('refuse an element that holds the separator', () => {
    expect(() => joinedList(['A,B'])).toThrow(RangeError);
  });
});
