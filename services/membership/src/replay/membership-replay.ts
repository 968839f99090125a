import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { pagesById, replayProvider } from '@gym/messaging';
import { Member } from '../members/member.entity.js';
import { memberEventData } from '../members/member.view.js';

/**
 * Serves `membership.replay` with every member's current state as a
 * membership.member.updated event dated at the member's last change, for consumers that
 * rebuild their read models.
 */
export const membershipReplay = replayProvider(
  'membership',
  [getDataSourceToken()],
  (dataSource: DataSource) => async (tenantId, emit) => {
    const members = dataSource.getRepository(Member);
    for await (const member of pagesById(members, tenantId ? { tenantId } : {})) {
      await emit({
        type: 'membership.member.updated',
        tenantId: member.tenantId,
        data: memberEventData(member),
        occurredAt: member.updatedAt,
        entityKey: `${member.id}@${member.updatedAt.toISOString()}`,
      });
    }
  },
);
