/** A tiny virtual terminal: applies cursor moves, clears, SGR and text to a grid. */
import { graphemes, graphemeWidth } from '../../src/text/width.js';

/** Screen contents as rows of graphemes plus the SGR in force at each cell. */
export class VirtualTerminal {
  chars: string[][];
  styles: string[][];
  private x = 0;
  private y = 0;
  private style = '';

  constructor(readonly width: number, readonly height: number) {
    this.chars = Array.from({ length: height }, () => new Array<string>(width).fill(' '));
    this.styles = Array.from({ length: height }, () => new Array<string>(width).fill(''));
  }

  /** Feeds bytes written by the program. */
  write(data: string): void {
    const token = /\x1b\[(\d*);?(\d*)H|\x1b\[2J|\x1b\[([\d;]*)m|([^\x1b]+)/g;
    for (const m of data.matchAll(token)) {
      if (m[0].endsWith('H')) {
        this.y = Number(m[1] || 1) - 1;
        this.x = Number(m[2] || 1) - 1;
      } else if (m[0] === '\x1b[2J') {
        for (const row of this.chars) row.fill(' ');
      } else if (m[3] !== undefined) {
        this.style = m[3] === '0' || m[3] === '' ? '' : m[3].replace(/^0;/, '');
      } else if (m[4] !== undefined) {
        for (const g of graphemes(m[4])) {
          const w = graphemeWidth(g);
          if (this.x < this.width) {
            this.chars[this.y]![this.x] = g;
            this.styles[this.y]![this.x] = this.style;
            if (w === 2 && this.x + 1 < this.width) this.chars[this.y]![this.x + 1] = '';
          }
          this.x += w;
        }
      }
    }
  }

  /** The screen as text lines (wide characters once). */
  text(): string[] {
    return this.chars.map((row) => row.join(''));
  }
}
