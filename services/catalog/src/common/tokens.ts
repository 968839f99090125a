/** Injection tokens of catalog's shared providers. */
export const PINO_LOGGER = Symbol('PINO_LOGGER');
export const CLOCK = Symbol('CLOCK');
