import { MODULE_METADATA } from '@nestjs/common/constants';
import { PATTERN_METADATA } from '@nestjs/microservices/constants';

type ModuleRef = { module?: unknown; imports?: unknown[]; controllers?: unknown[]; forwardRef?: () => unknown } | ((...args: unknown[]) => unknown);

/**
 * The event types a service's handlers (`@OnEvent` / `@OnIdempotentEvent`) take, read from its
 * module tree without starting anything: what its consumer will subscribe to. The AsyncAPI
 * generator uses it to say who consumes what; a running consumer reports the same from its handlers.
 */
export function eventTypesHandledBy(rootModule: unknown): string[] {
  const types = new Set<string>();
  const seen = new Set<unknown>();
  const visit = (entry: unknown): void => {
    if (!entry || seen.has(entry)) return;
    seen.add(entry);
    const ref = entry as ModuleRef;
    if (typeof ref === 'object' && typeof ref.forwardRef === 'function') return visit(ref.forwardRef());
    // A dynamic module lists imports and controllers beside its class, which has its own in metadata.
    const moduleClass = typeof ref === 'function' ? ref : ref.module;
    const dynamic = typeof ref === 'object' ? ref : {};
    const metadata = (key: string) => (moduleClass ? ((Reflect.getMetadata(key, moduleClass as object) as unknown[] | undefined) ?? []) : []);
    for (const controller of [...metadata(MODULE_METADATA.CONTROLLERS), ...(dynamic.controllers ?? [])]) {
      for (const type of patternsOf(controller as { prototype: object })) types.add(type);
    }
    for (const imported of [...metadata(MODULE_METADATA.IMPORTS), ...(dynamic.imports ?? [])]) visit(imported);
    if (moduleClass && moduleClass !== entry) visit(moduleClass);
  };
  visit(rootModule);
  return [...types].sort();
}

function patternsOf(controller: { prototype: object }): string[] {
  const patterns: string[] = [];
  for (let proto: object | null = controller.prototype; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const method = Object.getOwnPropertyDescriptor(proto, name)?.value as object | undefined;
      if (typeof method !== 'function') continue;
      const found = Reflect.getMetadata(PATTERN_METADATA, method) as unknown[] | undefined;
      for (const pattern of found ?? []) if (typeof pattern === 'string') patterns.push(pattern);
    }
  }
  return patterns;
}
