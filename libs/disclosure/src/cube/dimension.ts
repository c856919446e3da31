import { DisclosureErrorCode, DisclosureException } from '../disclosure.exception.js';

/** The margin code every dimension of the figure catalogue has (docs/DATA-STANDARD.md section 6). */
export const TOTAL = 'TOTAL';

/** A margin of a dimension: the code under which its member leaves are counted together. */
export interface CodeGroup {
  readonly code: string;
  /** Leaf codes only; a group of groups is written out as the leaves it covers. */
  readonly members: readonly string[];
}

/**
 * Every record falls in exactly one leaf, so each group is the exact sum of its members: `TOTAL` over sex,
 * `EU27_2020` over its member countries. Groups may overlap (EU27_2020 and OSCE share members).
 */
export interface AdditiveDimension {
  readonly kind: 'additive';
  readonly id: string;
  readonly leaves: readonly string[];
  readonly groups: readonly CodeGroup[];
}

/**
 * A record may fall in several leaves (a person exploited in several forms is counted once per form) and is
 * counted once in a group, so a group is not the sum of its members, only bounded by them:
 * each member <= group <= sum of members.
 */
export interface MultiResponseDimension {
  readonly kind: 'multi-response';
  readonly id: string;
  readonly leaves: readonly string[];
  readonly groups: readonly CodeGroup[];
}

/**
 * Codes with no arithmetic relation between them. Time is one: a person registered in two quarters of a year
 * counts once in the year, so a year is not the sum of its quarters. A record names every code it falls in.
 */
export interface IndependentDimension {
  readonly kind: 'independent';
  readonly id: string;
  readonly codes: readonly string[];
}

export type Dimension = AdditiveDimension | MultiResponseDimension | IndependentDimension;

/** A flat additive dimension with one `TOTAL` margin over all its leaves. */
export function flatDimension(id: string, leaves: readonly string[], totalCode: string = TOTAL): AdditiveDimension {
  return { kind: 'additive', id, leaves: [...leaves], groups: [{ code: totalCode, members: [...leaves] }] };
}

/** An additive dimension whose margins are a set of groups (country groups, a TOTAL among them if wanted). */
export function groupedDimension(id: string, leaves: readonly string[], groups: readonly CodeGroup[]): AdditiveDimension {
  return { kind: 'additive', id, leaves: [...leaves], groups: groups.map(copyGroup) };
}

/** A multi-response dimension, by default with one `TOTAL` margin. */
export function multiResponseDimension(
  id: string,
  leaves: readonly string[],
  groups: readonly CodeGroup[] = [{ code: TOTAL, members: leaves }],
): MultiResponseDimension {
  return { kind: 'multi-response', id, leaves: [...leaves], groups: groups.map(copyGroup) };
}

export function independentDimension(id: string, codes: readonly string[]): IndependentDimension {
  return { kind: 'independent', id, codes: [...codes] };
}

function copyGroup(group: CodeGroup): CodeGroup {
  return { code: group.code, members: [...group.members] };
}

/** The codes of a dimension in cube order: leaves first, then groups. */
export function codesOf(dimension: Dimension): readonly string[] {
  return dimension.kind === 'independent' ? dimension.codes : [...dimension.leaves, ...dimension.groups.map((group) => group.code)];
}

function invalid(message: string, dimensionId: string): never {
  throw new DisclosureException(DisclosureErrorCode.INVALID_DIMENSION, message, [], { dimension: dimensionId });
}

/** Rejects dimensions a cube cannot be built on: empty, repeated codes or ids, groups over unknown leaves. */
export function validateDimensions(dimensions: readonly Dimension[]): void {
  if (dimensions.length === 0) invalid('A cube needs at least one dimension', '');
  const ids = new Set<string>();
  for (const dimension of dimensions) {
    if (dimension.id.length === 0) invalid('A dimension needs an id', dimension.id);
    if (ids.has(dimension.id)) invalid(`Dimension "${dimension.id}" appears twice`, dimension.id);
    ids.add(dimension.id);
    const codes = codesOf(dimension);
    if (codes.length === 0) invalid(`Dimension "${dimension.id}" has no codes`, dimension.id);
    if (new Set(codes).size !== codes.length) invalid(`Dimension "${dimension.id}" repeats a code`, dimension.id);
    if (dimension.kind === 'independent') continue;
    const leaves = new Set(dimension.leaves);
    for (const group of dimension.groups) {
      if (group.members.length === 0) invalid(`Group "${group.code}" of "${dimension.id}" has no members`, dimension.id);
      if (new Set(group.members).size !== group.members.length) {
        invalid(`Group "${group.code}" of "${dimension.id}" repeats a member`, dimension.id);
      }
      for (const member of group.members) {
        if (!leaves.has(member)) invalid(`Group "${group.code}" of "${dimension.id}" names a code that is not a leaf`, dimension.id);
      }
    }
  }
}
