import { type LegalStatus, LEGAL_STATUS, isVictimStatus } from '../code-lists/code-lists.js';
import { type ValidationError, ValidationErrorCode } from './validation-error.js';

/** The fields the cross-field rules look at, as they arrive (already or not yet validated). */
export interface RuleInput {
  readonly legalStatus?: unknown;
  readonly exploitation?: unknown;
  readonly labourSector?: unknown;
  readonly registeringOrganisation?: unknown;
  readonly protection?: unknown;
}

// Same texts as the x-message annotations of pseudonymised-record.schema.json (a spec checks they agree).
export const RULE_MESSAGES = {
  victimNeedsOrganisation: 'victims (PRESUMED_VICTIM, IDENTIFIED_VICTIM) must name a registeringOrganisation (UNK if unknown)',
  organisationVictimsOnly: 'only victims (PRESUMED_VICTIM, IDENTIFIED_VICTIM) have a registering organisation',
  protectionVictimsOnly: 'only victims (PRESUMED_VICTIM, IDENTIFIED_VICTIM) have a protection block',
  sectorNeedsLabour: 'labourSector is only allowed when exploitation includes LABOUR',
} as const;

/**
 * The record's cross-field rules, for importers that build records field by field; the JSON Schema states the same
 * rules for everyone else. A rule is only judged when the fields it depends on are usable (a missing legal status is
 * reported as missing, not as a rule violation). Pointers are relative to the record, e.g. `/labourSector`.
 */
export function recordRuleViolations(input: RuleInput): ValidationError[] {
  const violations: ValidationError[] = [];
  const status =
    typeof input.legalStatus === 'string' && LEGAL_STATUS.byCode.has(input.legalStatus) ? (input.legalStatus as LegalStatus) : undefined;
  if (status !== undefined && isVictimStatus(status) && input.registeringOrganisation === undefined) {
    violations.push({
      pointer: '/registeringOrganisation',
      code: ValidationErrorCode.REQUIRED,
      message: RULE_MESSAGES.victimNeedsOrganisation,
    });
  }
  if (status !== undefined && !isVictimStatus(status)) {
    if (input.registeringOrganisation !== undefined) {
      violations.push({
        pointer: '/registeringOrganisation',
        code: ValidationErrorCode.VICTIMS_ONLY,
        message: RULE_MESSAGES.organisationVictimsOnly,
      });
    }
    if (input.protection !== undefined) {
      violations.push({ pointer: '/protection', code: ValidationErrorCode.VICTIMS_ONLY, message: RULE_MESSAGES.protectionVictimsOnly });
    }
  }
  if (Array.isArray(input.exploitation) && !input.exploitation.includes('LABOUR') && input.labourSector !== undefined) {
    violations.push({
      pointer: '/labourSector',
      code: ValidationErrorCode.LABOUR_SECTOR_WITHOUT_LABOUR,
      message: RULE_MESSAGES.sectorNeedsLabour,
    });
  }
  return violations;
}
