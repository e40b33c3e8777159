import fc from 'fast-check'; export const x = fc;
