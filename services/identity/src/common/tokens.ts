/** Injection tokens of identity's shared providers. */
export const REDIS = Symbol('REDIS');
export const PINO_LOGGER = Symbol('PINO_LOGGER');
