import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  comparePeriods,
  formatPeriod,
  isCountryCode,
  parsePeriod,
  type Period,
  STANDARD_VERSION,
  validateCountryMetadata,
} from '#app/standard';
import type { CountryMetadataEntity } from './country-metadata.entity.js';
import { CountryMetadataErrorCode, CountryMetadataException } from './country-metadata.exception.js';
import type { CountryMetadataModel } from './country-metadata.model.js';
import { CountryMetadataRepository } from './country-metadata.repository.js';
import type { SetCountryMetadataInput } from './dto/set-country-metadata.input.js';
import { definitionDiffersFromStandard } from './metadata-flags.js';
import { FigureInputs } from '../figures-cache/figure-inputs.js';

/** Country metadata per period (docs/DATA-STANDARD.md section 4), set by the hub administrator. */
@Injectable()
export class CountryMetadataService {
  constructor(
    private readonly repository: CountryMetadataRepository,
    private readonly figureInputs: FigureInputs,
  ) {}

  /** Creates or replaces the entry of a country starting at `validFrom`, after validation against the standard. */
  async set(input: SetCountryMetadataInput, now = new Date()): Promise<CountryMetadataModel> {
    const candidate = {
      standardVersion: STANDARD_VERSION,
      country: input.country,
      validFrom: formatPeriod(input.validFrom),
      ...(input.validTo ? { validTo: formatPeriod(input.validTo) } : {}),
      legalDefinition: input.legalDefinition,
      identificationThreshold: input.identificationThreshold,
      presumedVictimsIncluded: input.presumedVictimsIncluded,
      breakdownsNotCollected: input.breakdownsNotCollected,
      ...(input.footnote ? { footnote: input.footnote } : {}),
    };
    const checked = validateCountryMetadata(candidate);
    if (!checked.ok) {
      const problems = checked.errors.map(({ pointer, code, message }) => ({ pointer, code, message }));
      throw new CountryMetadataException(
        CountryMetadataErrorCode.INVALID_METADATA,
        `The country metadata violates the data standard (${problems.length} problem(s)).`,
        [...new Set(problems.map((problem) => `input${problem.pointer.replaceAll('/', '.')}`))],
        { problems },
      );
    }
    const metadata = checked.value;
    const entity: CountryMetadataEntity = {
      country: metadata.country,
      validFrom: metadata.validFrom,
      validTo: metadata.validTo ?? null,
      legalDefinition: metadata.legalDefinition,
      identificationThreshold: metadata.identificationThreshold,
      presumedVictimsIncluded: metadata.presumedVictimsIncluded,
      breakdownsNotCollected: [...metadata.breakdownsNotCollected],
      footnote: metadata.footnote ?? null,
      standardVersion: metadata.standardVersion,
      updatedAt: now,
    };
    await this.figureInputs.changing(() => this.repository.save(entity));
    return toModel(entity);
  }

  /** Every entry (or a country's), by country and then period. */
  async list(country?: string): Promise<CountryMetadataModel[]> {
    if (country !== undefined) checkedCountry(country);
    return (await this.entries(country)).map(toModel);
  }

  /** Pass the transaction's manager when inside one (the embedded database serialises connections). */
  async entries(country?: string, manager?: EntityManager): Promise<CountryMetadataEntity[]> {
    const entries = await this.repository.entries(country, manager);
    return entries.sort((a, b) => a.country.localeCompare(b.country) || comparePeriods(parsePeriod(a.validFrom), parsePeriod(b.validFrom)));
  }

  /** Changes whenever an entry is set or removed (export entity tags cover it). */
  stamp(): Promise<string> {
    return this.repository.stamp();
  }

  async remove(country: string, from: Period): Promise<CountryMetadataModel> {
    checkedCountry(country);
    const validFrom = formatPeriod(from);
    const entity = await this.repository.find(country, validFrom);
    if (!entity) {
      throw new CountryMetadataException(
        CountryMetadataErrorCode.METADATA_NOT_FOUND,
        `No metadata entry of ${country} from ${validFrom}.`,
        ['validFrom'],
      );
    }
    await this.figureInputs.changing(() => this.repository.delete(country, validFrom));
    return toModel(entity);
  }
}

/** Checked before any lookup, so a wrong code (GR for Greece) is named as such and no raw input is echoed. */
function checkedCountry(country: string): void {
  if (!isCountryCode(country)) {
    throw new CountryMetadataException(
      CountryMetadataErrorCode.INVALID_COUNTRY,
      'Not a country code of the standard (Eurostat alpha-2: EL for Greece, UK).',
      ['country'],
    );
  }
}

function toModel(entity: CountryMetadataEntity): CountryMetadataModel {
  return {
    country: entity.country,
    validFrom: entity.validFrom,
    validTo: entity.validTo,
    legalDefinition: entity.legalDefinition,
    identificationThreshold: entity.identificationThreshold,
    presumedVictimsIncluded: entity.presumedVictimsIncluded,
    breakdownsNotCollected: entity.breakdownsNotCollected,
    footnote: entity.footnote,
    definitionDiffers: definitionDiffersFromStandard(entity.legalDefinition),
    updatedAt: entity.updatedAt,
  };
}
