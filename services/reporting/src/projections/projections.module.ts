import { Module } from '@nestjs/common';
import { ProjectionConsumer } from './projection-consumer.js';

/** Builds the read models from the owners' events. */
@Module({ providers: [ProjectionConsumer] })
export class ProjectionsModule {}
