import { Global, Module } from '@nestjs/common';
import { FigureInputs } from './figure-inputs.js';

/** Global, so that releases, country metadata and population can mark their changes whichever features run. */
@Global()
@Module({ providers: [FigureInputs], exports: [FigureInputs] })
export class FigureInputsModule {}
