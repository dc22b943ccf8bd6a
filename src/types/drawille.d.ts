declare module 'drawille-canvas-blessed-contrib' {
  /** The braille canvas under blessed-contrib's graphs: 2x4 dots per cell. */
  interface BrailleCanvas {
    color: string;
    /** One byte of dot bits per cell, row by row. */
    readonly content: Uint8Array;
    set(x: number, y: number): void;
    clear(): void;
    frame(delimiter?: string): string;
  }
  /** An HTML5-canvas-like context over a braille canvas. */
  class Context {
    constructor(width: number, height: number);
    readonly _canvas: BrailleCanvas;
  }
  export default Context;
}
