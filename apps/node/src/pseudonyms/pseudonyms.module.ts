import { Module } from '@nestjs/common';
import { PseudonymService } from './pseudonym.service.js';

@Module({ providers: [PseudonymService], exports: [PseudonymService] })
export class PseudonymsModule {}
