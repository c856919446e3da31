import { caseFieldsOf, protectionFieldsOf } from '#app/standard';
import type { PersonEntity } from './person.entity.js';
import type { ConsentModel, PersonModel } from './person.model.js';
import type { RegistrationEntity } from './registration.entity.js';
import type { RegistrationModel } from './registration.model.js';

export function toConsentModel(person: PersonEntity): ConsentModel {
  const revoked = person.revokedAt !== null;
  return {
    statistics: !revoked && person.statisticsConsentGivenOn !== null,
    statisticsGivenOn: person.statisticsConsentGivenOn,
    international: !revoked && person.internationalConsentGivenOn !== null,
    internationalGivenOn: person.internationalConsentGivenOn,
  };
}

export function toPersonModel(person: PersonEntity, registrations: readonly RegistrationEntity[]): PersonModel {
  return {
    id: person.id,
    externalRef: person.externalRef,
    pseudonym: person.pseudonym,
    consent: toConsentModel(person),
    revoked: person.revokedAt !== null,
    revokedAt: person.revokedAt,
    registrations: registrations.map(toRegistrationModel),
    createdAt: person.createdAt,
    updatedAt: person.updatedAt,
  };
}

export function toRegistrationModel(registration: RegistrationEntity): RegistrationModel {
  return {
    id: registration.id,
    personId: registration.personId,
    registrationDate: registration.registrationDate,
    period: registration.period,
    ...caseFieldsOf(registration),
    protection: registration.protection === null ? null : protectionFieldsOf(registration.protection),
  };
}
