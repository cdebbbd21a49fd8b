/**
 * The few web-platform globals core/ uses, present alike in browsers and in Node (≥ 19): core is
 * type-checked without the DOM library and without Node's types (tsconfig.core.json).
 */
declare const crypto: { randomUUID(): `${string}-${string}-${string}-${string}-${string}` };
