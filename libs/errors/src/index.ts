// What the business refuses, in its own terms: domain code and handlers throw these, and the HTTP
// edge answers them as problem details in one place (libs/http, ProblemDetailsFilter). Kept apart
// from the HTTP lib so domain/ folders depend on no web framework (docs/architecture.md, "Code shape").
export * from './domain-error';
