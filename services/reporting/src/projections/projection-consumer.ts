import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { EventConsumer } from '@gym/messaging';
import { projectionHandlers } from './projection-handlers.js';

/** Registers the read-model handlers with the service's event consumer. */
@Injectable()
export class ProjectionConsumer implements OnModuleInit {
  constructor(@Inject(EventConsumer) private readonly consumer: EventConsumer) {}

  onModuleInit(): void {
    for (const [type, handler] of Object.entries(projectionHandlers)) {
      this.consumer.register(type, handler);
    }
  }
}
