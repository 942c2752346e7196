import type { SandboxTime } from '../contracts/sessions.ts';

export type SkipTo = 'next-session' | 'day' | 'week';

/** How the app moves the sandbox's time: its jobs run at each step, so what falls due happens in order. */
export interface TimeMover {
  status(): Promise<SandboxTime>;
  skip(to: SkipTo): Promise<SandboxTime>;
}

/**
 * The control page's handle on sandbox time. The sandbox is mounted before the app's jobs exist,
 * so the app attaches its mover once they do; one move at a time.
 */
export class TimeControl {
  private mover: TimeMover | undefined;
  private moving: Promise<SandboxTime> | undefined;

  attach(mover: TimeMover): void {
    this.mover = mover;
  }

  async status(): Promise<SandboxTime | undefined> {
    const s = await this.mover?.status();
    return s && { ...s, moving: this.moving !== undefined };
  }

  /** Moves time; a second request while one runs waits for it and answers the same. */
  async skip(to: SkipTo): Promise<SandboxTime | undefined> {
    if (!this.mover) return undefined;
    if (this.moving) return this.moving;
    this.moving = this.mover.skip(to).finally(() => (this.moving = undefined));
    return this.moving;
  }
}
