import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '@gym/auth';
import { Idempotent } from '@gym/idempotency';
import { RecordIdPipe } from '@gym/http';
import { CreateSaleDto, ListSalesQuery } from './sale.dto.js';
import { SaleReader } from './sale-reader.js';
import { SalesService } from './sales.service.js';

@ApiTags('product-sales')
@ApiBearerAuth()
@Controller('product-sales')
export class SalesController {
  constructor(
    private readonly sales: SalesService,
    private readonly reader: SaleReader,
  ) {}

  @Post()
  @Idempotent()
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description:
      'Unique per operation; a retry with the same key and body replays the first response',
  })
  record(@CurrentUser() principal: Principal, @Body() body: CreateSaleDto) {
    return this.sales.record(principal, body);
  }

  @Get()
  list(@CurrentUser() principal: Principal, @Query() query: ListSalesQuery) {
    return this.reader.list(principal, query);
  }

  @Get(':id')
  get(@CurrentUser() principal: Principal, @Param('id', RecordIdPipe) id: string) {
    return this.reader.get(principal, id);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('ADMIN')
  async delete(@CurrentUser() principal: Principal, @Param('id', RecordIdPipe) id: string) {
    await this.sales.delete(principal, id);
  }
}
