import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentTenant, Roles } from '@gym/auth';
import { toTenantView, type TenantView } from './tenant.view.js';
import { TenantsService } from './tenants.service.js';
import { UpdateTenantDto } from './update-tenant.dto.js';

@ApiTags('tenants')
@ApiBearerAuth()
@Controller('tenants')
export class TenantsController {
  constructor(private readonly tenants: TenantsService) {}

  @Get('current')
  async current(@CurrentTenant() tenantId: string): Promise<TenantView> {
    return toTenantView(await this.tenants.findCurrent(tenantId));
  }

  @Roles('ADMIN')
  @Patch('current')
  async update(
    @CurrentTenant() tenantId: string,
    @Body() body: UpdateTenantDto,
  ): Promise<TenantView> {
    return toTenantView(await this.tenants.update(tenantId, body));
  }
}
