import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createNotificationTables, dropNotificationTables } from '@intreccio/shared';

/** The outbox that tells partners of changes, written in the same transaction as the change, and the inbox of partners' events. */
export class Notifications1765100000000 implements MigrationInterface {
  name = 'Notifications1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await createNotificationTables(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropNotificationTables(q);
  }
}
