declare module 'drawille-canvas-blessed-contrib' {
  /** The braille canvas under blessed-contrib's graphs (drawille's Canvas): 2x4 dots per cell. */
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
    /** The drawille canvas it draws on (the package's public alias of its `_canvas`). */
    readonly canvas: BrailleCanvas;
    clearRect(x: number, y: number, w: number, h: number): void;
    fillRect(x: number, y: number, w: number, h: number): void;
  }
  export default Context;
}
