import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { documentValidationConstraints, FieldErrorDocument, operationInputs, ProblemDocument } from '@lantern/http';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { createReadStream } from 'node:fs';
import { dirname, join } from 'node:path';
import { completeOperations } from './openapi-completion';
import { documentPlatformStatuses } from './platform-statuses';

const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'application/javascript; charset=utf-8',
};

/** A prefix the gateway may announce: path segments only, nothing that could smuggle a host or a script. */
const SAFE_PREFIX = /^(\/[A-Za-z0-9._~-]+){1,5}$/;

/** Where the caller reached this service: the configured URL, else the gateway's prefix, else here. */
export function serverUrlFor(request: Pick<FastifyRequest, 'headers'>, configured?: string): string {
  if (configured) return configured;
  const prefix = request.headers['x-forwarded-prefix'];
  return typeof prefix === 'string' && SAFE_PREFIX.test(prefix) ? prefix : '/';
}

// Every URL is relative to the page, so the same page works at /docs and at /orders/docs behind the gateway.
const PAGE = (title: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<link rel="stylesheet" href="docs/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="docs/swagger-ui-bundle.js"></script>
<script src="docs/swagger-ui-standalone-preset.js"></script>
<script>window.ui = SwaggerUIBundle({ url: 'docs-json', dom_id: '#swagger-ui', persistAuthorization: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: 'StandaloneLayout' });</script>
</body></html>`;

/** The service's OpenAPI document, with everything the platform knows that decorators do not say. */
export function buildOpenApiDocument(app: NestFastifyApplication, service: string, description: string): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(`Lantern ${service}`)
    .setDescription(description)
    .setVersion('1.0.0')
    .setLicense('MIT', 'https://opensource.org/licenses/MIT')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .addSecurityRequirements('bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ProblemDocument, FieldErrorDocument] });
  documentValidationConstraints(document, operationInputs(app));
  completeOperations(document);
  documentPlatformStatuses(document);
  return document;
}

/**
 * OpenAPI JSON at `/docs-json` and Swagger UI at `/docs`, both usable directly and behind the
 * gateway's path prefix. The UI's assets are served straight from swagger-ui-dist, which avoids
 * @fastify/static (whose current major wants Node 22).
 *
 * Memory: swagger-ui-dist's main module runs the 1.5 MB browser bundle inside Node, so only the
 * folder is looked up (require.resolve loads nothing); the assets are streamed from disk when
 * asked for (browsers cache them a day) instead of 1.9 MB held by every idle service.
 */
export function installSwagger(app: NestFastifyApplication, service: string, description: string, serverUrl?: string): void {
  const document = buildOpenApiDocument(app, service, description);
  SwaggerModule.setup('docs', app, document, {
    ui: false,
    jsonDocumentUrl: 'docs-json',
    yamlDocumentUrl: 'docs-yaml',
    patchDocumentOnRequest: (request, _reply, base) => ({ ...base, servers: [{ url: serverUrlFor(request as FastifyRequest, serverUrl) }] }),
  });

  const fastify = app.getHttpAdapter().getInstance();
  const assetsDir = dirname(require.resolve('swagger-ui-dist/swagger-ui-bundle.js'));
  const page = PAGE(`Lantern ${service} API`);
  fastify.get('/docs', (_request, reply) => reply.type('text/html; charset=utf-8').send(page));
  for (const [file, type] of Object.entries(ASSETS)) {
    const path = join(assetsDir, file);
    fastify.get(`/docs/${file}`, (_request, reply) => reply.type(type).header('cache-control', 'public, max-age=86400').send(createReadStream(path)));
  }
}
