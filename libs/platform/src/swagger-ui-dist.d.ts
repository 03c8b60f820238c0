declare module 'swagger-ui-dist' {
  /** Directory holding the Swagger UI bundle, stylesheet and preset. */
  export function getAbsoluteFSPath(): string;
}
