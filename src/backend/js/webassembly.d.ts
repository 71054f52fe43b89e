/**
 * The part of the WebAssembly JavaScript API (W3C WebAssembly JavaScript Interface) the js
 * backend uses. Node has it all; TypeScript declares it only in its DOM library, which
 * this project does not load (it would declare browser globals that do not exist here).
 */
declare namespace WebAssembly {
  class Module {
    constructor(bytes: Uint8Array);
  }
  class Instance {
    constructor(module: Module, imports: Record<string, Record<string, unknown>>);
    readonly exports: Record<string, unknown>;
  }
  class Memory {
    constructor(descriptor: { initial: number; maximum?: number; shared?: boolean });
    readonly buffer: ArrayBuffer | SharedArrayBuffer;
    grow(deltaPages: number): number;
  }
  function validate(bytes: Uint8Array): boolean;
}
