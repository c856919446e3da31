import { COUNTRY_GROUP, isCountryCode } from '../code-lists/code-lists.js';
import type { CountryCode } from '../code-lists/country-codes.js';

/**
 * A fixed-composition group of countries, published as the sum of its members. The standard defines EU27_2020; a hub
 * defines more (for example the OSCE participating states present in its data) with defineCountryGroup.
 */
export interface CountryGroup {
  readonly id: string;
  readonly label: string;
  readonly members: readonly CountryCode[];
}

// Group ids must not collide with country codes (two letters), so that `geo` stays unambiguous.
const groupIdPattern = /^[A-Z][A-Z0-9_]{2,39}$/;

export function defineCountryGroup(id: string, label: string, members: readonly string[]): CountryGroup {
  if (!groupIdPattern.test(id)) throw new RangeError('a group id is 3 to 40 upper-case letters, digits or underscores');
  if (label.trim() === '') throw new RangeError('a group needs a label');
  if (members.length === 0) throw new RangeError(`group ${id} has no members`);
  const unknown = members.filter((member) => !isCountryCode(member));
  if (unknown.length > 0) throw new RangeError(`group ${id}: not country codes of the standard: ${unknown.join(', ')}`);
  if (new Set(members).size !== members.length) throw new RangeError(`group ${id} lists a member twice`);
  return { id, label, members: [...(members as readonly CountryCode[])].sort() };
}

function standardGroup(code: 'EU27_2020'): CountryGroup {
  const entry = COUNTRY_GROUP.byCode.get(code);
  if (entry?.members === undefined) throw new Error(`country group ${code} has no members in country-group.json`);
  return defineCountryGroup(entry.code, entry.label, entry.members);
}

/** The 27 member states after the United Kingdom left, used for every period whatever the membership then. */
export const EU27_2020: CountryGroup = standardGroup('EU27_2020');

export const STANDARD_COUNTRY_GROUPS: readonly CountryGroup[] = [EU27_2020];

export function isGroupMember(group: CountryGroup, country: CountryCode): boolean {
  return group.members.includes(country);
}
