/** Prints the demo's progress and tables, line by line, to a sink (the terminal or a test's buffer). */
export class Progress {
  constructor(private readonly writeLine: (line: string) => void) {}

  step(title: string): void {
    this.writeLine('');
    this.writeLine(`▸ ${title}`);
  }

  info(text: string): void {
    this.writeLine(`  ${text}`);
  }

  /** Prints a table with a header row. Cells that look like numbers or amounts are right-aligned. */
  table(headers: readonly string[], rows: readonly (readonly string[])[]): void {
    const widths = headers.map((header, column) =>
      Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
    );
    const line = (cells: readonly string[]) =>
      cells
        .map((cell, column) =>
          /^-?[\d.,]+$/.test(cell) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!),
        )
        .join('  ')
        .trimEnd();
    this.info(line(headers));
    this.info(widths.map((width) => '─'.repeat(width)).join('  '));
    for (const row of rows) this.info(line(row));
  }
}
