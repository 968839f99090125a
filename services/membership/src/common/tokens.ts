/** Injection tokens of membership's shared providers. */
export const PINO_LOGGER = Symbol('PINO_LOGGER');
export const CLOCK = Symbol('CLOCK');
export const PHOTO_STORAGE = Symbol('PHOTO_STORAGE');
