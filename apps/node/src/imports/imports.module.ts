import { Module } from '@nestjs/common';
import { PseudonymsModule } from '../pseudonyms/pseudonyms.module.js';
import { VaultModule } from '../vault/vault.module.js';
import { CaseImportRepository } from './case-import.repository.js';
import { CaseImportService } from './case-import.service.js';

/** CSV import of cases (the `node:import` script). */
@Module({ imports: [PseudonymsModule, VaultModule], providers: [CaseImportService, CaseImportRepository], exports: [CaseImportService] })
export class ImportsModule {}
