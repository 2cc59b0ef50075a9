import type { ShopMessage } from './hub-peers';
import { judgeChat, newChatterState, type ChatLimits, type ChatterState, type ChatVerdict } from './chat-rules';

/** What a room's moderation starts from: the stored bans, mutes, slow mode and shop banned words. */
export interface ModerationState {
  bans: string[];
  mutes: Map<string, number>;
  slowModeSeconds: number;
  bannedWords: string[];
}

/**
 * The moderation of one room on this node: who is banned or muted, slow mode, the banned words
 * (operator's + shop's), and each chatter's rate-limit state. The hub asks it to judge every message
 * and feeds it the changes other nodes announce on the bus.
 */
export class RoomModeration {
  readonly #bans: Set<string>;
  readonly #mutes: Map<string, number>;
  readonly #chatters = new Map<string, ChatterState>();
  #slowModeSeconds: number;
  // Operator's and shop's words together, built when the shop's list changes, not per message.
  #bannedWords: readonly string[];

  constructor(
    initial: ModerationState,
    private readonly operatorWords: readonly string[],
    private readonly limits: ChatLimits,
  ) {
    this.#bans = new Set(initial.bans);
    this.#mutes = initial.mutes;
    this.#slowModeSeconds = initial.slowModeSeconds;
    this.#bannedWords = [...operatorWords, ...initial.bannedWords];
  }

  get slowModeSeconds(): number {
    return this.#slowModeSeconds;
  }

  isBanned(viewerId: string): boolean {
    return this.#bans.has(viewerId);
  }

  judge(input: { text: string; viewerId: string; privileged: boolean; now: number }): ChatVerdict {
    let state = this.#chatters.get(input.viewerId);
    if (!state) {
      if (this.#chatters.size > 50_000) this.#chatters.clear(); // bounded; forgetting only relaxes limits
      this.#chatters.set(input.viewerId, (state = newChatterState(input.now, this.limits)));
    }
    const rules = {
      slowModeSeconds: this.#slowModeSeconds,
      mutedUntil: (v: string) => this.#mutes.get(v),
      banned: (v: string) => this.#bans.has(v),
      bannedWords: this.#bannedWords,
    };
    return judgeChat(input, state, rules, this.limits);
  }

  ban(viewerId: string): void {
    this.#bans.add(viewerId);
  }

  unban(viewerId: string): void {
    this.#bans.delete(viewerId);
  }

  mute(viewerId: string, until: number): void {
    this.#mutes.set(viewerId, until);
  }

  setSlowMode(seconds: number): void {
    this.#slowModeSeconds = seconds;
  }

  setShopWords(words: readonly string[]): void {
    this.#bannedWords = [...this.operatorWords, ...words];
  }

  /** A shop-wide change from the bus; answers the viewer whose sockets must close (a ban). */
  apply(msg: ShopMessage): string | undefined {
    if (msg.k === 'words') this.setShopWords(msg.words);
    else if (msg.k === 'unban') this.unban(msg.viewerId);
    else {
      this.ban(msg.viewerId);
      return msg.viewerId;
    }
    return undefined;
  }
}
