/** Opaque references we accept: no spaces, no CJK, so a name or an address does not fit. */
export const OPAQUE_ID = /^[a-z0-9][a-z0-9_.:-]{0,99}$/i;
