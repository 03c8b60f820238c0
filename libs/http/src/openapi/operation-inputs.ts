import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { INestApplication, Type } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import type { DtoClass } from './validation-schema';

/** The classes the validation pipe checks for one operation: its body, and its query and path objects. */
export interface OperationInputs {
  body?: DtoClass;
  query: DtoClass[];
  params: DtoClass[];
}

const PRIMITIVES = new Set<unknown>([String, Number, Boolean, Object, Array]);

/**
 * The validated inputs of every route of the application, by the operation id @nestjs/swagger
 * gives it (`<Controller>_<method>`), read from the same metadata Nest routes with.
 */
export function operationInputs(app: INestApplication): Map<string, OperationInputs> {
  const inputs = new Map<string, OperationInputs>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type<unknown> | null;
      if (!controller) continue;
      for (const method of Object.getOwnPropertyNames(controller.prototype)) {
        if (method === 'constructor') continue;
        const args: Record<string, { index: number; data?: unknown }> = Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {};
        const types: unknown[] = Reflect.getMetadata('design:paramtypes', controller.prototype, method) ?? [];
        const entry: OperationInputs = { query: [], params: [] };
        for (const [key, { index, data }] of Object.entries(args)) {
          const type = types[index] as DtoClass;
          // A named @Query('x') / @Param('id') is one primitive value, documented by its decorator.
          if (data !== undefined || typeof type !== 'function' || PRIMITIVES.has(type)) continue;
          const kind = Number(key.split(':')[0]);
          if (kind === RouteParamtypes.BODY) entry.body = type;
          else if (kind === RouteParamtypes.QUERY) entry.query.push(type);
          else if (kind === RouteParamtypes.PARAM) entry.params.push(type);
        }
        inputs.set(`${controller.name}_${method}`, entry);
      }
    }
  }
  return inputs;
}
