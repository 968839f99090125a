import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppException } from '@gym/errors';
import { enqueueEvent } from '@gym/messaging';
import { Tenant } from './tenant.entity.js';
import { lockTenant } from './tenant-lock.js';
import { canonicalTimeZone } from './time-zone.js';
import type { UpdateTenantDto } from './update-tenant.dto.js';
import { tenantEventData } from './tenant.view.js';

/** Reads and changes the settings of the caller's tenant. */
@Injectable()
export class TenantsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findCurrent(tenantId: string): Promise<Tenant> {
    const tenant = await this.dataSource.getRepository(Tenant).findOneBy({ id: tenantId });
    if (!tenant) {
      throw new AppException('NOT_FOUND');
    }
    return tenant;
  }

  /** Applies the given settings and publishes `identity.tenant.updated` when something changed. */
  async update(tenantId: string, changes: UpdateTenantDto): Promise<Tenant> {
    return this.dataSource.transaction(async (manager) => {
      const tenant = await lockTenant(manager, tenantId);
      const next = {
        name: changes.name ?? tenant.name,
        timezone:
          changes.timezone === undefined ? tenant.timezone : canonicalTimeZone(changes.timezone),
        locale: changes.locale ?? tenant.locale,
      };

      const changed = Object.entries(next).some(
        ([field, value]) => tenant[field as keyof typeof next] !== value,
      );
      if (!changed) {
        return tenant;
      }

      Object.assign(tenant, next);
      const saved = await manager.save(tenant);
      await enqueueEvent(manager, {
        type: 'identity.tenant.updated',
        tenantId,
        data: tenantEventData(saved),
      });
      return saved;
    });
  }
}
