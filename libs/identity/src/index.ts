// Who is calling and what they may be: the principal a token proves, its roles and station reach.
// Kept apart from the HTTP lib so domain code and message handlers can reason about actors
// without depending on the web layer (docs/architecture.md, "Code shape").
export * from './principal';
