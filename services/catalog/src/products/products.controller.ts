import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentTenant, CurrentUser, Roles, type Principal } from '@gym/auth';
import { RecordIdPipe } from '@gym/http';
import { CreateProductDto, ListProductsQuery, UpdateProductDto } from './product.dto.js';
import { ProductsService } from './products.service.js';

@ApiTags('products')
@ApiBearerAuth()
@Controller('products')
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  @Get()
  list(@CurrentTenant() tenantId: string, @Query() query: ListProductsQuery) {
    return this.products.list(tenantId, query);
  }

  @Get(':id')
  get(@CurrentTenant() tenantId: string, @Param('id', RecordIdPipe) id: string) {
    return this.products.get(tenantId, id);
  }

  @Post()
  @Roles('ADMIN')
  create(@CurrentUser() principal: Principal, @Body() body: CreateProductDto) {
    return this.products.create(principal, body);
  }

  @Patch(':id')
  @Roles('ADMIN')
  update(
    @CurrentUser() principal: Principal,
    @Param('id', RecordIdPipe) id: string,
    @Body() body: UpdateProductDto,
  ) {
    return this.products.update(principal, id, body);
  }

  @Post(':id/archive')
  @HttpCode(200)
  @Roles('ADMIN')
  archive(@CurrentUser() principal: Principal, @Param('id', RecordIdPipe) id: string) {
    return this.products.archive(principal, id);
  }
}
