import { TimeWindow } from './time-window.js';
import type {
  FakeKeyStats,
  FakeProviderKind,
  FakeProviderStats,
  FaultKind,
  RecordedRequest,
} from './types.js';

interface KeyState extends FakeKeyStats {
  window: TimeWindow;
  inFlight: number;
}

/** Counters the server keeps for `stats()`: cheap increments, no per-request allocation beyond the windows. */
export class RequestStats {
  private total = 0;
  private byPath: Record<string, number> = {};
  private byProvider: Partial<Record<FakeProviderKind, number>> = {};
  private byStatus: Record<string, number> = {};
  private faults: Partial<Record<FaultKind | 'poison', number>> = {};
  private keys = new Map<string, KeyState>();
  private recorded: RecordedRequest[] = [];
  private rateLimited = 0;
  private answered = 0;
  private inFlight = 0;
  private maxInFlight = 0;
  private allWindow: TimeWindow;
  private maxPerWindow = 0;
  sequence = 0;

  constructor(
    private readonly windowMs: number,
    private readonly recordLimit: number,
  ) {
    this.allWindow = new TimeWindow(windowMs);
  }

  arrived(path: string): void {
    this.total++;
    this.byPath[path] = (this.byPath[path] ?? 0) + 1;
    this.inFlight++;
    if (this.inFlight > this.maxInFlight) this.maxInFlight = this.inFlight;
  }

  finished(): void {
    this.inFlight--;
  }

  /** Counts a provider request for its key; returns the key's 1-based request number. */
  providerRequest(provider: FakeProviderKind, apiKey: string, now: number): number {
    this.byProvider[provider] = (this.byProvider[provider] ?? 0) + 1;
    this.allWindow.add(now);
    this.maxPerWindow = Math.max(this.maxPerWindow, this.allWindow.count(now));
    let key = this.keys.get(apiKey);
    if (!key) {
      key = {
        requests: 0,
        rateLimited: 0,
        maxPerWindow: 0,
        maxInFlight: 0,
        inFlight: 0,
        window: new TimeWindow(this.windowMs),
      };
      this.keys.set(apiKey, key);
    }
    key.requests++;
    key.window.add(now);
    const inWindow = key.window.count(now);
    if (inWindow > key.maxPerWindow) key.maxPerWindow = inWindow;
    key.inFlight++;
    if (key.inFlight > key.maxInFlight) key.maxInFlight = key.inFlight;
    return key.requests;
  }

  providerFinished(apiKey: string): void {
    const key = this.keys.get(apiKey);
    if (key) key.inFlight--;
  }

  record(entry: RecordedRequest): void {
    if (this.recordLimit <= 0) return;
    this.recorded.push(entry);
    if (this.recorded.length > this.recordLimit) this.recorded.shift();
  }

  status(code: number): void {
    this.byStatus[code] = (this.byStatus[code] ?? 0) + 1;
    if (code >= 200 && code < 300) this.answered++;
  }

  limited(apiKey: string): void {
    this.rateLimited++;
    const key = this.keys.get(apiKey);
    if (key) key.rateLimited++;
  }

  fault(kind: FaultKind | 'poison'): void {
    this.faults[kind] = (this.faults[kind] ?? 0) + 1;
  }

  snapshot(): FakeProviderStats {
    const byKey: Record<string, FakeKeyStats> = {};
    for (const [name, k] of this.keys) {
      byKey[name] = {
        requests: k.requests,
        rateLimited: k.rateLimited,
        maxPerWindow: k.maxPerWindow,
        maxInFlight: k.maxInFlight,
      };
    }
    return {
      total: this.total,
      byPath: { ...this.byPath },
      byProvider: { ...this.byProvider },
      byKey,
      byStatus: { ...this.byStatus },
      faults: { ...this.faults },
      rateLimited: this.rateLimited,
      answered: this.answered,
      inFlight: this.inFlight,
      maxInFlight: this.maxInFlight,
      maxPerWindow: this.maxPerWindow,
      windowMs: this.windowMs,
      requests: [...this.recorded],
    };
  }

  /** Clears everything except requests still in flight. */
  reset(): void {
    const inFlight = this.inFlight;
    this.total = 0;
    this.byPath = {};
    this.byProvider = {};
    this.byStatus = {};
    this.faults = {};
    this.recorded = [];
    this.rateLimited = 0;
    this.answered = 0;
    this.maxInFlight = inFlight;
    this.allWindow = new TimeWindow(this.windowMs);
    this.maxPerWindow = 0;
    this.sequence = 0;
    for (const [name, key] of this.keys) {
      if (key.inFlight === 0) this.keys.delete(name);
      else
        Object.assign(key, {
          requests: 0,
          rateLimited: 0,
          maxPerWindow: 0,
          maxInFlight: key.inFlight,
          window: new TimeWindow(this.windowMs),
        });
    }
  }
}
