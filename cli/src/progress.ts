/** Progress of long work (accounts, regions) on stderr, so that stdout holds only the report; silent with --quiet. */
export class Progress {
  constructor(private readonly stream: { write(text: string): unknown } | undefined) {}

  public info(message: string): void {
    this.stream?.write(`lambda-trail: ${message}\n`);
  }
}
