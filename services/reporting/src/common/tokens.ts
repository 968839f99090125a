/** Injection tokens of reporting's shared providers. */
export const PINO_LOGGER = Symbol('PINO_LOGGER');
export const CLOCK = Symbol('CLOCK');
