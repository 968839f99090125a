import 'reflect-metadata';
import { Controller, Get, Module, NotFoundException, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

class ThingsController {
  one(id) { if (id === 'missing') throw new NotFoundException(); return { id }; }
  boom() { throw new Error('x'); }
}
Get(':id')(ThingsController.prototype, 'one', Object.getOwnPropertyDescriptor(ThingsController.prototype, 'one'));
Get('boom/now')(ThingsController.prototype, 'boom', Object.getOwnPropertyDescriptor(ThingsController.prototype, 'boom'));
Reflect.defineMetadata('design:paramtypes', [String], ThingsController.prototype, 'one');
import { Param } from '@nestjs/common';
Param('id')(ThingsController.prototype, 'one', 0);
Controller('things')(ThingsController);
class MetricsController { get() { return 'metrics'; } }
Get('metrics')(MetricsController.prototype, 'get', Object.getOwnPropertyDescriptor(MetricsController.prototype, 'get'));
Controller()(MetricsController);

const seen = [];
function mw(req, res, next) {
  res.on('finish', () => seen.push({ url: req.originalUrl, status: res.statusCode, route: req.route?.path, baseUrl: req.baseUrl }));
  next();
}
class AppModule { configure(consumer) { consumer.apply(mw).forRoutes({ path: '{*path}', method: RequestMethod.ALL }); } }
Module({ controllers: [ThingsController, MetricsController] })(AppModule);

const prefix = process.argv[2];
const app = await NestFactory.create(AppModule, { logger: ['error','warn'] });
if (prefix) app.setGlobalPrefix(prefix, { exclude: process.argv.slice(3) });
await app.listen(0, '127.0.0.1');
const base = await app.getUrl();
for (const p of ['/things/42', '/api/v1/things/42', '/api/v1/things/missing', '/api/v1/things/boom/now', '/metrics', '/api/v1/metrics', '/nope', '/api/v1/nope', '/']) {
  const r = await fetch(base + p); await r.text();
}
await new Promise(r => setTimeout(r, 50));
console.log(JSON.stringify(seen, null, 0).replaceAll('},{', '},\n{'));
await app.close();
