import { AccessLogEntity } from './access-log/access-log.entity.js';
import { CountryMetadataEntity } from './country-metadata/country-metadata.entity.js';
import { NodeKeyEntity } from './nodes/node-key.entity.js';
import { NodeEntity } from './nodes/node.entity.js';
import { PopulationTableEntity } from './population/population-table.entity.js';
import { PopulationEntity } from './population/population.entity.js';
import { ReleaseCellEntity } from './releases/release-cell.entity.js';
import { ReleaseCoverageEntity } from './releases/release-coverage.entity.js';
import { ReleaseDatasetEntity } from './releases/release-dataset.entity.js';
import { ReleaseEntity } from './releases/release.entity.js';
import { RevocationEntity } from './revocations/revocation.entity.js';
import { SubmissionEntity } from './submissions/submission.entity.js';

/** Every TypeORM entity of the hub, listed explicitly (no globs, so src and dist cannot diverge). */
export const hubEntities: Function[] = [
  NodeEntity,
  NodeKeyEntity,
  SubmissionEntity,
  RevocationEntity,
  CountryMetadataEntity,
  PopulationTableEntity,
  PopulationEntity,
  ReleaseEntity,
  ReleaseDatasetEntity,
  ReleaseCoverageEntity,
  ReleaseCellEntity,
  AccessLogEntity,
];
